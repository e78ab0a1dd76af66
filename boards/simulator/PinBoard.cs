using System;
using System.Collections.Generic;
using PosTerminal.Firmware;
using PosTerminal.Hal;
using PosTerminal.Hal.Display;
using PosTerminal.Hal.Keypad;
using PosTerminal.Simulator.Flash;
using PosTerminal.Simulator.Parts;

namespace PosTerminal.Simulator
{
    /// <summary>
    /// The pin-level board: the firmware runs on the real drivers (MatrixKeypad, St7920)
    /// over electrically simulated parts (a bouncing switch matrix, an ST7920 decoding its
    /// SPI stream), wired as board.json says. Key presses close a switch; the screen is
    /// what the simulated glass shows.
    /// </summary>
    public sealed class PinBoard : SimBoard
    {
        /// <summary>How long PressKey holds a key down, then how long it leaves it up: a brisk operator.</summary>
        public const int PressMicros = 80_000;
        public const int ReleaseMicros = 80_000;

        private readonly Dictionary<Key, (int Row, int Column)> _switchOf = new Dictionary<Key, (int, int)>();
        private readonly Key[] _layout;

        /// <summary>A board wired from the ESP32 terminal's board.json.</summary>
        public PinBoard(SimFlash flash) : this(flash, BoardDescription.LoadDefault())
        {
        }

        /// <param name="flash">The store's flash.</param>
        /// <param name="board">Pin map, keypad layout and LCD bus clock.</param>
        /// <param name="seed">Seed of the keys' contact bounce.</param>
        /// <param name="maxBounceMicros">Longest contact bounce burst (0: ideal contacts).</param>
        public PinBoard(SimFlash flash, BoardDescription board, int seed = 1, int maxBounceMicros = 5000) : base(flash)
        {
            ArgumentNullException.ThrowIfNull(board);
            Description = board;
            _layout = board.KeyLayout();
            int columns = board.Keypad.Columns.Length;
            for (int i = 0; i < _layout.Length; i++)
            {
                if (_layout[i] != Key.None) _switchOf[_layout[i]] = (i / columns, i % columns);
            }
            Matrix = new SimKeypadMatrix(board.Keypad.Rows.Length, columns, Clock, seed, maxBounceMicros);
            Lcd = new SimSt7920();
            Spi = new SimSpiBus(Clock, board.Lcd.ClockHz, Lcd);
        }

        public BoardDescription Description { get; }

        /// <summary>The keypad's switches and lines (kept across reboots, like the real keys).</summary>
        public SimKeypadMatrix Matrix { get; }

        /// <summary>The LCD controller (kept across reboots; its problems accumulate).</summary>
        public SimSt7920 Lcd { get; }

        public SimSpiBus Spi { get; }

        /// <summary>The firmware's keypad driver since the last power-on.</summary>
        public MatrixKeypad Keypad { get; private set; }

        /// <summary>The firmware's LCD driver since the last power-on.</summary>
        public St7920 Display { get; private set; }

        /// <summary>Main-loop passes run, and the managed bytes they allocated.</summary>
        public long Polls { get; private set; }

        public long PollAllocatedBytes { get; private set; }

        /// <summary>Managed bytes the last main-loop pass allocated.</summary>
        public long LastPollAllocatedBytes { get; private set; }

        public override void PressKey(Key key)
        {
            Hold(key);
            Advance(PressMicros);
            Release(key);
            Advance(ReleaseMicros);
        }

        /// <summary>Puts a finger on the key (it bounces, then stays closed); time does not move.</summary>
        public void Hold(Key key)
        {
            var (row, column) = SwitchOf(key);
            Matrix.Press(row, column);
        }

        /// <summary>Lifts the finger off the key; time does not move.</summary>
        public void Release(Key key)
        {
            var (row, column) = SwitchOf(key);
            Matrix.Release(row, column);
        }

        public override string[] ScreenLines()
        {
            if (!PoweredOn) return new[] { "", "", "", "" };
            return Lcd.Render();
        }

        public PinCounters ReadCounters()
        {
            return new PinCounters(Spi.BytesWritten, Spi.Transfers, Lcd.Instructions, Matrix.GpioOperations,
                Matrix.ColumnEdges, Polls, PollAllocatedBytes);
        }

        protected override TerminalHardware CreateHardware()
        {
            Matrix.PowerOn();
            Lcd.PowerOn(Clock.UptimeMicros);
            Keypad = new MatrixKeypad(Matrix.RowLines, Matrix.ColumnLines, _layout, Clock);
            Display = new St7920(Spi, Clock);
            return CommonHardware(Keypad, Display);
        }

        protected override void Tick()
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            base.Tick();
            LastPollAllocatedBytes = GC.GetAllocatedBytesForCurrentThread() - before;
            PollAllocatedBytes += LastPollAllocatedBytes;
            Polls++;
        }

        private (int Row, int Column) SwitchOf(Key key)
        {
            if (!_switchOf.TryGetValue(key, out var position))
                throw new ArgumentException("the board's keypad has no key " + key, nameof(key));
            return position;
        }
    }
}

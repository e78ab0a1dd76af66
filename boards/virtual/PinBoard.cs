using System;
using System.Collections.Generic;
using PosTerminal.Firmware;
using PosTerminal.Hal;
using PosTerminal.Hal.Display;
using PosTerminal.Hal.Keypad;
using PosTerminal.Hal.Pins;
using PosTerminal.Virtual.Flash;
using PosTerminal.Virtual.Parts;

namespace PosTerminal.Virtual
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
        private readonly AllocationMeter _partsMeter = new AllocationMeter();
        private KeyReportTap _keys;
        private TimedDisplay _lcdTime;
        private long _keysReportedEarlier;
        private long _lcdMicrosEarlier;

        /// <summary>A board wired from the ESP32 terminal's board.json.</summary>
        public PinBoard(SimFlash flash) : this(flash, BoardDescription.LoadDefault())
        {
        }

        /// <param name="flash">The store's flash.</param>
        /// <param name="board">Pin map, keypad layout and LCD bus clock.</param>
        /// <param name="seed">Seed of the keys' contact bounce.</param>
        /// <param name="maxBounceMicros">Longest contact bounce burst (0: ideal contacts).</param>
        /// <param name="maxEdgeDelayMicros">Longest delay before a column edge reaches the driver (the ESP32's event thread; 0: at once).</param>
        public PinBoard(SimFlash flash, BoardDescription board, int seed = 1, int maxBounceMicros = 5000, int maxEdgeDelayMicros = 0) : base(flash)
        {
            ArgumentNullException.ThrowIfNull(board);
            Description = board;
            _layout = board.KeyLayout();
            int columns = board.Keypad.Columns.Length;
            for (int i = 0; i < _layout.Length; i++)
            {
                if (_layout[i] != Key.None) _switchOf[_layout[i]] = (i / columns, i % columns);
            }
            Matrix = new SimKeypadMatrix(board.Keypad.Rows.Length, columns, Clock, seed, maxBounceMicros, maxEdgeDelayMicros);
            Lcd = new SimSt7920();
            Spi = new SimSpiBus(Clock, board.Lcd.ClockHz, Lcd);
            Built?.Invoke(this);
        }

        /// <summary>
        /// Raised for every pin-level board made, anywhere: the test suite watches each one's
        /// simulated LCD and fails the run on any problem it reports.
        /// </summary>
        public static event Action<PinBoard> Built;

        /// <summary>Raised after each PressKey with what the press cost and when the firmware read the key.</summary>
        public event Action<KeyPress> KeyPressed;

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

        /// <summary>Main-loop passes run.</summary>
        public long Polls { get; private set; }

        /// <summary>
        /// Managed bytes the firmware allocated in main-loop passes: everything the pass
        /// allocated on this thread minus what the simulated keypad lines, SPI bus + LCD and
        /// card-reader recorder allocated inside it (see PartAllocatedBytes).
        /// </summary>
        public long PollAllocatedBytes { get; private set; }

        /// <summary>Managed bytes the firmware allocated in the last main-loop pass.</summary>
        public long LastPollAllocatedBytes { get; private set; }

        /// <summary>Managed bytes the simulated pin-level parts allocated inside main-loop passes (excluded above).</summary>
        public long PartAllocatedBytes { get; private set; }

        /// <summary>Keys the firmware has read from the keypad driver since the board was made.</summary>
        public long KeysReported { get { return _keysReportedEarlier + (_keys == null ? 0 : _keys.Reports); } }

        /// <summary>Virtual µs the firmware spent in LCD updates (bus time plus the driver's waits), power-on init excluded.</summary>
        public long LcdMicros { get { return _lcdMicrosEarlier + (_lcdTime == null ? 0 : _lcdTime.Micros); } }

        public override void PressKey(Key key)
        {
            PinCounters before = ReadCounters();
            string from = ScreenId;
            if (_keys != null) _keys.Mark();
            long settled = Hold(key);
            Advance(PressMicros);
            long reported = _keys == null ? -1 : _keys.FirstReportSinceMarkMicros;
            Release(key);
            Advance(ReleaseMicros);
            KeyPressed?.Invoke(new KeyPress(key, ReadCounters() - before, settled, reported, from, ScreenId));
        }

        public override void PressAndHold(Key key, long micros)
        {
            Hold(key);
            Advance(micros);
            Release(key);
            Advance(ReleaseMicros);
        }

        /// <summary>Puts a finger on the key (it bounces, then stays closed); time does not move. Returns when the contact settles (virtual µs).</summary>
        public long Hold(Key key)
        {
            var (row, column) = SwitchOf(key);
            return Matrix.Press(row, column);
        }

        /// <summary>Lifts the finger off the key; time does not move. Returns when the contact settles (virtual µs).</summary>
        public long Release(Key key)
        {
            var (row, column) = SwitchOf(key);
            return Matrix.Release(row, column);
        }

        public override string[] ScreenLines()
        {
            if (!PoweredOn) return new[] { "", "", "", "" };
            return Lcd.Render();
        }

        public PinCounters ReadCounters()
        {
            return new PinCounters(Spi.BytesWritten, Spi.Transfers, Lcd.Instructions, Matrix.GpioOperations,
                Matrix.ColumnEdges, Polls, PollAllocatedBytes, PartAllocatedBytes, LcdMicros, KeysReported, Matrix.Writes, Lcd.Clears);
        }

        /// <summary>
        /// The firmware's drivers on the board's parts. The parts are handed over metered (their
        /// own allocations are told apart from the firmware's) and the drivers tapped (when a key
        /// is read, how long LCD updates take); none of that changes what the firmware sees.
        /// </summary>
        protected override TerminalHardware CreateHardware()
        {
            Matrix.PowerOn();
            Lcd.PowerOn(Clock.UptimeMicros);
            Keypad = new MatrixKeypad(Metered(Matrix.RowLines), Metered(Matrix.ColumnLines), _layout, Clock);
            Display = new St7920(new MeteredSpiBus(Spi, _partsMeter), Clock);
            if (_keys != null) _keysReportedEarlier += _keys.Reports;
            if (_lcdTime != null) _lcdMicrosEarlier += _lcdTime.Micros;
            _keys = new KeyReportTap(Keypad, Clock);
            _lcdTime = new TimedDisplay(Display, Clock);
            TerminalHardware hardware = CommonHardware(_keys, _lcdTime);
            hardware.Swipe = new MeteredSwipeCapture(hardware.Swipe, _partsMeter);
            return hardware;
        }

        private long _edgesSeen;

        /// <summary>Each delivered column edge wakes the loop, as GpioPin.ValueChanged sets the ESP32 board's wake event.</summary>
        protected override bool PartInputArrived()
        {
            long delivered = Matrix.DeliveredEdges;
            if (delivered == _edgesSeen) return false;
            _edgesSeen = delivered;
            return true;
        }

        protected override long NextInputMicros(long nowMicros)
        {
            return Math.Min(base.NextInputMicros(nowMicros), Matrix.NextEventMicros(nowMicros));
        }

        protected override IToneOutput BuzzerLine()
        {
            return new MeteredToneOutput(Buzzer, _partsMeter);
        }

        protected override void Tick()
        {
            long parts = _partsMeter.Bytes;
            long before = GC.GetAllocatedBytesForCurrentThread();
            base.Tick();
            long all = GC.GetAllocatedBytesForCurrentThread() - before;
            parts = _partsMeter.Bytes - parts;
            LastPollAllocatedBytes = all - parts;
            PollAllocatedBytes += LastPollAllocatedBytes;
            PartAllocatedBytes += parts;
            Polls++;
        }

        private IOutputLine[] Metered(IOutputLine[] lines)
        {
            var metered = new IOutputLine[lines.Length];
            for (int i = 0; i < lines.Length; i++) metered[i] = new MeteredOutputLine(lines[i], _partsMeter);
            return metered;
        }

        private IInputLine[] Metered(IInputLine[] lines)
        {
            var metered = new IInputLine[lines.Length];
            for (int i = 0; i < lines.Length; i++) metered[i] = new MeteredInputLine(lines[i], _partsMeter);
            return metered;
        }

        private (int Row, int Column) SwitchOf(Key key)
        {
            if (!_switchOf.TryGetValue(key, out var position))
                throw new ArgumentException("the board's keypad has no key " + key, nameof(key));
            return position;
        }
    }
}

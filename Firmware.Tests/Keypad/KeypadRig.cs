using System.Collections.Generic;
using PosTerminal.Hal;
using PosTerminal.Firmware;
using PosTerminal.Hal.Keypad;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Parts;

namespace PosTerminal.Firmware.Tests.Keypad
{
    /// <summary>The keypad driver on a simulated matrix wired as board.json says, polled like the board's main loop.</summary>
    internal sealed class KeypadRig
    {
        /// <summary>A poll per FreeRTOS tick: the main loop's cadence while a key moves or is held.</summary>
        public const int PollMs = MainLoop.TickMs;

        private readonly Key[] _layout;
        private readonly int _columns;

        /// <param name="maxEdgeDelayMicros">Column edges reach the driver this late at most (the ESP32's event thread); 0: at once.</param>
        public KeypadRig(int seed = 1, int maxBounceMicros = 5000, int maxEdgeDelayMicros = 0)
        {
            BoardDescription board = BoardDescription.LoadDefault();
            _layout = board.KeyLayout();
            _columns = board.Keypad.Columns.Length;
            Clock = new VirtualClock();
            Matrix = new SimKeypadMatrix(board.Keypad.Rows.Length, _columns, Clock, seed, maxBounceMicros, maxEdgeDelayMicros);
            Keypad = new MatrixKeypad(Matrix.RowLines, Matrix.ColumnLines, _layout, Clock);
        }

        public VirtualClock Clock { get; }
        public SimKeypadMatrix Matrix { get; }
        public MatrixKeypad Keypad { get; }

        /// <summary>Keys reported so far, with the virtual time (µs) each was read.</summary>
        public List<(Key Key, long AtMicros)> Reported { get; } = new List<(Key, long)>();

        public long Press(Key key)
        {
            int i = System.Array.IndexOf(_layout, key);
            return Matrix.Press(i / _columns, i % _columns);
        }

        public long Release(Key key)
        {
            int i = System.Array.IndexOf(_layout, key);
            return Matrix.Release(i / _columns, i % _columns);
        }

        /// <summary>Runs the main loop for ms milliseconds, one poll every PollMs.</summary>
        public void Run(int ms)
        {
            for (int t = 0; t < ms; t += PollMs)
            {
                Clock.AdvanceMicros(PollMs * 1000);
                Key key;
                while (Keypad.TryReadKey(out key)) Reported.Add((key, Clock.UptimeMicros));
            }
        }

        /// <summary>Runs the main loop for ms milliseconds without keeping what it reads (allocation-free).</summary>
        public int RunQuietly(int ms)
        {
            int keys = 0;
            for (int t = 0; t < ms; t += PollMs)
            {
                Clock.AdvanceMicros(PollMs * 1000);
                Key key;
                while (Keypad.TryReadKey(out key)) keys++;
            }
            return keys;
        }

        public List<Key> Keys()
        {
            return Reported.ConvertAll(r => r.Key);
        }
    }
}

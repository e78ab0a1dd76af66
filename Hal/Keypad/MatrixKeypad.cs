using System;
using PosTerminal.Hal.Pins;

namespace PosTerminal.Hal.Keypad
{
    /// <summary>
    /// A row/column switch matrix read as debounced key presses.
    ///
    /// The firmware's main loop calls TryReadKey; when no key is queued that call does one
    /// poll step: while idle it only compares the columns' edge counters (no GPIO work);
    /// once a column moves it polls every ScanPeriodMs until all keys are released again.
    /// A poll rescans the matrix only when a column moved since the last scan, and at least
    /// every QuietPollsPerScan + 1 polls (an edge cannot show a second key closing on a
    /// column a held key already pulls low); otherwise the last reading stands.
    ///
    /// Rules:
    /// - a new matrix state is accepted once it has been stable for DebounceMs;
    /// - a key is reported when it appears in an accepted state (release is accepted the same way);
    /// - Up and Down repeat while held: first after RepeatDelayMs, then every RepeatPeriodMs;
    /// - Clear held for HoldMs is reported once more, as Key.ClearHeld (clear the whole field);
    /// - when three or more closed switches form a rectangle the fourth corner cannot be
    ///   told from a ghost, so nothing is reported until the rectangle breaks.
    /// Poll never allocates.
    /// </summary>
    public sealed class MatrixKeypad : IKeypad, IPassTimer
    {
        /// <summary>How long a matrix state must stay unchanged before it counts (contact bounce is typically under 10 ms).</summary>
        public const int DebounceMs = 20;

        /// <summary>
        /// Scan interval while keys move or are held: one FreeRTOS tick, the main loop's shortest
        /// sleep (MainLoop.TickMs). A key is reported about DebounceMs + ScanPeriodMs after its
        /// contacts settle, at most DebounceMs + 2 x ScanPeriodMs (under 40 ms).
        /// </summary>
        public const int ScanPeriodMs = 10;

        /// <summary>Polls that may reuse the last reading when no column moved: a held key costs a full scan every 20 ms, not every 10 ms.</summary>
        public const int QuietPollsPerScan = 1;

        /// <summary>Hold time before Up/Down start repeating: longer than a deliberate single press.</summary>
        public const int RepeatDelayMs = 500;

        /// <summary>Repeat interval: 8 steps a second, slow enough to stop on the wanted list entry.</summary>
        public const int RepeatPeriodMs = 125;

        /// <summary>Hold time after which CLEAR also reports Key.ClearHeld: twice the repeat delay, so no brisk press comes near it.</summary>
        public const int HoldMs = 1000;

        private readonly MatrixScanner _scanner;
        private readonly Key[] _layout;
        private readonly IClock _clock;
        private readonly KeyQueue _queue = new KeyQueue(8);
        private readonly long _columnMask;

        private bool _idle;
        private long _lastScanMs;
        private long _lastClosed;
        private int _quietPolls;
        private long _candidate;
        private long _candidateSinceMs;
        private long _stable;
        private Key _repeatKey = Key.None;
        private long _nextRepeatMs;
        private readonly long _clearBit;
        private bool _clearHolding;
        private long _clearHeldAtMs;

        /// <param name="rows">Open-drain row lines, in layout order.</param>
        /// <param name="columns">Pulled-up column lines, in layout order.</param>
        /// <param name="layout">Key at (row, column), row-major, rows.Length × columns.Length; Key.None where no switch is fitted.</param>
        /// <param name="clock">Time base for debounce and repeat.</param>
        public MatrixKeypad(IOutputLine[] rows, IInputLine[] columns, Key[] layout, IClock clock)
        {
            CheckLines(rows, columns);
            if (layout == null) throw new ArgumentNullException("layout");
            if (clock == null) throw new ArgumentNullException("clock");
            if (layout.Length != rows.Length * columns.Length)
                throw new ArgumentException("layout has " + layout.Length + " keys for " + rows.Length + " x " + columns.Length + " switches", "layout");

            _layout = layout;
            _clock = clock;
            _columnMask = (1L << columns.Length) - 1;
            _scanner = new MatrixScanner(rows, columns);
            _clearBit = Bit(Key.Clear);
            // Not idle yet, and the first poll scans: a key held at power-on makes no edge.
            _lastScanMs = clock.UptimeMs - ScanPeriodMs;
            _quietPolls = QuietPollsPerScan;
        }

        /// <summary>True while the keypad waits on edge counters only (nothing pressed, nothing settling).</summary>
        public bool Idle { get { return _idle; } }

        /// <summary>
        /// When the next poll is needed: at once with a key queued, ScanPeriodMs after the last
        /// scan while keys move or are held, never while idle (a column edge wakes the loop).
        /// </summary>
        public long NextPassMs
        {
            get
            {
                if (_queue.Count > 0) return 0;
                return _idle ? long.MaxValue : _lastScanMs + ScanPeriodMs;
            }
        }

        public bool TryReadKey(out Key key)
        {
            if (_queue.Count == 0) Poll();
            return _queue.TryTake(out key);
        }

        private void Poll()
        {
            long now = _clock.UptimeMs;
            if (_idle)
            {
                if (!_scanner.ColumnsMoved()) return;
                _idle = false;
            }
            else if (now - _lastScanMs < ScanPeriodMs)
            {
                return;
            }
            _lastScanMs = now;
            long closed = Read();
            Debounce(closed, now);
            Repeat(now);
            ReportHold(now);
            _idle = closed == 0 && _stable == 0;
        }

        /// <summary>The switches closed now: the last reading while no column has moved, else a scan.</summary>
        private long Read()
        {
            if (_quietPolls < QuietPollsPerScan && !_scanner.ColumnsMoved())
            {
                _quietPolls++;
                return _lastClosed;
            }
            _quietPolls = 0;
            _lastClosed = _scanner.Scan();
            return _lastClosed;
        }

        private void Debounce(long closed, long now)
        {
            if (closed != _candidate)
            {
                _candidate = closed;
                _candidateSinceMs = now;
                return;
            }
            if (_candidate == _stable || now - _candidateSinceMs < DebounceMs) return;
            long pressed = _candidate & ~_stable;
            _stable = _candidate;
            Accept(pressed, now);
        }

        /// <summary>Reports the switches that closed in the newly accepted state.</summary>
        private void Accept(long pressed, long now)
        {
            if (IsAmbiguous(_stable))
            {
                _repeatKey = Key.None;
                _clearHolding = false;
                return;
            }
            if (_repeatKey != Key.None && (_stable & Bit(_repeatKey)) == 0) _repeatKey = Key.None;
            if ((_stable & _clearBit) == 0) _clearHolding = false;
            for (int i = 0; i < _layout.Length; i++)
            {
                if ((pressed & (1L << i)) == 0 || _layout[i] == Key.None) continue;
                Key key = _layout[i];
                _queue.Add(key);
                // The last key pressed decides: Up/Down start repeating, anything else stops it.
                _repeatKey = Repeats(key) ? key : Key.None;
                _nextRepeatMs = now + RepeatDelayMs;
                // Likewise for the hold: only CLEAR pressed last, and still down, counts.
                _clearHolding = key == Key.Clear;
                _clearHeldAtMs = now + HoldMs;
            }
        }

        private void Repeat(long now)
        {
            if (_repeatKey == Key.None || now < _nextRepeatMs) return;
            _queue.Add(_repeatKey);
            _nextRepeatMs = now + RepeatPeriodMs;
        }

        /// <summary>CLEAR down for HoldMs (since it was accepted): Key.ClearHeld, once per hold.</summary>
        private void ReportHold(long now)
        {
            if (!_clearHolding || now < _clearHeldAtMs) return;
            _queue.Add(Key.ClearHeld);
            _clearHolding = false;
        }

        /// <summary>
        /// Ghost test: two rows sharing two or more closed columns form a rectangle, and
        /// without diodes the matrix cannot say which of its corners are really pressed.
        /// </summary>
        private bool IsAmbiguous(long closed)
        {
            int rows = _scanner.RowCount;
            int columns = _scanner.ColumnCount;
            for (int a = 0; a < rows; a++)
            {
                long rowA = (closed >> (a * columns)) & _columnMask;
                if (rowA == 0) continue;
                for (int b = a + 1; b < rows; b++)
                {
                    long shared = rowA & (closed >> (b * columns)) & _columnMask;
                    if ((shared & (shared - 1)) != 0) return true;
                }
            }
            return false;
        }

        private long Bit(Key key)
        {
            for (int i = 0; i < _layout.Length; i++)
            {
                if (_layout[i] == key) return 1L << i;
            }
            return 0;
        }

        private static bool Repeats(Key key)
        {
            return key == Key.Up || key == Key.Down;
        }

        private static void CheckLines(IOutputLine[] rows, IInputLine[] columns)
        {
            if (rows == null) throw new ArgumentNullException("rows");
            if (columns == null) throw new ArgumentNullException("columns");
            if (rows.Length == 0 || columns.Length == 0) throw new ArgumentException("a matrix needs at least one row and one column");
            if (columns.Length > 30 || rows.Length * columns.Length > 64)
                throw new ArgumentException("at most 30 columns and 64 switches");
            for (int i = 0; i < rows.Length; i++)
            {
                if (rows[i] == null) throw new ArgumentNullException("rows", "row " + i + " is null");
            }
            for (int i = 0; i < columns.Length; i++)
            {
                if (columns[i] == null) throw new ArgumentNullException("columns", "column " + i + " is null");
            }
        }
    }
}

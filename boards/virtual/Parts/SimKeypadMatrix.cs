using System;
using System.Collections.Generic;
using PosTerminal.Hal.Pins;

namespace PosTerminal.Virtual.Parts
{
    /// <summary>
    /// A keypad wired as a switch matrix, electrically: rows are open-drain outputs (low or
    /// released), columns inputs with pull-ups. A column reads low when closed switches
    /// join it, directly or through other rows and columns, to a row pulled low; so three
    /// keys on a rectangle make the fourth corner read closed too (a ghost), as on a
    /// matrix without diodes.
    ///
    /// Contacts bounce: Press and Release schedule a seeded random burst of make/break
    /// transitions before the contact settles. Lines apply due transitions lazily against
    /// the virtual clock, so each column counts every level change (its Edges, as the
    /// ESP32's native edge detector would) and every Read and Write is counted as one
    /// GPIO operation.
    /// <para>
    /// Late edges: on the ESP32 a column's edge is counted by GpioPin.ValueChanged on the event
    /// dispatcher thread, which runs only once the main thread blocks, or after its 20 ms time
    /// slice: so the count arrives after the driver has re-read its baseline, even for the
    /// edges its own scan caused. With maxEdgeDelayMicros > 0 each edge reaches Edges after a
    /// seeded random delay of 1 µs to maxEdgeDelayMicros (up to the 20 ms slice), in order per
    /// column; 0 delivers at once. Read always gives the level now.
    /// </para>
    /// </summary>
    public sealed class SimKeypadMatrix
    {
        private readonly VirtualClock _clock;
        private readonly Random _random;
        private readonly int _maxBounceMicros;
        private readonly int _rows;
        private readonly int _columns;
        private readonly bool[] _closed;
        private readonly bool[] _rowLow;
        private readonly bool[] _columnLow;
        private readonly int[] _edges;
        private readonly int[] _delivered;
        private readonly int _maxEdgeDelayMicros;
        private readonly Random _delays;
        private readonly List<(long At, int Column)> _deliveries = new List<(long, int)>();
        private long _edgeTime;
        private readonly int[] _group;
        private readonly bool[] _groupLow;
        private readonly List<Transition> _pending = new List<Transition>();
        private static readonly IComparer<Transition> InOrder = Comparer<Transition>.Create(
            (a, b) => a.AtMicros != b.AtMicros ? a.AtMicros.CompareTo(b.AtMicros) : a.Sequence.CompareTo(b.Sequence));
        private int _next;
        private long _sequence;

        /// <param name="rows">Row lines (driven by the keypad driver).</param>
        /// <param name="columns">Column lines (read by the keypad driver).</param>
        /// <param name="clock">Virtual time the bounce is scheduled on.</param>
        /// <param name="seed">Seed of the bounce pattern, so runs repeat.</param>
        /// <param name="maxBounceMicros">Longest bounce burst; 0 for ideal contacts. Real keys bounce for a few ms.</param>
        /// <param name="maxEdgeDelayMicros">Longest delay before an edge reaches Edges (the event thread); 0: at once.</param>
        public SimKeypadMatrix(int rows, int columns, VirtualClock clock, int seed = 1, int maxBounceMicros = 5000, int maxEdgeDelayMicros = 0)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(maxEdgeDelayMicros);
            _maxEdgeDelayMicros = maxEdgeDelayMicros;
            _delays = new Random(seed * 7919 + 13);
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
            ArgumentNullException.ThrowIfNull(clock);
            ArgumentOutOfRangeException.ThrowIfNegative(maxBounceMicros);
            _rows = rows;
            _columns = columns;
            _clock = clock;
            _random = new Random(seed);
            _maxBounceMicros = maxBounceMicros;
            _closed = new bool[rows * columns];
            _rowLow = new bool[rows];
            _columnLow = new bool[columns];
            _edges = new int[columns];
            _delivered = new int[columns];
            _group = new int[rows + columns];
            _groupLow = new bool[rows + columns];
            RowLines = new IOutputLine[rows];
            ColumnLines = new IInputLine[columns];
            for (int r = 0; r < rows; r++) RowLines[r] = new RowLine(this, r);
            for (int c = 0; c < columns; c++) ColumnLines[c] = new ColumnLine(this, c);
        }

        public IOutputLine[] RowLines { get; }

        public IInputLine[] ColumnLines { get; }

        /// <summary>Column reads since creation.</summary>
        public long Reads { get; private set; }

        /// <summary>Row writes since creation.</summary>
        public long Writes { get; private set; }

        /// <summary>Every Read and Write on the lines: what the ESP32 pays a slow managed GPIO call for.</summary>
        public long GpioOperations { get { return Reads + Writes; } }

        /// <summary>Level changes on all columns since creation.</summary>
        public long ColumnEdges
        {
            get
            {
                Settle();
                long sum = 0;
                foreach (int e in _edges) sum += e;
                return sum;
            }
        }

        /// <summary>Edges the event thread has delivered to the lines' counters so far (each one wakes the main loop).</summary>
        public long DeliveredEdges
        {
            get
            {
                Settle();
                long sum = 0;
                foreach (int e in _delivered) sum += e;
                return sum;
            }
        }

        /// <summary>Edges counted natively but not yet delivered (the event thread has not run).</summary>
        public int EdgesInFlight { get { Settle(); return _deliveries.Count; } }

        /// <summary>
        /// The next virtual time after nowMicros when something may happen on the lines: a contact
        /// transition or an edge delivery (long.MaxValue: nothing pending).
        /// </summary>
        public long NextEventMicros(long nowMicros)
        {
            long next = long.MaxValue;
            for (int i = _next; i < _pending.Count; i++)
            {
                if (_pending[i].AtMicros > nowMicros) { next = Math.Min(next, _pending[i].AtMicros); break; }
            }
            foreach (var d in _deliveries) if (d.At > nowMicros) next = Math.Min(next, d.At);
            return next;
        }

        /// <summary>Closes the switch at (row, column) through a bounce burst; returns the virtual time (µs) it settles.</summary>
        public long Press(int row, int column)
        {
            return Schedule(row, column, true);
        }

        /// <summary>Opens the switch at (row, column) through a bounce burst; returns the virtual time (µs) it settles.</summary>
        public long Release(int row, int column)
        {
            return Schedule(row, column, false);
        }

        /// <summary>The contact's state now (mid-bounce it may be either).</summary>
        public bool IsClosed(int row, int column)
        {
            Settle();
            return _closed[Index(row, column)];
        }

        /// <summary>
        /// The board lost power and its clock restarted: pending bounce ends at once (switches
        /// keep their final state: a finger stays on a key), rows are released.
        /// </summary>
        public void PowerOn()
        {
            for (int i = _next; i < _pending.Count; i++)
            {
                _closed[_pending[i].Switch] = _pending[i].Closed;
            }
            _pending.Clear();
            _next = 0;
            Array.Clear(_rowLow);
            Recompute();
            // The event queue does not survive a reset: what was in flight is counted at once.
            foreach (var d in _deliveries) _delivered[d.Column]++;
            _deliveries.Clear();
        }

        private long Schedule(int row, int column, bool closed)
        {
            int index = Index(row, column);
            Settle();
            // A new press or release overrides what is left of this switch's last burst.
            for (int i = _pending.Count - 1; i >= _next; i--)
            {
                if (_pending[i].Switch == index) _pending.RemoveAt(i);
            }
            long start = _clock.UptimeMicros;
            long settle = start;
            Add(start, index, closed);
            if (_maxBounceMicros >= 2)
            {
                settle = start + 2 + _random.Next(_maxBounceMicros * 3 / 10, _maxBounceMicros - 1);
                int toggles = 2 * _random.Next(1, 5);
                var times = new long[toggles];
                for (int i = 0; i < toggles - 1; i++) times[i] = start + 1 + _random.NextInt64(settle - start - 1);
                times[toggles - 1] = settle;
                Array.Sort(times);
                for (int i = 0; i < toggles; i++)
                {
                    // Alternates against the target, ending on it (toggles is even, and only the last is at 'settle').
                    Add(times[i], index, i % 2 == 0 ? !closed : closed);
                }
            }
            _pending.Sort(_next, _pending.Count - _next, InOrder);
            Settle();
            return settle;
        }

        private void Add(long atMicros, int index, bool closed)
        {
            _pending.Add(new Transition(atMicros, _sequence++, index, closed));
        }

        /// <summary>Applies every contact transition due by now, one at a time, so each edge is counted.</summary>
        private void Settle()
        {
            long now = _clock.UptimeMicros;
            while (_next < _pending.Count && _pending[_next].AtMicros <= now)
            {
                Transition t = _pending[_next++];
                _closed[t.Switch] = t.Closed;
                _edgeTime = t.AtMicros; // the native detector sees the edge when the contact moves
                Recompute();
            }
            if (_next == _pending.Count && _next > 0)
            {
                _pending.Clear();
                _next = 0;
            }
            Deliver(now);
        }

        /// <summary>The event thread's work up to now: edges whose delay is over reach their counters.</summary>
        private void Deliver(long now)
        {
            for (int i = 0; i < _deliveries.Count; i++)
            {
                if (_deliveries[i].At > now) continue;
                _delivered[_deliveries[i].Column]++;
                _deliveries.RemoveAt(i--);
            }
        }

        /// <summary>A native edge on column c: counted at once, or queued for the event thread.</summary>
        private void Edge(int c)
        {
            _edges[c]++;
            if (_maxEdgeDelayMicros == 0)
            {
                _delivered[c]++;
                return;
            }
            long at = _edgeTime + 1 + _delays.Next(_maxEdgeDelayMicros);
            // One dispatcher thread: a column's edges arrive in the order they happened.
            foreach (var d in _deliveries) if (d.At > at) at = d.At;
            _deliveries.Add((at, c));
        }

        /// <summary>Column levels from connectivity: nodes are rows then columns, closed switches join them.</summary>
        private void Recompute()
        {
            for (int n = 0; n < _group.Length; n++) _group[n] = n;
            for (int r = 0; r < _rows; r++)
            {
                for (int c = 0; c < _columns; c++)
                {
                    if (_closed[r * _columns + c]) Join(r, _rows + c);
                }
            }
            Array.Clear(_groupLow);
            for (int r = 0; r < _rows; r++)
            {
                if (_rowLow[r]) _groupLow[Root(r)] = true;
            }
            for (int c = 0; c < _columns; c++)
            {
                bool low = _groupLow[Root(_rows + c)];
                if (low != _columnLow[c]) Edge(c);
                _columnLow[c] = low;
            }
        }

        private void Join(int a, int b)
        {
            _group[Root(a)] = Root(b);
        }

        private int Root(int n)
        {
            while (_group[n] != n) n = _group[n];
            return n;
        }

        private int Index(int row, int column)
        {
            if (row < 0 || row >= _rows) throw new ArgumentOutOfRangeException(nameof(row));
            if (column < 0 || column >= _columns) throw new ArgumentOutOfRangeException(nameof(column));
            return row * _columns + column;
        }

        private readonly struct Transition
        {
            public Transition(long atMicros, long sequence, int @switch, bool closed)
            {
                AtMicros = atMicros;
                Sequence = sequence;
                Switch = @switch;
                Closed = closed;
            }

            public long AtMicros { get; }
            public long Sequence { get; }
            public int Switch { get; }
            public bool Closed { get; }
        }

        /// <summary>An open-drain row: Write(false) pulls it low, Write(true) releases it.</summary>
        private sealed class RowLine : IOutputLine
        {
            private readonly SimKeypadMatrix _matrix;
            private readonly int _row;

            public RowLine(SimKeypadMatrix matrix, int row)
            {
                _matrix = matrix;
                _row = row;
            }

            public void Write(bool high)
            {
                _matrix.Writes++;
                _matrix.Settle();
                _matrix._edgeTime = _matrix._clock.UptimeMicros;
                _matrix._rowLow[_row] = !high;
                _matrix.Recompute();
            }
        }

        /// <summary>A pulled-up column: reads low when joined to a low row.</summary>
        private sealed class ColumnLine : IInputLine
        {
            private readonly SimKeypadMatrix _matrix;
            private readonly int _column;

            public ColumnLine(SimKeypadMatrix matrix, int column)
            {
                _matrix = matrix;
                _column = column;
            }

            public int Edges
            {
                get
                {
                    _matrix.Settle();
                    return _matrix._delivered[_column];
                }
            }

            public bool Read()
            {
                _matrix.Reads++;
                _matrix.Settle();
                return !_matrix._columnLow[_column];
            }
        }
    }
}

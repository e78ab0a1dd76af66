using System;
using PosTerminal.Hal.Pins;

namespace PosTerminal.Hal.Keypad
{
    /// <summary>
    /// The electrical half of the keypad: open-drain rows (Write(false) pulls a row low,
    /// Write(true) releases it) and pulled-up columns (a column reads low when a closed
    /// switch joins it to a row that is pulled low).
    ///
    /// Between scans every row rests pulled low, so any key press pulls its column low and
    /// the board's native edge detector counts it: while nothing is pressed the keypad
    /// only compares edge counters and spends no GPIO operation at all.
    /// </summary>
    internal sealed class MatrixScanner
    {
        private readonly IOutputLine[] _rows;
        private readonly IInputLine[] _columns;
        private readonly bool[] _rowLow;
        private int _edgesAtRest;
        private int _firstRow;

        public MatrixScanner(IOutputLine[] rows, IInputLine[] columns)
        {
            _rows = rows;
            _columns = columns;
            _rowLow = new bool[rows.Length];
            for (int r = 0; r < rows.Length; r++)
            {
                rows[r].Write(false);
                _rowLow[r] = true;
            }
            _edgesAtRest = EdgeSum();
        }

        public int RowCount { get { return _rows.Length; } }

        public int ColumnCount { get { return _columns.Length; } }

        /// <summary>True when a column changed level since the last scan (no GPIO read spent).</summary>
        public bool ColumnsMoved()
        {
            return EdgeSum() != _edgesAtRest;
        }

        /// <summary>
        /// Reads which switches are closed: bit (row * ColumnCount + column) of the result.
        /// A ghost (a switch that only looks closed through three real ones) shows as closed
        /// too; the keypad rejects such rectangles.
        /// </summary>
        public long Scan()
        {
            // Edges counted from here on are the operator's, not ours: the rows are at rest.
            _edgesAtRest = EdgeSum();
            int active = ReadColumns(AllColumns());
            if (active == 0) return 0;

            long closed = FindByReleasing(active);
            if (closed < 0) closed = WalkRows(active);
            // Moving the rows moved the columns; what matters next is change after this point.
            _edgesAtRest = EdgeSum();
            return closed;
        }

        /// <summary>
        /// The cheap scan, for the usual case of one key (or keys on distinct columns):
        /// releases one row at a time while the others stay low. A column that goes high
        /// was joined to that row and to no other, so its one closed switch is found. Starts
        /// with the row of the last key found (a held key costs 2 writes and 1 read) and
        /// stops once every low column is explained. Returns -1 when a column stays low
        /// whichever row is released (two rows on one column, or a rectangle): only a walk
        /// can tell those apart.
        /// </summary>
        private long FindByReleasing(int active)
        {
            long closed = 0;
            int explained = 0;
            int rows = _rows.Length;
            for (int i = 0; i < rows && explained != active; i++)
            {
                int r = (_firstRow + i) % rows;
                int unexplained = active & ~explained;
                SetRow(r, false);
                int raised = unexplained & ~ReadColumns(unexplained);
                SetRow(r, true);
                if (raised == 0) continue;
                if (explained == 0) _firstRow = r;
                closed |= (long)raised << (r * _columns.Length);
                explained |= raised;
            }
            return explained == active ? closed : -1;
        }

        /// <summary>The full scan: pulls one row low at a time and reads the active columns; leaves every row low.</summary>
        private long WalkRows(int active)
        {
            long closed = 0;
            for (int r = 0; r < _rows.Length; r++)
            {
                DriveOnly(r);
                long found = ReadColumns(active);
                closed |= found << (r * _columns.Length);
            }
            DriveAll();
            return closed;
        }

        private int AllColumns()
        {
            return (1 << _columns.Length) - 1;
        }

        /// <summary>Bit c set when column c (one of 'which') reads low.</summary>
        private int ReadColumns(int which)
        {
            int low = 0;
            for (int c = 0; c < _columns.Length; c++)
            {
                if ((which & (1 << c)) != 0 && !_columns[c].Read()) low |= 1 << c;
            }
            return low;
        }

        /// <summary>Pulls only row 'row' low; releases first, so two rows are never low together.</summary>
        private void DriveOnly(int row)
        {
            for (int r = 0; r < _rows.Length; r++)
            {
                if (r != row) SetRow(r, false);
            }
            SetRow(row, true);
        }

        private void DriveAll()
        {
            for (int r = 0; r < _rows.Length; r++)
            {
                SetRow(r, true);
            }
        }

        /// <summary>Writes a row only when its level changes: each write is a slow managed GPIO call.</summary>
        private void SetRow(int row, bool low)
        {
            if (_rowLow[row] == low) return;
            _rows[row].Write(!low);
            _rowLow[row] = low;
        }

        private int EdgeSum()
        {
            int sum = 0;
            for (int c = 0; c < _columns.Length; c++)
            {
                sum += _columns[c].Edges;
            }
            return sum;
        }
    }
}

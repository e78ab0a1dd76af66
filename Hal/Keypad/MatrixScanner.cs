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

            long closed = 0;
            for (int r = 0; r < _rows.Length; r++)
            {
                DriveOnly(r);
                long found = ReadColumns(active);
                closed |= found << (r * _columns.Length);
            }
            DriveAll();
            // Walking the rows moved the columns; what matters next is change after this point.
            _edgesAtRest = EdgeSum();
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

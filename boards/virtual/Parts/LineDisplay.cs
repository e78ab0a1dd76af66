using PosTerminal.Hal;

namespace PosTerminal.Virtual.Parts
{
    /// <summary>A text display that keeps the lines it was sent: the fast board's LCD.</summary>
    public sealed class LineDisplay : ITextDisplay
    {
        private readonly string[] _lines = { "", "", "", "" };

        public int Rows { get { return 4; } }

        public int Columns { get { return 16; } }

        public int LineWrites { get; private set; }

        /// <summary>Raised for every line written (row, text): tests see screens that stay up for less than a pass.</summary>
        public event System.Action<int, string> Written;

        public void WriteLine(int row, string text)
        {
            _lines[row] = text;
            LineWrites++;
            Written?.Invoke(row, text);
        }

        public string[] Lines()
        {
            return (string[])_lines.Clone();
        }
    }
}

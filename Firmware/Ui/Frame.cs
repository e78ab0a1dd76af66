namespace PosTerminal.Firmware.Ui
{
    /// <summary>The 4 text lines a screen draws; the terminal sends only changed lines to the display.</summary>
    public sealed class Frame
    {
        public const int Rows = 4;
        public const int Columns = 16;

        private readonly string[] _lines = new string[Rows];

        public Frame()
        {
            Clear();
        }

        public string this[int row]
        {
            get { return _lines[row]; }
            set { _lines[row] = value == null ? string.Empty : value; }
        }

        public void Clear()
        {
            for (int i = 0; i < Rows; i++)
            {
                _lines[i] = string.Empty;
            }
        }
    }
}

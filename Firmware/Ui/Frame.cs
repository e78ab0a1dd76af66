using PosTerminal.Hal;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>
    /// The 4 text lines a screen draws; the terminal sends only changed lines to the display.
    /// Lines are stored laid out in cells: a space is inserted before any CJK character
    /// that would start on an odd cell (the ST7920 stores two bytes per address).
    /// Lines are not cut: a too-long text is a bug the tests must see.
    /// </summary>
    public sealed class Frame
    {
        public const int Rows = 4;
        public const int Columns = 16;

        private readonly string[] _lines = (string[])RefArrays.Nulls(new string[Rows]);

        public Frame()
        {
            Clear();
        }

        public string this[int row]
        {
            get { return _lines[row]; }
            set { _lines[row] = value == null ? string.Empty : Align(value); }
        }

        public void Clear()
        {
            for (int i = 0; i < Rows; i++)
            {
                _lines[i] = string.Empty;
            }
        }

        /// <summary>text with a space before each wide character that would start on an odd cell.</summary>
        public static string Align(string text)
        {
            int cell = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (TextCells.IsWide(c) && (cell & 1) != 0)
                {
                    return Align(text.Substring(0, i) + " " + text.Substring(i));
                }
                cell = TextCells.Advance(cell, c);
            }
            return text;
        }

        /// <summary>a and b with a space between, unless either side is a wide character (it reads fine without).</summary>
        public static string Join(string a, string b)
        {
            if (a.Length == 0) return b;
            if (b.Length == 0) return a;
            bool tight = TextCells.IsWide(a[a.Length - 1]) || TextCells.IsWide(b[0]);
            return tight ? a + b : a + " " + b;
        }
    }
}

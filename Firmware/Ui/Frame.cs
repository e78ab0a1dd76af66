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

        /// <summary>The scroll marks: GB2312's full-width arrows (A1FC, A1FD), 2 cells each on an even cell.</summary>
        public const string MoreAbove = "↑";
        public const string MoreBelow = "↓";

        /// <summary>
        /// text (laid out already, as a Frame row is; at most 12 cells) with the scroll marks in
        /// the last 4 cells: ↑ in cells 12-13 when more items exist above, ↓ in cells 14-15 when
        /// more exist below; text alone when neither.
        /// </summary>
        public static string WithScrollMarks(string text, bool above, bool below)
        {
            if (!above && !below) return text;
            int pad = Columns - 4 - TextCells.Width(text);
            string marks = (above ? MoreAbove : "  ") + (below ? MoreBelow : "");
            return pad < 0 ? text + marks : text + new string(' ', pad) + marks;
        }

        /// <summary>text cut to at most 'cells' cells (data from outside, such as a merchant name; firmware texts are never cut).</summary>
        public static string Cut(string text, int cells)
        {
            int cell = 0;
            for (int i = 0; i < text.Length; i++)
            {
                int next = TextCells.Advance(cell, text[i]);
                if (next > cells) return text.Substring(0, i);
                cell = next;
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

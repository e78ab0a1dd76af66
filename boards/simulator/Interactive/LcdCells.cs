using System.Text;
using PosTerminal.Hal;

namespace PosTerminal.Simulator.Interactive
{
    /// <summary>
    /// Lays an LCD line out in exactly 16 terminal columns. A terminal draws a CJK
    /// character two columns wide, like the ST7920's 16×16 glyphs, so cells map 1:1.
    /// </summary>
    public static class LcdCells
    {
        public static string Layout(string line, int columns)
        {
            var sb = new StringBuilder();
            int cell = 0;
            foreach (char c in line)
            {
                int next = TextCells.Advance(cell, c);
                if (next > columns) break;
                if (TextCells.IsWide(c) && (cell & 1) != 0) sb.Append(' ');
                sb.Append(c);
                // GB2312's arrows take two LCD cells, but a terminal draws them one column wide.
                if (TextCells.IsWide(c) && c < 0x2E80) sb.Append(' ');
                cell = next;
            }
            return sb.Append(' ', columns - cell).ToString();
        }
    }
}

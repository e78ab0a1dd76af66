namespace PosTerminal.Hal
{
    /// <summary>
    /// Cell arithmetic for the ST7920 text mode: a half-width character takes one cell,
    /// a full-width (CJK) one takes two and must start on an even cell, because the
    /// controller stores two bytes per DDRAM address.
    /// </summary>
    public static class TextCells
    {
        public static bool IsWide(char c)
        {
            // CJK, full-width forms and CJK punctuation: everything the GB2312 ROM draws 16 wide;
            // and GB2312's arrows (U+2190-2193, codes A1FB, A1FC, A1FA, A1FD): the half-width ROM
            // has ASCII only, so the lists' scroll marks ↑ ↓ are these full-width glyphs.
            // ASCII fails the first compare, as before the arrows were added: layout costs no more per character.
            return c >= 0x2190 && (c >= 0x2E80 || c <= 0x2193);
        }

        /// <summary>Cells the text takes when laid out from cell 0 (wide characters realigned to even cells).</summary>
        public static int Width(string text)
        {
            int cell = 0;
            for (int i = 0; i < text.Length; i++)
            {
                cell = Advance(cell, text[i]);
            }
            return cell;
        }

        /// <summary>The cell after placing c at the first legal cell at or after 'cell'.</summary>
        public static int Advance(int cell, char c)
        {
            if (!IsWide(c))
            {
                return cell + 1;
            }
            if ((cell & 1) != 0)
            {
                cell++;
            }
            return cell + 2;
        }
    }
}

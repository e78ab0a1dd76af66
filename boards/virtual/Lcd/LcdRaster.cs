namespace PosTerminal.Virtual.Lcd
{
    /// <summary>
    /// The 128 × 64 glass an ST7920 in text mode draws from its DDRAM, with the web font: the
    /// desktop's renderer (the operator guides' pictures, and the web terminal's test), written
    /// apart from the page's JavaScript so that each checks the other. Row r's 8 addresses
    /// start at SimSt7920.RowAddress[r]; an address whose first byte is a GB2312 code the font
    /// has is one 16 × 16 character, else two 8 × 16 half-width ones (bytes outside printable ASCII as '?', as SimSt7920.Render reads them).
    /// </summary>
    public static class LcdRaster
    {
        public const int Width = 128;
        public const int Height = 64;

        /// <summary>What the glass shows now: the controller's DDRAM, or empty while the board is off or the display is.</summary>
        public static byte[] Glass(PinBoard board)
        {
            return board.PoweredOn && board.Lcd.DisplayOn ? board.Lcd.Ddram() : new byte[0];
        }

        /// <summary>Lit pixels, row-major; all dark for an empty DDRAM (glass off).</summary>
        public static bool[] Draw(byte[] ddram, LcdFont font)
        {
            var lit = new bool[Width * Height];
            if (ddram.Length == 0) return lit;
            int[] rows = PosTerminal.Virtual.Parts.SimSt7920.RowAddress;
            for (int r = 0; r < rows.Length; r++)
            {
                for (int cell = 0; cell < 8; cell++)
                {
                    int at = (rows[r] - 0x80 + cell) * 2;
                    byte first = ddram[at], second = ddram[at + 1];
                    byte[] wide;
                    if (first >= 0x80 && font.Wide.TryGetValue(first << 8 | second, out wide))
                    {
                        Blit(lit, wide, 2, cell * 16, r * 16);
                        continue;
                    }
                    Blit(lit, Half(font, first), 1, cell * 16, r * 16);
                    Blit(lit, Half(font, second), 1, cell * 16 + 8, r * 16);
                }
            }
            return lit;
        }

        private static byte[] Half(LcdFont font, byte b)
        {
            return font.Half.TryGetValue(b, out byte[] glyph) ? glyph : font.Half['?'];
        }

        private static void Blit(bool[] lit, byte[] glyph, int bytesPerRow, int x, int y)
        {
            for (int row = 0; row < 16; row++)
            {
                for (int col = 0; col < bytesPerRow * 8; col++)
                {
                    int b = glyph[row * bytesPerRow + col / 8];
                    if ((b >> (7 - col % 8) & 1) != 0) lit[(y + row) * Width + x + col] = true;
                }
            }
        }

        /// <summary>The pixels as text ('#' lit, '.' dark), for a failure message.</summary>
        public static string Picture(bool[] lit)
        {
            var s = new System.Text.StringBuilder();
            for (int y = 0; y < Height; y++)
            {
                for (int x = 0; x < Width; x++) s.Append(lit[y * Width + x] ? '#' : '.');
                s.Append('\n');
            }
            return s.ToString();
        }
    }
}

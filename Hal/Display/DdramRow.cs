namespace PosTerminal.Hal.Display
{
    /// <summary>
    /// Lays a line of text out as the 16 DDRAM bytes of one ST7920 text row: ASCII takes
    /// one byte, a full-width character its two GB2312 bytes on an even byte (each DDRAM
    /// address holds two bytes, and the controller draws a 16×16 glyph only from a whole
    /// address). Same cell rules as TextCells.
    /// </summary>
    internal static class DdramRow
    {
        public const int Bytes = 16;

        private const byte Space = 0x20;
        private const byte Unknown = (byte)'?';

        /// <summary>GB2312 '？' (full-width question mark): shown for a wide character missing from the table.</summary>
        private const int UnknownWide = 0xA3BF;

        public static void Encode(string text, byte[] row)
        {
            int cell = 0;
            int length = text == null ? 0 : text.Length;
            for (int i = 0; i < length && cell < Bytes; i++)
            {
                char c = text[i];
                if (!TextCells.IsWide(c))
                {
                    row[cell++] = c >= 0x20 && c <= 0x7E ? (byte)c : Unknown;
                    continue;
                }
                if ((cell & 1) != 0) row[cell++] = Space;
                if (cell + 2 > Bytes) break;
                int code;
                if (!Gb2312Table.TryEncode(c, out code)) code = UnknownWide;
                row[cell++] = (byte)(code >> 8);
                row[cell++] = (byte)code;
            }
            while (cell < Bytes)
            {
                row[cell++] = Space;
            }
        }
    }
}

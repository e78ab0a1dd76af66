namespace PosTerminal.Hal.Console
{
    /// <summary>
    /// UTF-8 encoding in portable code (the gate allows no System.Text): what the ESP32's
    /// SerialPort sends for a string, and what the simulator's wire carries.
    /// </summary>
    public static class Utf8
    {
        /// <summary>
        /// Encodes text into buffer from 0 (grown when too small, keeping spare bytes free at
        /// the end); returns the byte count. A lone surrogate becomes '?'.
        /// </summary>
        public static int Encode(string text, ref byte[] buffer, int spare)
        {
            char[] chars = text.ToCharArray(); // s[i] walks the UTF-8 string from its start on nanoCLR
            int need = 3 * chars.Length + spare;
            if (buffer.Length < need) buffer = new byte[need];
            int n = 0;
            for (int i = 0; i < chars.Length; i++)
            {
                int c = chars[i];
                if (c >= 0xD800 && c <= 0xDBFF && i + 1 < chars.Length && chars[i + 1] >= 0xDC00 && chars[i + 1] <= 0xDFFF)
                {
                    int cp = 0x10000 + ((c - 0xD800) << 10) + (chars[++i] - 0xDC00);
                    buffer[n++] = (byte)(0xF0 | (cp >> 18));
                    buffer[n++] = (byte)(0x80 | ((cp >> 12) & 0x3F));
                    buffer[n++] = (byte)(0x80 | ((cp >> 6) & 0x3F));
                    buffer[n++] = (byte)(0x80 | (cp & 0x3F));
                }
                else if (c >= 0xD800 && c <= 0xDFFF)
                {
                    buffer[n++] = (byte)'?';
                }
                else if (c < 0x80)
                {
                    buffer[n++] = (byte)c;
                }
                else if (c < 0x800)
                {
                    buffer[n++] = (byte)(0xC0 | (c >> 6));
                    buffer[n++] = (byte)(0x80 | (c & 0x3F));
                }
                else
                {
                    buffer[n++] = (byte)(0xE0 | (c >> 12));
                    buffer[n++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                    buffer[n++] = (byte)(0x80 | (c & 0x3F));
                }
            }
            return n;
        }
    }
}

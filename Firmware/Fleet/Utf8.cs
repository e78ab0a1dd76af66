namespace PosTerminal.Firmware.Fleet
{
    /// <summary>
    /// UTF-8 by hand: fleet payloads are bytes on the wire and mscorlib 1.17 has no
    /// System.Text.Encoding. Decoding is strict (overlong forms, surrogates encoded directly,
    /// truncated sequences and values past U+10FFFF are refused), because payloads come from
    /// outside. Both walk char[]/byte[] copies, never string indexing (O(n) on nanoCLR).
    /// </summary>
    public static class Utf8
    {
        public static byte[] Encode(string text)
        {
            char[] chars = text.ToCharArray();
            int n = 0;
            for (int i = 0; i < chars.Length; i++)
            {
                char c = chars[i];
                if (c < 0x80) n += 1;
                else if (c < 0x800) n += 2;
                else if (IsHigh(c) && i + 1 < chars.Length && IsLow(chars[i + 1])) { n += 4; i++; }
                else n += 3;
            }
            byte[] bytes = new byte[n];
            int p = 0;
            for (int i = 0; i < chars.Length; i++)
            {
                int c = chars[i];
                if (c < 0x80)
                {
                    bytes[p++] = (byte)c;
                }
                else if (c < 0x800)
                {
                    bytes[p++] = (byte)(0xC0 | (c >> 6));
                    bytes[p++] = (byte)(0x80 | (c & 0x3F));
                }
                else if (IsHigh((char)c) && i + 1 < chars.Length && IsLow(chars[i + 1]))
                {
                    int v = 0x10000 + ((c - 0xD800) << 10) + (chars[++i] - 0xDC00);
                    bytes[p++] = (byte)(0xF0 | (v >> 18));
                    bytes[p++] = (byte)(0x80 | ((v >> 12) & 0x3F));
                    bytes[p++] = (byte)(0x80 | ((v >> 6) & 0x3F));
                    bytes[p++] = (byte)(0x80 | (v & 0x3F));
                }
                else
                {
                    // A lone surrogate is written as itself (3 bytes), as .NET's encoder would not; it never
                    // comes from our own texts, and Decode refuses it on the way back in.
                    bytes[p++] = (byte)(0xE0 | (c >> 12));
                    bytes[p++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                    bytes[p++] = (byte)(0x80 | (c & 0x3F));
                }
            }
            return bytes;
        }

        /// <summary>The text, or null when bytes is not well-formed UTF-8.</summary>
        public static string Decode(byte[] bytes)
        {
            if (bytes == null) return null;
            char[] chars = new char[bytes.Length];
            int n = 0;
            int i = 0;
            while (i < bytes.Length)
            {
                int b = bytes[i];
                if (b < 0x80)
                {
                    chars[n++] = (char)b;
                    i++;
                    continue;
                }
                int extra;
                int v;
                int min;
                if ((b & 0xE0) == 0xC0) { extra = 1; v = b & 0x1F; min = 0x80; }
                else if ((b & 0xF0) == 0xE0) { extra = 2; v = b & 0x0F; min = 0x800; }
                else if ((b & 0xF8) == 0xF0) { extra = 3; v = b & 0x07; min = 0x10000; }
                else return null;
                if (i + extra >= bytes.Length) return null;
                for (int k = 1; k <= extra; k++)
                {
                    int c = bytes[i + k];
                    if ((c & 0xC0) != 0x80) return null;
                    v = (v << 6) | (c & 0x3F);
                }
                if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return null;
                if (v >= 0x10000)
                {
                    v -= 0x10000;
                    chars[n++] = (char)(0xD800 + (v >> 10));
                    chars[n++] = (char)(0xDC00 + (v & 0x3FF));
                }
                else
                {
                    chars[n++] = (char)v;
                }
                i += extra + 1;
            }
            return new string(chars, 0, n);
        }

        private static bool IsHigh(char c) { return c >= 0xD800 && c <= 0xDBFF; }

        private static bool IsLow(char c) { return c >= 0xDC00 && c <= 0xDFFF; }
    }
}

namespace PosTerminal.Firmware.Security
{
    /// <summary>
    /// Short printable-ASCII texts in records (audit details, lock reasons), encoded by hand:
    /// mscorlib 1.17 has no System.Text.Encoding.
    /// </summary>
    internal static class AsciiText
    {
        /// <summary>Keeps printable ASCII only (others become '?') and cuts to maxLength.</summary>
        public static string Clean(string text, int maxLength)
        {
            if (text == null) return string.Empty;
            int length = text.Length < maxLength ? text.Length : maxLength;
            char[] chars = new char[length];
            for (int i = 0; i < length; i++)
            {
                char c = text[i];
                chars[i] = c >= ' ' && c <= '~' ? c : '?';
            }
            return new string(chars);
        }

        /// <summary>Writes a cleaned text as a length byte and its ASCII bytes; returns the bytes used.</summary>
        public static int Put(byte[] b, int p, string cleaned)
        {
            b[p] = (byte)cleaned.Length;
            for (int i = 0; i < cleaned.Length; i++) b[p + 1 + i] = (byte)cleaned[i];
            return 1 + cleaned.Length;
        }

        /// <summary>Reads a length-prefixed text; null when it runs past the record's end.</summary>
        public static string Get(byte[] b, int p)
        {
            if (p >= b.Length) return null;
            int length = b[p];
            if (p + 1 + length > b.Length) return null;
            char[] chars = new char[length];
            for (int i = 0; i < length; i++)
            {
                byte c = b[p + 1 + i];
                chars[i] = c >= 0x20 && c <= 0x7E ? (char)c : '?';
            }
            return new string(chars);
        }

        public static string Hex(byte[] data)
        {
            const string digits = "0123456789abcdef";
            char[] chars = new char[data.Length * 2];
            for (int i = 0; i < data.Length; i++)
            {
                chars[2 * i] = digits[data[i] >> 4];
                chars[2 * i + 1] = digits[data[i] & 0xF];
            }
            return new string(chars);
        }
    }
}

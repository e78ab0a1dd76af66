namespace PosTerminal.Firmware.Fleet
{
    /// <summary>Hex for keys and MACs (lower or upper case in, lower case out).</summary>
    public static class FleetHex
    {
        /// <summary>The bytes of exactly 2 * length hex digits, or null.</summary>
        public static byte[] Parse(string text, int length)
        {
            if (text == null || text.Length != 2 * length) return null;
            char[] chars = text.ToCharArray();
            byte[] bytes = new byte[length];
            for (int i = 0; i < length; i++)
            {
                int hi = Digit(chars[2 * i]);
                int lo = Digit(chars[2 * i + 1]);
                if (hi < 0 || lo < 0) return null;
                bytes[i] = (byte)((hi << 4) | lo);
            }
            return bytes;
        }

        public static string Format(byte[] bytes)
        {
            return Security.AsciiText.Hex(bytes);
        }

        private static int Digit(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }
    }
}

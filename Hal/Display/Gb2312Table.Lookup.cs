namespace PosTerminal.Hal.Display
{
    /// <summary>
    /// GB2312 codes for the full-width characters the firmware shows. nanoFramework has no
    /// GB2312 encoder, so Gb2312Table.cs is generated on the desktop from the firmware's
    /// own string literals (see its header); this half looks a character up.
    /// </summary>
    public static partial class Gb2312Table
    {
        /// <summary>Number of characters in the table.</summary>
        public static int Count { get { return Chars.Length; } }

        /// <summary>The two-byte GB2312 code (high byte first on the wire) of c, if the table has it.</summary>
        public static bool TryEncode(char c, out int code)
        {
            int low = 0;
            int high = Chars.Length - 1;
            while (low <= high)
            {
                int middle = (low + high) >> 1;
                char found = Chars[middle];
                if (found == c)
                {
                    code = Codes[middle];
                    return true;
                }
                if (found < c) low = middle + 1;
                else high = middle - 1;
            }
            code = 0;
            return false;
        }
    }
}

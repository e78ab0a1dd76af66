namespace PosTerminal.Firmware.Service
{
    /// <summary>The backup's card form: first 4 and last 4 digits, one '*' per hidden digit ("6222********1234").</summary>
    public static class CardMask
    {
        /// <summary>The mask of a 16–19 digit card number (shorter input: all '*').</summary>
        public static string Of(string cardNumber)
        {
            int n = cardNumber == null ? 0 : cardNumber.Length;
            char[] chars = new char[n];
            for (int i = 0; i < n; i++)
            {
                bool shown = n >= 16 && (i < 4 || i >= n - 4);
                chars[i] = shown ? cardNumber[i] : '*';
            }
            return new string(chars);
        }
    }
}

namespace PosTerminal.Firmware.Bindings
{
    /// <summary>The Luhn (mod 10) check digit test of ISO/IEC 7812 card numbers.</summary>
    public static class Luhn
    {
        /// <summary>True when digits (ASCII '0'-'9' only, check digit last) pass the Luhn test.</summary>
        public static bool IsValid(string digits)
        {
            if (digits == null || digits.Length < 2) return false;
            int sum = 0;
            bool doubled = false;
            for (int i = digits.Length - 1; i >= 0; i--)
            {
                int d = digits[i] - '0';
                if (d < 0 || d > 9) return false;
                if (doubled)
                {
                    d *= 2;
                    if (d > 9) d -= 9;
                }
                sum += d;
                doubled = !doubled;
            }
            return sum % 10 == 0;
        }
    }
}

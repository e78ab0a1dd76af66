namespace PosTerminal.Firmware.Bindings
{
    /// <summary>Small helpers for strings of ASCII digits (identifiers, passwords).</summary>
    public static class Digits
    {
        public static bool AreAll(string text)
        {
            if (text == null) return false;
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] < '0' || text[i] > '9') return false;
            }
            return true;
        }
    }
}

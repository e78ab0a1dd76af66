namespace PosTerminal.Firmware.Bindings
{
    /// <summary>
    /// A binding's record bytes (one record per slot).
    /// v1: [0] format version = 1, [1] BindingKind, [2] n = primary length, then n ASCII
    /// digits, then m = secondary length and m ASCII digits (m = 0 when unused). A settlement
    /// card's primary is its truncated form: digits with '*' for each hidden one.
    /// Bytes are written by hand: nanoFramework has no System.Text.
    /// </summary>
    public static class BindingCodec
    {
        private const byte Version = 1;

        public static byte[] Encode(Binding binding)
        {
            string a = binding.Primary;
            string b = binding.Secondary;
            byte[] record = new byte[4 + a.Length + b.Length];
            record[0] = Version;
            record[1] = (byte)binding.Kind;
            int p = PutDigits(record, 2, a);
            PutDigits(record, p, b);
            return record;
        }

        /// <summary>The binding, or null when the bytes are not a well-formed v1 record.</summary>
        public static Binding Decode(byte[] record)
        {
            if (record == null || record.Length < 4 || record[0] != Version) return null;
            int kind = record[1];
            if (kind < (int)BindingKind.Merchant || kind > (int)BindingKind.Device) return null;
            int p = 2;
            string primary = GetDigits(record, ref p, kind == (int)BindingKind.SettlementCard);
            string secondary = primary == null ? null : GetDigits(record, ref p, false);
            if (secondary == null || p != record.Length || primary.Length == 0) return null;
            return new Binding((BindingKind)kind, primary, secondary);
        }

        private static int PutDigits(byte[] record, int p, string digits)
        {
            record[p++] = (byte)digits.Length;
            for (int i = 0; i < digits.Length; i++)
            {
                record[p++] = (byte)digits[i];
            }
            return p;
        }

        /// <summary>Reads a length-prefixed digit run at p (advancing it; '*' too when starsAllowed); null when malformed.</summary>
        private static string GetDigits(byte[] record, ref int p, bool starsAllowed)
        {
            if (p >= record.Length) return null;
            int n = record[p++];
            if (p + n > record.Length) return null;
            char[] chars = new char[n];
            for (int i = 0; i < n; i++)
            {
                byte b = record[p + i];
                bool digit = b >= (byte)'0' && b <= (byte)'9';
                if (!digit && !(starsAllowed && b == (byte)'*')) return null;
                chars[i] = (char)b;
            }
            p += n;
            return new string(chars);
        }
    }
}

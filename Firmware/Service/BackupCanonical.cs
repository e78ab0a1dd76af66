using PosTerminal.Firmware.Security;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Service
{
    /// <summary>
    /// The bytes a backup's Sum and Mac cover: not the JSON text (key order, spacing and
    /// escapes may change on the way through a terminal program and mean nothing), but every
    /// field in the format's fixed order as "name=length:value;" after a label, with each
    /// line's section named ("Header;", "Binding;", "Settings;", "Audit;"). Length prefixes
    /// make it injective: no two documents share a form. Values are printable ASCII (restore
    /// refuses anything else first); any other character is written as "\uXXXX".
    ///
    /// Sum = HMAC-SHA256 under the public key "PosTerminal backup sum": a checksum any
    /// terminal can check (damage, lines mixed from another backup), computed by the board's
    /// native HMAC. Mac = HMAC-SHA256 under the terminal's MAC key (TerminalSecret).
    /// </summary>
    public static class BackupCanonical
    {
        private const string Label = "PosTerminal backup 2\n";
        private const string SumKey = "PosTerminal backup sum";

        public static byte[] Of(BackupDocument d)
        {
            Buffer b = new Buffer();
            b.Raw(Label);
            BackupHeader h = d.Header;
            b.Raw("Header;");
            b.Field("Format", h.Format);
            b.Field("Terminal", h.Terminal);
            b.Field("Key", h.Key);
            b.Field("Lines", h.Lines);
            b.Field("Bindings", h.Bindings);
            b.Field("Audit", h.Audit);
            b.Field("Firmware", h.Firmware);
            b.Field("Boot", h.Boot);
            b.Field("Created", h.Created);
            for (int i = 0; i < d.Bindings.Length; i++)
            {
                BackupBinding x = d.Bindings[i];
                b.Raw("Binding;");
                b.Field("Kind", x.Kind);
                b.Field("MerchantNo", x.MerchantNo);
                b.Field("TerminalNo", x.TerminalNo);
                b.Field("CardMasked", x.CardMasked);
                b.Field("SerialNo", x.SerialNo);
            }
            b.Raw("Settings;");
            b.Field("Language", d.Settings.Language);
            b.Field("PasswordMaxAgeDays", d.Settings.PasswordMaxAgeDays);
            for (int i = 0; i < d.Audit.Length; i++)
            {
                BackupAuditEntry a = d.Audit[i];
                b.Raw("Audit;");
                b.Field("Sequence", a.Sequence);
                b.Field("Event", a.Event);
                b.Field("Outcome", a.Outcome);
                b.Field("Time", a.Time);
                b.Field("Detail", a.Detail);
            }
            return b.ToBytes();
        }

        /// <summary>The Sum of a canonical form: 64 hex digits.</summary>
        public static string Sum(byte[] canonical, ICrypto crypto)
        {
            return AsciiText.Hex(crypto.HmacSha256(Ascii(SumKey), canonical));
        }

        private static byte[] Ascii(string text)
        {
            char[] chars = text.ToCharArray();
            byte[] bytes = new byte[chars.Length];
            for (int i = 0; i < chars.Length; i++) bytes[i] = (byte)chars[i];
            return bytes;
        }

        /// <summary>A growing byte buffer: concatenating strings in a loop would copy the whole text each time.</summary>
        private sealed class Buffer
        {
            private byte[] _bytes = new byte[2048];
            private int _length;

            public void Field(string name, long value)
            {
                Field(name, value.ToString());
            }

            public void Field(string name, string value)
            {
                char[] chars = value == null ? new char[0] : value.ToCharArray();
                Raw(name);
                Put('=');
                Raw(chars.Length.ToString());
                Put(':');
                for (int i = 0; i < chars.Length; i++) Char(chars[i]);
                Put(';');
            }

            public void Raw(string text)
            {
                char[] chars = text.ToCharArray();
                for (int i = 0; i < chars.Length; i++) Put(chars[i]);
            }

            public byte[] ToBytes()
            {
                byte[] bytes = new byte[_length];
                System.Array.Copy(_bytes, bytes, _length);
                return bytes;
            }

            private void Char(char c)
            {
                if (c >= ' ' && c <= '~')
                {
                    Put(c);
                    return;
                }
                const string hex = "0123456789abcdef";
                Put('\\');
                Put('u');
                for (int shift = 12; shift >= 0; shift -= 4) Put(hex[(c >> shift) & 15]);
            }

            private void Put(char c)
            {
                if (_length == _bytes.Length)
                {
                    byte[] bigger = new byte[_bytes.Length * 2];
                    System.Array.Copy(_bytes, bigger, _length);
                    _bytes = bigger;
                }
                _bytes[_length++] = (byte)c;
            }
        }
    }
}

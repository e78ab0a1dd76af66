using PosTerminal.Firmware.Security;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Service
{
    /// <summary>
    /// "sha256:" + 64 hex digits over the document's canonical form: every field in a fixed
    /// order as "name=length:value;" (so no two documents share a form), null strings as
    /// empty, arrays with their length, then the text as UTF-16LE. The Checksum field itself
    /// is left out.
    /// </summary>
    public static class BackupChecksum
    {
        public const string Prefix = "sha256:";

        public static string Compute(BackupDocument document, ICrypto crypto)
        {
            CanonicalText text = new CanonicalText();
            text.Add("FormatVersion", document.FormatVersion);
            BackupTerminalInfo info = document.Terminal;
            text.Add("Terminal", info == null ? -1 : 1);
            if (info != null)
            {
                text.Add("Firmware", info.Firmware);
                text.Add("BootCount", info.BootCount);
                text.Add("CreatedAt", info.CreatedAt);
            }
            BackupBinding[] bindings = document.Bindings;
            text.Add("Bindings", bindings == null ? -1 : bindings.Length);
            for (int i = 0; bindings != null && i < bindings.Length; i++)
            {
                BackupBinding b = bindings[i];
                text.Add("Binding", b == null ? -1 : i);
                if (b == null) continue;
                text.Add("Kind", b.Kind);
                text.Add("MerchantNo", b.MerchantNo);
                text.Add("TerminalNo", b.TerminalNo);
                text.Add("CardMasked", b.CardMasked);
                text.Add("SerialNo", b.SerialNo);
            }
            BackupSettings settings = document.Settings;
            text.Add("Settings", settings == null ? -1 : 1);
            if (settings != null)
            {
                text.Add("Language", settings.Language);
                text.Add("PasswordMaxAgeDays", settings.PasswordMaxAgeDays);
            }
            BackupAuditEntry[] audit = document.Audit;
            text.Add("Audit", audit == null ? -1 : audit.Length);
            for (int i = 0; audit != null && i < audit.Length; i++)
            {
                BackupAuditEntry a = audit[i];
                text.Add("Entry", a == null ? -1 : i);
                if (a == null) continue;
                text.Add("Sequence", a.Sequence);
                text.Add("Event", a.Event);
                text.Add("Outcome", a.Outcome);
                text.Add("Time", a.Time);
                text.Add("Detail", a.Detail);
            }
            byte[] bytes = text.ToBytes();
            byte[] hash = new byte[32];
            crypto.Sha256(bytes, 0, bytes.Length, hash);
            return Prefix + AsciiText.Hex(hash);
        }

        /// <summary>A growing UTF-16 buffer: string concatenation in a loop would copy the whole text each time.</summary>
        private sealed class CanonicalText
        {
            private char[] _chars = new char[1024];
            private int _length;

            public void Add(string name, int value)
            {
                Add(name, value.ToString());
            }

            public void Add(string name, string value)
            {
                if (value == null) value = string.Empty;
                Append(name);
                Append("=");
                Append(value.Length.ToString());
                Append(":");
                Append(value);
                Append(";");
            }

            public byte[] ToBytes()
            {
                byte[] bytes = new byte[_length * 2];
                for (int i = 0; i < _length; i++)
                {
                    bytes[2 * i] = (byte)_chars[i];
                    bytes[2 * i + 1] = (byte)(_chars[i] >> 8);
                }
                return bytes;
            }

            private void Append(string s)
            {
                if (_length + s.Length > _chars.Length)
                {
                    int size = _chars.Length * 2;
                    while (size < _length + s.Length) size *= 2;
                    char[] bigger = new char[size];
                    System.Array.Copy(_chars, bigger, _length);
                    _chars = bigger;
                }
                for (int i = 0; i < s.Length; i++) _chars[_length++] = s[i];
            }
        }
    }
}

namespace PosTerminal.Firmware.Service
{
    /// <summary>
    /// What a backup holds, as the console prints it (BackupLines) and restore reads it back
    /// (RestoreSession). Field names are the JSON member names, and restore errors name fields
    /// by them: "Header.Terminal", "Bindings[2].MerchantNo", "Settings.Language", "Audit[0].Event".
    ///
    /// Card numbers appear only truncated ("6222********1234"), the form the terminal itself
    /// stores. Restore never creates a card binding from a document (a card is bound by
    /// swiping it, which shows the card is at hand) and never removes one either.
    /// </summary>
    public sealed class BackupDocument
    {
        public BackupHeader Header { get; set; }

        /// <summary>In the terminal's list order; at most RecordKeys.MaxBindings.</summary>
        public BackupBinding[] Bindings { get; set; }

        public BackupSettings Settings { get; set; }

        /// <summary>The audit log, newest first. Informational: restore checks it but never imports it.</summary>
        public BackupAuditEntry[] Audit { get; set; }

        /// <summary>"End.Sum": HMAC-SHA256 under a public key over the canonical form (BackupCanonical): damage, not forgery.</summary>
        public string Sum { get; set; }

        /// <summary>"End.Mac": HMAC-SHA256 under the terminal's MAC key (TerminalSecret) over the same form.</summary>
        public string Mac { get; set; }
    }

    /// <summary>Line 1 of a backup.</summary>
    public sealed class BackupHeader
    {
        /// <summary>BackupLines.Format (2: several lines, with a MAC). Format 1 was one JSON line with a plain checksum.</summary>
        public int Format { get; set; }

        /// <summary>TerminalHardware.TerminalId of the terminal that made it.</summary>
        public string Terminal { get; set; }

        /// <summary>TerminalSecret.KeyId of the secret that made the MAC.</summary>
        public string Key { get; set; }

        /// <summary>Lines in the whole backup: header, one per binding, settings, one per audit entry, end.</summary>
        public int Lines { get; set; }

        /// <summary>How many binding lines follow the header.</summary>
        public int Bindings { get; set; }

        /// <summary>How many audit lines follow the settings line.</summary>
        public int Audit { get; set; }

        /// <summary>Firmware that wrote the backup, e.g. "PosTerminal 1".</summary>
        public string Firmware { get; set; }

        public long Boot { get; set; }

        /// <summary>"2026-11-25T10:00:00Z", or "unknown" when the wall clock was not set.</summary>
        public string Created { get; set; }
    }

    /// <summary>
    /// One binding. Kind "merchant": MerchantNo (15 digits) and TerminalNo (8 digits).
    /// Kind "card": CardMasked (16–19 characters: 4 digits, "*"s, 4 digits). Kind "device":
    /// SerialNo (8–16 digits). A line holds only its kind's members; the others stay null.
    /// </summary>
    public sealed class BackupBinding
    {
        public const string Merchant = "merchant";
        public const string Card = "card";
        public const string Device = "device";

        public string Kind { get; set; }
        public string MerchantNo { get; set; }
        public string TerminalNo { get; set; }
        public string CardMasked { get; set; }
        public string SerialNo { get; set; }

        /// <summary>Same kind and identifiers (null and "" alike).</summary>
        public bool SameAs(BackupBinding other)
        {
            return other != null && other.Kind == Kind && Same(other.MerchantNo, MerchantNo)
                && Same(other.TerminalNo, TerminalNo) && Same(other.CardMasked, CardMasked) && Same(other.SerialNo, SerialNo);
        }

        private static bool Same(string a, string b)
        {
            return (a == null ? string.Empty : a) == (b == null ? string.Empty : b);
        }
    }

    public sealed class BackupSettings
    {
        /// <summary>"zh" or "en".</summary>
        public string Language { get; set; }

        /// <summary>Password reminder age: 0 (never) .. 3650 days.</summary>
        public int PasswordMaxAgeDays { get; set; }
    }

    public sealed class BackupAuditEntry
    {
        public long Sequence { get; set; }

        /// <summary>Event name as on the console, e.g. "login-failure".</summary>
        public string Event { get; set; }

        /// <summary>"ok", "failed" or "refused".</summary>
        public string Outcome { get; set; }

        /// <summary>As on the console: an ISO time or "boot 7 +0:01:23".</summary>
        public string Time { get; set; }

        public string Detail { get; set; }
    }
}

namespace PosTerminal.Firmware.Service
{
    /// <summary>
    /// The backup the console prints and restore reads: one JSON document. Only public get/set
    /// properties, strings, ints and arrays, which nanoFramework.Json and System.Text.Json both
    /// handle. Property names are the JSON names, and restore errors name fields by them
    /// (e.g. "Bindings[2].MerchantNo").
    ///
    /// Card numbers: a settlement card appears only masked (first 4 and last 4 digits, "*" for
    /// each hidden one: "6222********1234"). The console must never show a full card number,
    /// and the only key the terminal could encrypt with would be the unlock code, whose 10^8
    /// values an offline attacker tries in minutes: an "encrypted" number would be a disguised
    /// plain one. So restore brings back merchants, devices and settings, and lists the cards
    /// to bind again (swipe). Luhn is checked at that re-entry; a backup can only have the
    /// mask's shape checked.
    ///
    /// Checksum: "sha256:" + hex SHA-256 of a canonical serialization (BackupChecksum), not
    /// of the JSON text, whose key order the device's JSON library does not keep. It detects
    /// corruption and any edit not followed by recomputing it; it is not a signature (restore
    /// already needs the technician's console).
    /// </summary>
    public sealed class BackupDocument
    {
        public int FormatVersion { get; set; }
        public BackupTerminalInfo Terminal { get; set; }
        public BackupBinding[] Bindings { get; set; }
        public BackupSettings Settings { get; set; }

        /// <summary>The audit log, newest first. Informational: restore checks it but never imports it.</summary>
        public BackupAuditEntry[] Audit { get; set; }

        public string Checksum { get; set; }
    }

    public sealed class BackupTerminalInfo
    {
        /// <summary>Firmware that wrote the backup, e.g. "PosTerminal 1".</summary>
        public string Firmware { get; set; }

        public int BootCount { get; set; }

        /// <summary>"2026-11-25T10:00:00Z", or "unknown" when the wall clock was not set.</summary>
        public string CreatedAt { get; set; }
    }

    /// <summary>
    /// One binding. Kind "merchant": MerchantNo (15 digits) and TerminalNo (8 digits).
    /// Kind "card": CardMasked (16–19 characters: 4 digits, "*"s, 4 digits). Kind "device":
    /// SerialNo (8–16 digits). The fields of other kinds stay empty.
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
        public int Sequence { get; set; }

        /// <summary>Event name as on the console, e.g. "login-failure".</summary>
        public string Event { get; set; }

        /// <summary>"ok", "failed" or "refused".</summary>
        public string Outcome { get; set; }

        /// <summary>As on the console: an ISO time or "boot 7 +0:01:23".</summary>
        public string Time { get; set; }

        public string Detail { get; set; }
    }
}

using System;
using PosTerminal.Firmware.Audit;
using PosTerminal.Firmware.Security;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Service
{
    /// <summary>
    /// Builds the backup document (bindings and language from the terminal; password age,
    /// terminal info and the audit log from here; then the checksum) and restores one:
    /// parse, validate everything, and only then change anything.
    /// </summary>
    public sealed class BackupService
    {
        public const int FormatVersion = 1;
        public const string FirmwareName = "PosTerminal 1";

        private readonly SecurityServices _security;
        private readonly ICrypto _crypto;
        private readonly IJson _json;
        private readonly IBackupSource _source;

        /// <summary>source may be null: bindings then export empty and restore is refused.</summary>
        public BackupService(SecurityServices security, ICrypto crypto, IJson json, IBackupSource source)
        {
            _security = security;
            _crypto = crypto;
            _json = json;
            _source = source;
        }

        public bool CanRestore { get { return _source != null && _json != null; } }

        /// <summary>The document, checksum included. Logs a "backup" audit entry first, so the backup shows it.</summary>
        public BackupDocument Export()
        {
            _security.Audit.Record(AuditEvent.Backup, AuditOutcome.Ok, string.Empty);
            BackupDocument document = new BackupDocument();
            document.FormatVersion = FormatVersion;
            IClock clock = _security.Clock;
            BackupTerminalInfo info = new BackupTerminalInfo();
            info.Firmware = FirmwareName;
            info.BootCount = (int)_security.Boot.Count;
            info.CreatedAt = clock.WallClockKnown ? UtcTime.Format(UtcTime.ToUnixSeconds(clock.UtcNow)) : "unknown";
            document.Terminal = info;
            document.Bindings = _source != null ? _source.ExportBindings() : new BackupBinding[0];
            BackupSettings settings = new BackupSettings();
            settings.Language = _source != null ? _source.ExportLanguage() : "zh";
            settings.PasswordMaxAgeDays = _security.Policy.MaxAgeDays;
            document.Settings = settings;
            document.Audit = ExportAudit();
            document.Checksum = BackupChecksum.Compute(document, _crypto);
            return document;
        }

        /// <summary>The document as one line of JSON (what the console prints).</summary>
        public string ExportJson()
        {
            return _json.Serialize(Export());
        }

        /// <summary>
        /// Restores a document given as JSON. Returns the problems (each "Field: problem") and
        /// changes nothing, or an empty array after restoring; notes then lists what the
        /// technician must still do (cards to bind again).
        /// </summary>
        public string[] Restore(string json, out string[] notes)
        {
            notes = new string[0];
            if (!CanRestore) return new string[] { "restore: not available on this terminal" };
            BackupDocument document;
            try
            {
                document = (BackupDocument)_json.Deserialize(json, typeof(BackupDocument));
            }
            catch (Exception e)
            {
                return new string[] { "document: not a valid backup (" + Shorten(e.Message) + ")" };
            }
            string[] problems = BackupValidator.Validate(document, _crypto);
            if (problems.Length > 0) return problems;
            string terminalProblem = _source.ValidateImport(document);
            if (terminalProblem != null) return new string[] { terminalProblem };

            _source.Import(document);
            _security.Policy.SetMaxAgeDays(document.Settings.PasswordMaxAgeDays);
            notes = CardsToRebind(document.Bindings);
            _security.Audit.Record(AuditEvent.Restore, AuditOutcome.Ok,
                document.Bindings.Length.ToString() + " bindings");
            return new string[0];
        }

        private BackupAuditEntry[] ExportAudit()
        {
            AuditEntry[] entries = _security.Audit.ReadNewestFirst(AuditLog.Capacity);
            BackupAuditEntry[] exported = (BackupAuditEntry[])RefArrays.Nulls(new BackupAuditEntry[entries.Length]);
            for (int i = 0; i < entries.Length; i++)
            {
                BackupAuditEntry e = new BackupAuditEntry();
                e.Sequence = (int)entries[i].Sequence;
                e.Event = AuditNames.Event(entries[i].Event);
                e.Outcome = AuditNames.Outcome(entries[i].Outcome);
                e.Time = entries[i].TimeText();
                e.Detail = entries[i].Detail;
                exported[i] = e;
            }
            return exported;
        }

        private static string[] CardsToRebind(BackupBinding[] bindings)
        {
            int cards = 0;
            for (int i = 0; i < bindings.Length; i++) if (bindings[i].Kind == BackupBinding.Card) cards++;
            string[] notes = (string[])RefArrays.Nulls(new string[cards]);
            int n = 0;
            for (int i = 0; i < bindings.Length; i++)
            {
                if (bindings[i].Kind != BackupBinding.Card) continue;
                notes[n++] = "card " + bindings[i].CardMasked + ": not restored (backups hold no card numbers); bind it again";
            }
            return notes;
        }

        private static string Shorten(string message)
        {
            if (message == null) return "unreadable";
            return message.Length <= 200 ? message : message.Substring(0, 200);
        }
    }
}

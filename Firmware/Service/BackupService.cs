using System.Collections;
using PosTerminal.Firmware.Audit;
using PosTerminal.Firmware.Security;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Service
{
    /// <summary>
    /// Backups and restores as documents: it builds and checks them, and decides nothing about
    /// who may ask, writes no audit entry and commits nothing. The command layer
    /// (TerminalCommands.Backup, BeginRestore, ApplyRestore) authorizes, audits and commits.
    ///
    /// Backup: Lines() builds the lines (BackupLines format 2) with the terminal's id, the
    /// key id, the Sum and the Mac. Restore: BeginRestore gives a RestoreSession that takes
    /// the lines and yields a RestorePlan; the command layer commits the plan with its audit
    /// entry as one RecordBatch.
    ///
    /// Cost on the ESP32 (counted on nanoCLR; table and model in Firmware/Security/README.md):
    /// a backup pass is 408 k IL ops (est. 0.12-0.38 s) plus native HMAC calls over about 4.5 KB;
    /// a restore 7.2-13.6 k IL ops per pasted line, reading it from the UART included, and 147 k
    /// for the End line.
    /// </summary>
    public sealed class BackupService
    {
        public const string FirmwareName = "PosTerminal 1";

        private readonly SecurityServices _security;
        private readonly ICrypto _crypto;
        private readonly TerminalSecret _secret;
        private readonly string _terminalId;
        private readonly int _maxLine;
        private readonly IBackupSource _source;

        /// <summary>maxLine: TerminalHardware.ConsoleMaxLine. source may be null: no backup or restore then.</summary>
        public BackupService(SecurityServices security, ICrypto crypto, TerminalSecret secret,
            string terminalId, int maxLine, IBackupSource source)
        {
            _security = security;
            _crypto = crypto;
            _secret = secret;
            _terminalId = BackupShapes.IsTerminalId(terminalId) ? terminalId : null;
            _maxLine = maxLine;
            _source = source;
        }

        /// <summary>Why no backup can be made now, or null. The secret's state shows here (damaged: new-backup-secret).</summary>
        public string Unavailable
        {
            get
            {
                if (_source == null) return "backup not available on this terminal";
                if (_terminalId == null) return "the board gives this terminal no valid id, so no backup can name it";
                if (!_secret.IsReady) return "the backup secret is damaged, so no backup can be signed. Type new-backup-secret to make a new one (this terminal's earlier backups then restore only with 'restore foreign')";
                return null;
            }
        }

        public bool CanRestore { get { return _source != null; } }

        /// <summary>The backup's lines, or null with problem set. No audit entry, no output.</summary>
        public string[] Lines(out string problem)
        {
            problem = Unavailable;
            if (problem != null) return null;
            BackupDocument document = Export();
            byte[] canonical = BackupCanonical.Of(document);
            document.Sum = SumOf(canonical);
            document.Mac = MacOf(canonical);
            string[] lines = BackupLines.Write(document);
            for (int i = 0; i < lines.Length; i++)
            {
                if (lines[i].Length <= _maxLine) continue;
                problem = "backup line " + (i + 1).ToString() + " needs " + lines[i].Length.ToString()
                    + " characters; this console takes " + _maxLine.ToString();
                return null;
            }
            return lines;
        }

        /// <summary>
        /// A restore: feed it the lines. foreignAllowed: a backup of another terminal (or of an
        /// earlier secret) may be taken; the command layer allows it only to a logged-in
        /// technician who typed `restore foreign`.
        /// </summary>
        public RestoreSession BeginRestore(bool foreignAllowed)
        {
            return new RestoreSession(this, foreignAllowed);
        }

        /// <summary>Why a backup with this header is foreign here (and the header field that says so), or null when it is this terminal's under its current secret.</summary>
        internal string ForeignReason(BackupHeader header, out string field)
        {
            field = "Terminal";
            if (_terminalId == null) return "this terminal has no valid id, so no backup is its own";
            if (header.Terminal != _terminalId) return "made on " + header.Terminal + ", this is " + _terminalId;
            field = "Key";
            if (!_secret.IsReady) return "this terminal's backup secret is damaged, so its Mac cannot be checked (new-backup-secret makes a new one; earlier backups stay foreign)";
            if (header.Key != _secret.KeyId) return "made under an earlier backup secret of this terminal";
            return null;
        }

        internal string SumOf(byte[] canonical)
        {
            return BackupCanonical.Sum(canonical, _crypto);
        }

        internal string MacOf(byte[] canonical)
        {
            return _secret.IsReady ? AsciiText.Hex(_secret.Mac(canonical)) : null;
        }

        internal RestorePlan PlanFor(BackupDocument document, bool foreign, string reason, ArrayList problems)
        {
            if (_source == null)
            {
                problems.Add("restore: not available on this terminal");
                return null;
            }
            RestorePlan plan = new RestorePlan(_source, _security.Policy, document, foreign, reason);
            if (plan.Problem != null) problems.Add(plan.Problem);
            return plan;
        }

        private BackupDocument Export()
        {
            BackupDocument d = new BackupDocument();
            BackupBinding[] bindings = _source.ExportBindings();
            BackupAuditEntry[] audit = ExportAudit();
            BackupHeader h = new BackupHeader();
            h.Format = BackupLines.Format;
            h.Terminal = _terminalId;
            h.Key = _secret.KeyId;
            h.Bindings = bindings.Length;
            h.Audit = audit.Length;
            h.Lines = 3 + bindings.Length + audit.Length;
            h.Firmware = FirmwareName;
            h.Boot = _security.Boot.Count;
            IClock clock = _security.Clock;
            h.Created = clock.WallClockKnown ? UtcTime.Format(UtcTime.ToUnixSeconds(clock.UtcNow)) : "unknown";
            d.Header = h;
            d.Bindings = bindings;
            BackupSettings settings = new BackupSettings();
            settings.Language = _source.ExportLanguage();
            settings.PasswordMaxAgeDays = _security.Policy.MaxAgeDays;
            d.Settings = settings;
            d.Audit = audit;
            return d;
        }

        private BackupAuditEntry[] ExportAudit()
        {
            AuditEntry[] entries = _security.Audit.ReadNewestFirst(AuditLog.Capacity);
            BackupAuditEntry[] exported = (BackupAuditEntry[])RefArrays.Nulls(new BackupAuditEntry[entries.Length]);
            for (int i = 0; i < entries.Length; i++)
            {
                BackupAuditEntry e = new BackupAuditEntry();
                e.Sequence = entries[i].Sequence;
                e.Event = AuditNames.Event(entries[i].Event);
                e.Outcome = AuditNames.Outcome(entries[i].Outcome);
                e.Time = entries[i].TimeText();
                e.Detail = entries[i].Detail;
                exported[i] = e;
            }
            return exported;
        }
    }
}

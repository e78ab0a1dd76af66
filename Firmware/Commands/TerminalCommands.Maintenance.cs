using PosTerminal.Firmware.Audit;
using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Storage;
using PosTerminal.Firmware.Text;

namespace PosTerminal.Firmware.Commands
{
    /// <summary>Clock, settings, backup, restore and factory reset.</summary>
    public sealed partial class TerminalCommands
    {
        /// <summary>Sets the wall clock (UTC Unix seconds); the age rules remember the latest time seen.</summary>
        public CommandStatus SetTime(Channel channel, long unixSeconds)
        {
            CommandStatus allowed = Authorize(channel, Operation.SetTime);
            if (allowed != CommandStatus.Done) return allowed;
            string before = Clock.WallClockKnown ? UtcTime.FormatShort(UtcTime.ToUnixSeconds(Clock.UtcNow)) : "unknown";
            Security.SetWallClock(unixSeconds);
            Audit(AuditEvent.ClockSet, AuditOutcome.Ok, "from " + before);
            return CommandStatus.Done;
        }

        /// <summary>The operator's language: stored (one commit) and shown.</summary>
        public CommandStatus SetLanguage(Channel channel, Language language)
        {
            CommandStatus allowed = Authorize(channel, Operation.SetLanguage);
            if (allowed != CommandStatus.Done) return allowed;
            Language stored = Settings.Language;
            Settings.Language = language;
            try
            {
                Settings.Save(_store);
            }
            catch (StoreFullException)
            {
                Settings.Language = stored;
                return CommandStatus.StorageFull;
            }
            Audit(AuditEvent.SettingChanged, AuditOutcome.Ok, "language " + Service.OperatorData.LanguageCode(language));
            _host.LanguageChanged(language);
            return CommandStatus.Done;
        }

        /// <summary>After how many days a login reminds the operator to change the password: 0 (never) .. PasswordPolicy.MaxMaxAgeDays.</summary>
        public CommandStatus SetPasswordAge(Channel channel, int days)
        {
            CommandStatus allowed = Authorize(channel, Operation.SetPasswordAge);
            if (allowed != CommandStatus.Done) return allowed;
            if (days < 0 || days > PasswordPolicy.MaxMaxAgeDays) return CommandStatus.Invalid;
            try
            {
                Security.Policy.SetMaxAgeDays(days);
            }
            catch (StoreFullException)
            {
                return CommandStatus.StorageFull;
            }
            Audit(AuditEvent.SettingChanged, AuditOutcome.Ok, "password age " + days.ToString());
            return CommandStatus.Done;
        }

        /// <summary>
        /// The backup document's lines. From the console they are returned to print; from the
        /// keypad ("back up first") they go to the console, and only when a technician is logged
        /// in there (otherwise nobody would receive them: NoConsole, nothing audited).
        /// </summary>
        public CommandStatus Backup(Channel channel, out string[] lines)
        {
            lines = (string[])Hal.RefArrays.Nulls(new string[0]);
            CommandStatus allowed = Authorize(channel, Operation.Backup);
            if (allowed != CommandStatus.Done) return allowed;
            if (_backup == null) return CommandStatus.NotAvailable;
            bool toConsole = RoleOf(channel) != Role.Technician;
            if (toConsole && (Console == null || !TechnicianLoggedIn)) return CommandStatus.NoConsole;
            Audit(AuditEvent.Backup, AuditOutcome.Ok, toConsole ? "keypad" : "console");
            lines = new string[] { _backup.ExportJson() };
            if (toConsole)
            {
                for (int i = 0; i < lines.Length; i++) Console.Print(lines[i]);
            }
            return CommandStatus.Done;
        }

        /// <summary>
        /// Checks a backup document fully, then restores it (ApplyRestore: one commit). Invalid
        /// with problems ("Field: problem") changes nothing; notes list the cards to bind again.
        /// </summary>
        public CommandStatus Restore(Channel channel, string document, out string[] problems, out string[] notes)
        {
            problems = (string[])Hal.RefArrays.Nulls(new string[0]);
            notes = problems;
            CommandStatus allowed = Authorize(channel, Operation.Restore);
            if (allowed != CommandStatus.Done) return allowed;
            if (_backup == null || !_backup.CanRestore) return CommandStatus.NotAvailable;
            problems = _backup.Restore(document, out notes);
            return problems.Length == 0 ? CommandStatus.Done : CommandStatus.Invalid;
        }

        /// <summary>
        /// The commit point of a restore: these bindings (slot i = bindings[i]), the language and
        /// the password age, with the restore's audit entry, as one batch. Called by the restore
        /// code (OperatorData) after the document was validated and Restore authorized it.
        /// False when the store is full: nothing changed.
        /// </summary>
        public bool ApplyRestore(Binding[] bindings, Language language, int passwordMaxAgeDays, string auditDetail)
        {
            if (Authorize(Channel.Console, Operation.Restore) != CommandStatus.Done) return false;
            RecordBatch batch = NewBatch();
            Bindings.StageReplaceAll(batch, bindings);
            PosTerminal.Firmware.Settings.TerminalSettings.Stage(batch, language);
            Security.Policy.StageMaxAgeDays(batch, passwordMaxAgeDays);
            Security.Audit.Stage(batch, AuditEvent.Restore, AuditOutcome.Ok, auditDetail);
            if (!CommitBatch()) return false;
            Bindings.Replaced(bindings);
            Settings.Language = language;
            Security.Policy.CommittedMaxAgeDays(passwordMaxAgeDays);
            EndOperatorSession();
            _host.LanguageChanged(language);
            _host.OperatorDataReplaced();
            return true;
        }

        /// <summary>
        /// Factory reset, one commit: bindings (damaged slots too), settings, the operator
        /// password (back to the factory one) and its age go, with the reset's audit entry. Kept:
        /// the technician code, the unlock code, every guard's count, the boot count and the
        /// audit log (a reset must neither buy guesses nor erase its own trace).
        /// </summary>
        public CommandStatus FactoryReset(Channel channel)
        {
            CommandStatus allowed = Authorize(channel, Operation.FactoryReset);
            if (allowed != CommandStatus.Done) return allowed;
            RecordBatch batch = NewBatch();
            Bindings.StageReplaceAll(batch, null);
            batch.Delete(RecordKeys.Settings);
            Security.Password.StageClear(batch);
            Security.Policy.StageReset(batch);
            Security.Audit.Stage(batch, AuditEvent.FactoryReset, AuditOutcome.Ok, string.Empty);
            if (!CommitBatch()) return CommandStatus.StorageFull;
            Bindings.Replaced(null);
            Security.Password.Cleared();
            Security.Policy.ResetCommitted();
            Settings.Language = Language.Chinese;
            EndOperatorSession();
            _host.LanguageChanged(Language.Chinese);
            _host.OperatorDataReplaced();
            return CommandStatus.Done;
        }
    }
}

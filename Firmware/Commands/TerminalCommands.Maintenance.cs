using PosTerminal.Firmware.Audit;
using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Service;
using PosTerminal.Firmware.Settings;
using PosTerminal.Firmware.Storage;
using PosTerminal.Firmware.Text;

namespace PosTerminal.Firmware.Commands
{
    /// <summary>Clock, settings, backup, restore, the backup secret and factory reset.</summary>
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
            // The idle clock armed its next redraw for the old time's minute: draw it now.
            _host.StateChanged();
            return CommandStatus.Done;
        }

        /// <summary>The operator's language: stored (one commit) and shown.</summary>
        public CommandStatus SetLanguage(Channel channel, Language language)
        {
            CommandStatus allowed = Authorize(channel, Operation.SetLanguage);
            if (allowed != CommandStatus.Done) return allowed;
            CommandStatus saved = SaveSettings(language, Settings.BuzzerOn, "language " + OperatorData.LanguageCode(language));
            if (saved == CommandStatus.Done) _host.LanguageChanged(language);
            return saved;
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

        /// <summary>The buzzer (key clicks and error beeps) on or off: stored (one commit), heard from the next key.</summary>
        public CommandStatus SetBuzzer(Channel channel, bool on)
        {
            CommandStatus allowed = Authorize(channel, Operation.SetBuzzer);
            if (allowed != CommandStatus.Done) return allowed;
            return SaveSettings(Settings.Language, on, on ? "buzzer on" : "buzzer off");
        }

        // The settings record with these values, audited; on a full store the old values stay.
        private CommandStatus SaveSettings(Language language, bool buzzerOn, string detail)
        {
            Language oldLanguage = Settings.Language;
            bool oldBuzzer = Settings.BuzzerOn;
            Settings.Language = language;
            Settings.BuzzerOn = buzzerOn;
            try
            {
                Settings.Save(_store);
            }
            catch (StoreFullException)
            {
                Settings.Language = oldLanguage;
                Settings.BuzzerOn = oldBuzzer;
                return CommandStatus.StorageFull;
            }
            Audit(AuditEvent.SettingChanged, AuditOutcome.Ok, detail);
            return CommandStatus.Done;
        }

        /// <summary>
        /// The backup's lines (BackupLines format 2, each within the console's line, with the
        /// Mac). From the console they are returned to print. From the keypad ("back up first")
        /// they go to the console, and only when a technician is logged in there AND someone is
        /// listening (IConsolePort.HasListener); otherwise nobody would receive them: NoConsole,
        /// nothing written, nothing audited. NotAvailable: this terminal has no console.
        /// ServiceNeeded: no backup can be signed (the secret is damaged, or the board gives no
        /// valid id; the console's `backup` says which).
        /// </summary>
        public CommandStatus Backup(Channel channel, out string[] lines)
        {
            string problem;
            return Backup(channel, out lines, out problem);
        }

        /// <summary>Backup, with the reason in words when no backup can be made (ServiceNeeded).</summary>
        public CommandStatus Backup(Channel channel, out string[] lines, out string problem)
        {
            lines = (string[])Hal.RefArrays.Nulls(new string[0]);
            problem = null;
            CommandStatus allowed = Authorize(channel, Operation.Backup);
            if (allowed != CommandStatus.Done) return allowed;
            bool toConsole = RoleOf(channel) != Role.Technician;
            if (toConsole && Console == null) return CommandStatus.NotAvailable;
            if (toConsole && (!TechnicianLoggedIn || !Console.HasListener)) return CommandStatus.NoConsole;
            problem = _backup.Unavailable;
            if (problem != null) return CommandStatus.ServiceNeeded;
            // Audited first, so the backup holds its own entry.
            Audit(AuditEvent.Backup, AuditOutcome.Ok, toConsole ? "keypad" : "console");
            string[] made = _backup.Lines(out problem);
            if (made == null)
            {
                // Only a console narrower than the format's longest line gets here.
                Audit(AuditEvent.Backup, AuditOutcome.Failed, "line too long");
                return CommandStatus.ServiceNeeded;
            }
            lines = made;
            if (toConsole)
            {
                for (int i = 0; i < lines.Length; i++) Console.Print(lines[i]);
            }
            return CommandStatus.Done;
        }

        /// <summary>
        /// `restore` (foreign: `restore foreign`, for another terminal's backup or an earlier
        /// secret's, whose Mac cannot be checked here): a session that takes the pasted lines and
        /// yields the plan the console previews. Nothing changes until ApplyRestore.
        /// </summary>
        public CommandStatus BeginRestore(Channel channel, bool foreign, out RestoreSession session)
        {
            session = null;
            CommandStatus allowed = Authorize(channel, foreign ? Operation.RestoreForeign : Operation.Restore);
            if (allowed != CommandStatus.Done) return allowed;
            if (!_backup.CanRestore) return CommandStatus.NotAvailable;
            session = _backup.BeginRestore(foreign);
            return CommandStatus.Done;
        }

        /// <summary>
        /// `restore confirm`: the plan the preview showed, with its audit entry ("3 bindings", or
        /// "foreign PT000002"), as one batch: the bindings (those already bound keep their slots,
        /// damaged slots are cleared), the language (the buzzer setting kept) and the password
        /// reminder. Authorized again here (a foreign plan needs RestoreForeign). Stale when the
        /// terminal changed since the preview; StorageFull when the store is full: nothing changed.
        /// </summary>
        public CommandStatus ApplyRestore(Channel channel, RestorePlan plan)
        {
            CommandStatus allowed = Authorize(channel, plan.IsForeign ? Operation.RestoreForeign : Operation.Restore);
            if (allowed != CommandStatus.Done) return allowed;
            if (plan.Problem != null) return CommandStatus.Invalid;
            if (!plan.IsCurrent()) return CommandStatus.Stale;
            BackupBinding[] target = plan.Target;
            Binding[] bindings = (Binding[])Hal.RefArrays.Nulls(new Binding[target.Length]);
            for (int i = 0; i < bindings.Length; i++) bindings[i] = OperatorData.ToBinding(target[i]);
            Language language = OperatorData.LanguageOf(plan.Settings.Language);
            int maxAge = plan.Settings.PasswordMaxAgeDays;
            RecordBatch batch = NewBatch();
            Binding[] slots = Bindings.StageExactly(batch, bindings);
            TerminalSettings.Stage(batch, language, Settings.BuzzerOn);
            if (maxAge != Security.Policy.MaxAgeDays) Security.Policy.StageMaxAgeDays(batch, maxAge);
            Security.Audit.Stage(batch, AuditEvent.Restore, AuditOutcome.Ok, plan.AuditDetail);
            if (!CommitBatch()) return CommandStatus.StorageFull;
            Bindings.Replaced(slots);
            Settings.Language = language;
            Security.Policy.CommittedMaxAgeDays(maxAge);
            EndOperatorSession();
            _host.LanguageChanged(language);
            _host.OperatorDataReplaced();
            return CommandStatus.Done;
        }

        /// <summary>
        /// `new-backup-secret`: a new TerminalSecret (one commit), the way out of a damaged one.
        /// Every earlier backup of this terminal is foreign afterwards, so while the secret is
        /// fine it needs the word (confirmed): ConfirmNeeded otherwise, nothing changed.
        /// </summary>
        public CommandStatus NewBackupSecret(Channel channel, bool confirmed)
        {
            CommandStatus allowed = Authorize(channel, Operation.NewBackupSecret);
            if (allowed != CommandStatus.Done) return allowed;
            bool wasReady = Secret.IsReady;
            if (wasReady && !confirmed) return CommandStatus.ConfirmNeeded;
            if (!Secret.Reprovision()) return CommandStatus.StorageFull;
            Audit(AuditEvent.BackupSecretSet, AuditOutcome.Ok, wasReady ? "replaced" : "replaced damaged");
            return CommandStatus.Done;
        }

        /// <summary>
        /// Factory reset, one commit: bindings (damaged slots too), settings, the operator
        /// password (back to the factory one) and its age go, with the reset's audit entry. Kept:
        /// the technician code, the unlock code, every guard's count, the boot count, the audit
        /// log (a reset must neither buy guesses nor erase its own trace), the backup secret
        /// (restoring after a reset is what backups are for), the fleet key and sequence, the
        /// lifecycle (a reset never lifts a pause) and the merchant name the fleet set.
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
            Settings.BuzzerOn = true;
            EndOperatorSession();
            _host.LanguageChanged(Language.Chinese);
            _host.OperatorDataReplaced();
            return CommandStatus.Done;
        }
    }
}

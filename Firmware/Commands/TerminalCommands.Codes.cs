using PosTerminal.Firmware.Audit;
using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Storage;
using PosTerminal.Firmware.Text;

namespace PosTerminal.Firmware.Commands
{
    /// <summary>Passwords and codes, and the lost/stolen lock.</summary>
    public sealed partial class TerminalCommands
    {
        /// <summary>Every rule for a new operator password, "not the old one" included (one derivation).</summary>
        public CommandStatus CheckNewPassword(Channel channel, string candidate, out SecretProblem problem)
        {
            problem = SecretProblem.None;
            CommandStatus allowed = Authorize(channel, Operation.SetPassword);
            if (allowed != CommandStatus.Done) return allowed;
            problem = Security.CheckNewPassword(candidate);
            return problem == SecretProblem.None ? CommandStatus.Done : CommandStatus.WeakSecret;
        }

        /// <summary>
        /// Stores a new operator password (checked with CheckNewPassword first; one derivation,
        /// so a change derives twice in all), restarts its age and audits it.
        /// </summary>
        public CommandStatus ChangePassword(Channel channel, string password)
        {
            CommandStatus allowed = Authorize(channel, Operation.SetPassword);
            if (allowed != CommandStatus.Done) return allowed;
            if (PasswordPolicy.CheckDigits(password, PasswordPolicy.MinLength, PasswordPolicy.MaxLength) != SecretProblem.None) return CommandStatus.WeakSecret;
            if (!Security.ChangePassword(password)) return CommandStatus.StorageFull;
            Audit(AuditEvent.PasswordChanged, AuditOutcome.Ok, string.Empty);
            return CommandStatus.Done;
        }

        /// <summary>
        /// A technician replaces the operator password (a damaged one, or a forgotten one) with
        /// password, which the operator must change at the next login. The lockout count stays.
        /// </summary>
        public CommandStatus ResetPassword(Channel channel, string password, out SecretProblem problem)
        {
            problem = SecretProblem.None;
            CommandStatus allowed = Authorize(channel, Operation.ResetPassword);
            if (allowed != CommandStatus.Done) return allowed;
            problem = PasswordPolicy.CheckDigits(password, PasswordPolicy.MinLength, PasswordPolicy.MaxLength);
            if (problem != SecretProblem.None) return CommandStatus.WeakSecret;
            bool wasDamaged = Security.Password.Damaged;
            try
            {
                Security.Password.Replace(Security.HashSecret(password, true));
            }
            catch (StoreFullException)
            {
                return CommandStatus.StorageFull;
            }
            Audit(AuditEvent.PasswordReset, AuditOutcome.Ok, wasDamaged ? "was damaged" : string.Empty);
            EndOperatorSession();
            return CommandStatus.Done;
        }

        /// <summary>
        /// Sets the technician code (8-16 digits). Without a login only while FirstTechnicianCodeOpen
        /// (the authorization table's condition), and then the LCD says so; once one is stored,
        /// changing it needs a login and the current code (current).
        /// </summary>
        public CommandStatus SetTechnicianCode(Channel channel, string current, string code, out SecretProblem problem)
        {
            problem = SecretProblem.None;
            CommandStatus allowed = Authorize(channel, Operation.SetTechnicianCode);
            if (allowed != CommandStatus.Done) return allowed;
            GuardedSecret technician = Security.Technician;
            bool throughOperator = RoleOf(channel) == Role.AnonymousConsole && OperatorSessionOpen;
            problem = TerminalLock.CheckCode(code);
            if (problem != SecretProblem.None) return CommandStatus.WeakSecret;
            // AuditEntry keeps 20 characters of detail: "damaged via operator" is the longest.
            string how = technician.Damaged ? (throughOperator ? "damaged" : "replaced damaged") : "first";
            if (technician.IsSet)
            {
                if (current == null) return CommandStatus.CurrentCodeRequired;
                if (current == code)
                {
                    problem = SecretProblem.SameAsPrevious;
                    return CommandStatus.WeakSecret;
                }
                CommandStatus check = CheckCurrent(technician, current, AuditEvent.TechnicianCodeSet);
                if (check != CommandStatus.Done) return check;
                how = "changed";
            }
            try
            {
                technician.Replace(Security.HashSecret(code, false));
            }
            catch (StoreFullException)
            {
                return CommandStatus.StorageFull;
            }
            Audit(AuditEvent.TechnicianCodeSet, AuditOutcome.Ok, throughOperator ? how + " via operator" : how);
            if (throughOperator) _host.Notice(TextId.TechnicianCodeSet);
            return CommandStatus.Done;
        }

        /// <summary>Sets (first time, or replacing a damaged one) or changes (current needed) the unlock code.</summary>
        public CommandStatus SetUnlockCode(Channel channel, string current, string code, out SecretProblem problem)
        {
            problem = SecretProblem.None;
            CommandStatus allowed = Authorize(channel, Operation.SetUnlockCode);
            if (allowed != CommandStatus.Done) return allowed;
            bool first = !Security.Lock.HasUnlockCode;
            bool damaged = Security.Lock.UnlockCode.Damaged;
            switch (Security.Lock.SetUnlockCode(current, code, out problem))
            {
                case UnlockCodeResult.Set:
                    Audit(AuditEvent.UnlockCodeSet, AuditOutcome.Ok, damaged ? "replaced damaged" : (first ? "first" : "changed"));
                    return CommandStatus.Done;
                case UnlockCodeResult.WeakCode: return CommandStatus.WeakSecret;
                case UnlockCodeResult.CurrentCodeRequired: return CommandStatus.CurrentCodeRequired;
                case UnlockCodeResult.WrongCurrentCode:
                    AuditFailure(AuditEvent.UnlockCodeSet, "console", Security.Lock.UnlockCode.Guard);
                    return CommandStatus.WrongSecret;
                case UnlockCodeResult.TryLater: return CommandStatus.TryLater;
                case UnlockCodeResult.TerminalLocked: return CommandStatus.TerminalLocked;
                default: return CommandStatus.StorageFull;
            }
        }

        /// <summary>
        /// Locks the terminal as lost or stolen (needs an unlock code): the lock, its audit entry
        /// and its event in one commit; the operator's session ends at once.
        /// </summary>
        public CommandStatus Lock(Channel channel, string reason)
        {
            CommandStatus allowed = Authorize(channel, Operation.Lock);
            LockSource source = SourceOf(channel);
            if (allowed == CommandStatus.NoUnlockCode || allowed == CommandStatus.UnlockCodeDamaged)
            {
                Audit(AuditEvent.Lock, AuditOutcome.Refused, TerminalLock.SourceName(source) + " no code");
            }
            if (allowed != CommandStatus.Done) return allowed;
            switch (Security.Lock.StageLock(NewBatch(), source, reason))
            {
                case LockResult.Locked: break;
                case LockResult.AlreadyLocked: return CommandStatus.AlreadyLocked;
                case LockResult.UnlockCodeDamaged: return CommandStatus.UnlockCodeDamaged;
                default: return CommandStatus.NoUnlockCode;
            }
            if (!CommitAudited(AuditEvent.Lock, AuditOutcome.Ok, TerminalLock.SourceName(source))) return CommandStatus.StorageFull;
            Security.Lock.Committed();
            EndOperatorSession();
            _host.StateChanged();
            return CommandStatus.Done;
        }

        /// <summary>
        /// Unlocks with the unlock code (one recorded attempt on its guard, one derivation), then
        /// the unlock, its audit entry and its event in one commit. The fleet needs no code (code
        /// is ignored): its command was verified (HMAC, sequence, expiry) before it got here, and
        /// that is its credential.
        /// </summary>
        public CommandStatus Unlock(Channel channel, string code)
        {
            CommandStatus allowed = Authorize(channel, Operation.Unlock);
            if (allowed != CommandStatus.Done) return allowed;
            LockSource source = SourceOf(channel);
            UnlockResult check = channel == Channel.Fleet
                ? (Security.Lock.IsLocked ? UnlockResult.Unlocked : UnlockResult.NotLocked)
                : Security.Lock.CheckUnlock(code);
            switch (check)
            {
                case UnlockResult.Unlocked: break;
                case UnlockResult.NotLocked: return CommandStatus.NotLocked;
                case UnlockResult.WrongCode:
                    AuditFailure(AuditEvent.Unlock, TerminalLock.SourceName(source), Security.Lock.UnlockCode.Guard);
                    return CommandStatus.WrongSecret;
                case UnlockResult.TryLater: return CommandStatus.TryLater;
                case UnlockResult.CodeDamaged: return CommandStatus.UnlockCodeDamaged;
                case UnlockResult.Unavailable: return CommandStatus.StorageFull;
                default: return CommandStatus.NoUnlockCode;
            }
            Security.Lock.StageUnlock(NewBatch());
            if (!CommitAudited(AuditEvent.Unlock, AuditOutcome.Ok, TerminalLock.SourceName(source))) return CommandStatus.StorageFull;
            Security.Lock.Committed();
            // A fleet unlock changes the screen; the keypad's own unlock moves on by itself.
            if (channel == Channel.Fleet) _host.StateChanged();
            return CommandStatus.Done;
        }

        // The current code of secret, through its guard; a wrong one is audited as a failed attempt at auditEvent.
        private CommandStatus CheckCurrent(GuardedSecret secret, string current, AuditEvent auditEvent)
        {
            switch (secret.Check(current))
            {
                case SecretCheck.Match: return CommandStatus.Done;
                case SecretCheck.Wrong:
                    AuditFailure(auditEvent, "console", secret.Guard);
                    return CommandStatus.WrongSecret;
                case SecretCheck.LockedOut: return CommandStatus.TryLater;
                case SecretCheck.Damaged: return CommandStatus.ServiceNeeded;
                default: return CommandStatus.StorageFull;
            }
        }

        private static LockSource SourceOf(Channel channel)
        {
            if (channel == Channel.Fleet) return LockSource.Network;
            return channel == Channel.Keypad ? LockSource.Keypad : LockSource.Console;
        }
    }
}

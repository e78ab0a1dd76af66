using System.Collections;
using PosTerminal.Firmware.Audit;
using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Security;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Commands
{
    /// <summary>The read-only views: status, bindings, the audit log. Secrets never appear; identifiers are masked.</summary>
    public sealed partial class TerminalCommands
    {
        /// <summary>
        /// The status lines. A logged-in technician (or the fleet) sees everything; the
        /// anonymous console sees no identifiers at all (no terminal id, no numbers, no names,
        /// no lock reason): only what it needs to know what to do next.
        /// </summary>
        public string[] StatusLines(Channel channel)
        {
            ArrayList lines = new ArrayList();
            Role role = RoleOf(channel);
            TerminalLock terminalLock = Security.Lock;
            if (role == Role.AnonymousConsole)
            {
                lines.Add("terminal: " + (terminalLock.IsLocked ? "locked" : "unlocked"));
                lines.Add("console: not logged in" + (Security.Technician.IsSet ? "; login CODE"
                    : Security.Technician.Damaged ? "; technician code damaged: set-technician-code NEW"
                        + (FirstTechnicianCodeOpen ? string.Empty : " while the operator is logged in on the keypad")
                    : FirstTechnicianCodeOpen ? "; no technician code yet: set-technician-code NEW" : "; no technician code"));
                if (ServiceNeeded) lines.Add("service needed");
                return ToArray(lines);
            }
            if (terminalLock.IsLocked)
            {
                string by = TerminalLock.SourceName(terminalLock.Source);
                lines.Add("terminal: locked (" + by + (terminalLock.Reason.Length > 0 ? ": " + terminalLock.Reason : "") + ")");
            }
            else
            {
                lines.Add("terminal: unlocked");
            }
            lines.Add("terminal id: " + (_terminalId == null ? "none" : _terminalId));
            string fault = LastFaultLine();
            if (fault != null) lines.Add(fault);
            lines.Add("unlock code: " + SecretState(terminalLock.UnlockCode));
            lines.Add("technician code: " + SecretState(Security.Technician) + (TechnicianLoggedIn ? " (logged in)" : ""));
            LoginGuard guard = Security.Guard;
            long lockMs = guard.RemainingLockMs;
            lines.Add("login lockout: " + (lockMs > 0 ? LoginGuard.FormatRemaining(lockMs) + " left" : "none")
                + " (failed tries " + guard.FailedCount.ToString() + ")");
            long unlockMs = terminalLock.UnlockRetryMs;
            if (unlockMs > 0) lines.Add("unlock code lockout: " + LoginGuard.FormatRemaining(unlockMs) + " left");
            long technicianMs = Security.Technician.Guard.RemainingLockMs;
            if (technicianMs > 0) lines.Add("technician login lockout: " + LoginGuard.FormatRemaining(technicianMs) + " left");
            lines.Add("boot: " + Security.Boot.Count.ToString());
            lines.Add("wall clock: " + (Clock.WallClockKnown ? UtcTime.Format(UtcTime.ToUnixSeconds(Clock.UtcNow)) : "unknown"));
            long age = Security.Policy.PasswordAgeDays;
            int maxAge = Security.Policy.MaxAgeDays;
            lines.Add("password age: " + (age >= 0 ? age.ToString() + " days" : "unknown")
                + (maxAge > 0 ? " (reminder after " + maxAge.ToString() + ")" : " (no reminder)"));
            AuditLog audit = Security.Audit;
            lines.Add("audit: " + audit.Count.ToString() + " entries, " + audit.Dropped.ToString() + " dropped");
            lines.Add("audit overwritten: " + audit.SecurityOverwritten.ToString() + " security, "
                + audit.RoutineOverwritten.ToString() + " routine");
            lines.Add("audit pinned: " + audit.PinnedCount.ToString() + " kinds"
                + (audit.DamagedPins > 0 ? ", " + audit.DamagedPins.ToString() + " damaged (log names them)" : ", none damaged"));
            lines.Add("bindings: " + Bindings.Count.ToString() + "/" + BindingList.Capacity.ToString()
                + (Bindings.DamagedCount > 0 ? " (" + Bindings.DamagedCount.ToString() + " damaged)" : ""));
            lines.Add("language: " + Service.OperatorData.LanguageCode(Settings.Language) + ", buzzer " + (Settings.BuzzerOn ? "on" : "off"));
            lines.Add("password: " + PasswordState());
            lines.Add("screen: " + _host.ScreenId + (OperatorSessionOpen ? " (session open)" : ""));
            lines.Add("lifecycle: " + LifecycleState());
            lines.Add("backup secret: " + (Secret.IsReady ? "ok" : "damaged (no backup until new-backup-secret; older backups restore only as foreign)"));
            lines.Add("merchant name: " + (Merchant.Name.Length > 0 ? Merchant.Name : "none"));
            if (_fleet != null)
            {
                string[] fleet = _fleet.StatusLines();
                for (int i = 0; i < fleet.Length; i++) lines.Add(fleet[i]);
            }
            return ToArray(lines);
        }

        // ---- what the keypad screens show (read-only) ----

        /// <summary>The operator login's lockout: time left (0 = none).</summary>
        public long LoginLockoutMs { get { return Security.Guard.RemainingLockMs; } }

        public int LoginFailedCount { get { return Security.Guard.FailedCount; } }

        /// <summary>Wrong passwords until the next lockout (5 down to 1).</summary>
        public int LoginTriesBeforeLock { get { return Security.Guard.TriesBeforeLock; } }

        /// <summary>The unlock code's wait: time left (0 = none).</summary>
        public long UnlockRetryMs { get { return Security.Lock.UnlockRetryMs; } }

        public int UnlockTriesBeforeLock { get { return Security.Lock.UnlockTriesBeforeLock; } }

        /// <summary>The lock record was damaged: locked on the safe side.</summary>
        public bool LockDamaged { get { return Security.Lock.Damaged; } }

        public long PasswordAgeDays { get { return Security.Policy.PasswordAgeDays; } }

        public int PasswordMaxAgeDays { get { return Security.Policy.MaxAgeDays; } }

        /// <summary>Some security state is damaged and waits for a technician (the LCD says 需要维护 / Service needed).</summary>
        public bool ServiceNeeded
        {
            get { return Security.Password.Damaged || Security.Lock.UnlockCode.Damaged || Security.Technician.Damaged || Secret.Damaged; }
        }

        /// <summary>The fleet holds its pause: the operator's reactivate is refused until the fleet's.</summary>
        public bool FleetHold { get { return Lifecycle.FleetHold; } }

        /// <summary>One line per list entry, "1 card 6222 **** **** 7894" or "3 damaged".</summary>
        public CommandStatus BindingLines(Channel channel, out string[] lines)
        {
            lines = (string[])RefArrays.Nulls(new string[0]);
            CommandStatus allowed = Authorize(channel, Operation.ViewBindings);
            if (allowed != CommandStatus.Done) return allowed;
            lines = (string[])RefArrays.Nulls(new string[Bindings.EntryCount]);
            for (int i = 0; i < lines.Length; i++)
            {
                Binding binding = Bindings.AtSlot(Bindings.EntrySlot(i));
                lines[i] = (i + 1).ToString() + " " + (binding != null ? binding.Describe() : "damaged (deregister it to clear)");
            }
            return CommandStatus.Done;
        }

        /// <summary>The newest max audit entries as console lines.</summary>
        public CommandStatus LogLines(Channel channel, int max, out string[] lines)
        {
            lines = (string[])RefArrays.Nulls(new string[0]);
            CommandStatus allowed = Authorize(channel, Operation.ViewLog);
            if (allowed != CommandStatus.Done) return allowed;
            lines = Security.Audit.ConsoleLines(max);
            return CommandStatus.Done;
        }

        /// <summary>The newest audit entries for the keypad's audit-log screen (an operator session).</summary>
        public AuditEntry[] LogEntries(Channel channel)
        {
            if (Authorize(channel, Operation.ViewLog) != CommandStatus.Done) return (AuditEntry[])RefArrays.Nulls(new AuditEntry[0]);
            return Security.Audit.ReadNewestFirst(AuditLog.Capacity);
        }

        private string LifecycleState()
        {
            string state = Lifecycle.State;
            if (!Lifecycle.IsPaused) return state;
            string by = Lifecycle.PausedBy == PosTerminal.Firmware.Lifecycle.PauseSource.Operator ? "operator" : "fleet";
            return state + " (paused by " + by + (Lifecycle.Damaged ? ", record damaged" : "") + "; waiting for the "
                + Lifecycle.WaitingFor + (Lifecycle.FleetHold ? "'s reactivate" : "'s password") + ")";
        }

        private string PasswordState()
        {
            GuardedSecret password = Security.Password;
            if (password.Damaged) return "damaged (reset-password needed)";
            if (password.IsFactory) return "factory (must be changed)";
            return password.MustChange ? "reset (must be changed)" : "set";
        }

        private static string SecretState(GuardedSecret secret)
        {
            if (secret.Damaged) return "damaged";
            return secret.IsSet ? "set" : "not set";
        }

        private static string[] ToArray(ArrayList list)
        {
            string[] lines = (string[])RefArrays.Nulls(new string[list.Count]);
            for (int i = 0; i < lines.Length; i++) lines[i] = (string)list[i];
            return lines;
        }
    }
}

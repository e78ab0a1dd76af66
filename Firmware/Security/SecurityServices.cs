using PosTerminal.Firmware.Audit;
using PosTerminal.Firmware.Storage;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Security
{
    public enum LoginOutcome
    {
        Accepted,
        /// <summary>Accepted with the factory password: force the change-password screen.</summary>
        AcceptedMustChange,
        /// <summary>Accepted; the password is older than the maximum age: remind the operator.</summary>
        AcceptedChangeReminder,
        /// <summary>Wrong: show Guard.AttemptsLeft, or Guard.RemainingLockMs when it is now locked.</summary>
        WrongPassword,
        /// <summary>Refused without comparing: show Guard.RemainingLockMs.</summary>
        LockedOut,
        /// <summary>The terminal is locked (lost/stolen): only unlocking is possible.</summary>
        TerminalLocked,
        /// <summary>The attempt could not be recorded (store full): refused.</summary>
        Unavailable
    }

    /// <summary>
    /// The security pieces of one terminal over one store, and the calls the screens and the
    /// console make: login, password change, bindings and clock events, factory reset. Create
    /// it once per power-on (it counts the boot) and call Poll from the main loop.
    ///
    /// Audit policy: only real comparisons are logged (success, failure, the lockout a failure
    /// arms). Tries refused during a lockout are not: they reveal nothing, and logging them
    /// would let anyone pressing keys flush the 32-entry ring.
    /// </summary>
    public sealed class SecurityServices
    {
        private readonly IClock _clock;
        private readonly ICrypto _crypto;

        public SecurityServices(IRecordStore store, IClock clock, ICrypto crypto)
        {
            _clock = clock;
            _crypto = crypto;
            Boot = new BootCounter(store);
            Boot.CountBoot();
            Audit = new AuditLog(store, clock, Boot);
            Guard = new LoginGuard(store, clock);
            Policy = new PasswordPolicy(store, clock, crypto);
            Passwords = new PasswordVault(store);
            Lock = new TerminalLock(store, clock, crypto, Audit);
        }

        public BootCounter Boot { get; private set; }
        public AuditLog Audit { get; private set; }
        public LoginGuard Guard { get; private set; }
        public PasswordPolicy Policy { get; private set; }

        /// <summary>The operator password's stored hash.</summary>
        public PasswordVault Passwords { get; private set; }
        public TerminalLock Lock { get; private set; }
        public IClock Clock { get { return _clock; } }

        /// <summary>Main loop: lockout countdowns (commits progress every 10 s while locked).</summary>
        public void Poll()
        {
            Guard.Poll();
            Lock.Poll();
        }

        /// <summary>
        /// The operator login against the stored password (the factory password while none is
        /// stored, compared in constant time). The attempt is committed as a failure before the
        /// comparison (LoginGuard), so a power cut gives no free try.
        /// </summary>
        public LoginOutcome Login(string entered)
        {
            if (Lock.IsLocked) return LoginOutcome.TerminalLocked;
            LoginGate gate = Guard.BeginAttempt();
            if (gate == LoginGate.Locked) return LoginOutcome.LockedOut;
            if (gate == LoginGate.Unavailable) return LoginOutcome.Unavailable;
            if (!Matches(entered))
            {
                Audit.Record(AuditEvent.LoginFailure, AuditOutcome.Failed, "try " + Guard.FailedCount.ToString());
                long lockMs = Guard.RemainingLockMs;
                if (lockMs > 0) Audit.Record(AuditEvent.Lockout, AuditOutcome.Ok, (lockMs / 1000).ToString() + " s");
                return LoginOutcome.WrongPassword;
            }
            Guard.RecordSuccess();
            Audit.Record(AuditEvent.LoginSuccess, AuditOutcome.Ok, string.Empty);
            LoginAdvice advice = Policy.AdviceAfterLogin(entered);
            if (advice == LoginAdvice.ChangeRequired) return LoginOutcome.AcceptedMustChange;
            if (advice == LoginAdvice.ChangeReminder) return LoginOutcome.AcceptedChangeReminder;
            return LoginOutcome.Accepted;
        }

        /// <summary>Every rule for a new operator password, the one it replaces included.</summary>
        public SecretProblem CheckNewPassword(string candidate)
        {
            return Policy.Check(candidate, Passwords.Current);
        }

        /// <summary>
        /// Stores a new operator password (checked with CheckNewPassword first): its hash, then
        /// its age and an audit entry. False, changing nothing, when the store is full.
        /// </summary>
        public bool ChangePassword(string password)
        {
            if (!Passwords.Replace(HashPassword(password))) return false;
            PasswordChanged();
            return true;
        }

        /// <summary>The hash to store for a new password (fresh salt, default rounds).</summary>
        public PasswordHash HashPassword(string password)
        {
            return PasswordHash.Create(_crypto, password);
        }

        // After the new password's hash is committed: restarts its age and logs it.
        private void PasswordChanged()
        {
            Policy.RecordPasswordChanged();
            Audit.Record(AuditEvent.PasswordChanged, AuditOutcome.Ok, string.Empty);
        }

        /// <summary>Logs a saved binding: kind name and the identifier masked to its last 4 characters.</summary>
        public void BindingAdded(string kind, string identifier)
        {
            Audit.Record(AuditEvent.BindingAdded, AuditOutcome.Ok, kind + " " + AuditLog.Masked(identifier));
        }

        public void BindingDeregistered(string kind, string identifier)
        {
            Audit.Record(AuditEvent.BindingDeregistered, AuditOutcome.Ok, kind + " " + AuditLog.Masked(identifier));
        }

        /// <summary>Logs what the store's boot recovery reported (e.g. "dropped 2 records").</summary>
        public void StorageRecovered(string detail)
        {
            Audit.Record(AuditEvent.StorageRecovery, AuditOutcome.Ok, detail);
        }

        /// <summary>Sets the wall clock (console set-time, later the network) and logs it.</summary>
        public void SetWallClock(long unixSeconds)
        {
            string before = _clock.WallClockKnown ? UtcTime.FormatShort(UtcTime.ToUnixSeconds(_clock.UtcNow)) : "unknown";
            _clock.SetWallClock(UtcTime.ToDateTime(unixSeconds));
            Audit.Record(AuditEvent.ClockSet, AuditOutcome.Ok, "from " + before);
        }

        /// <summary>
        /// The security part of a factory reset: the password (back to the factory one), login and
        /// unlock lockouts and the password age are cleared. Kept: the unlock code (provisioning), the boot count and the audit log
        /// (a reset must not erase its own trace). Refused (false) while the terminal is locked.
        /// </summary>
        public bool FactoryReset()
        {
            if (Lock.IsLocked) return false;
            Passwords.Reset();
            Guard.Reset();
            Lock.ResetGuard();
            Policy.Reset();
            Audit.Record(AuditEvent.FactoryReset, AuditOutcome.Ok, string.Empty);
            return true;
        }

        private bool Matches(string entered)
        {
            if (Passwords.Unreadable) return false;
            PasswordHash stored = Passwords.Current;
            return stored != null
                ? stored.Matches(_crypto, entered)
                : TextEqualsConstantTime(entered, PasswordPolicy.FactoryPassword);
        }

        private static bool TextEqualsConstantTime(string a, string b)
        {
            if (a == null || b == null) return false;
            int diff = a.Length ^ b.Length;
            int n = a.Length < b.Length ? a.Length : b.Length;
            for (int i = 0; i < n; i++) diff |= a[i] ^ b[i];
            return diff == 0;
        }
    }
}

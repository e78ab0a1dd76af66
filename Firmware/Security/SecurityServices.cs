using PosTerminal.Firmware.Audit;
using PosTerminal.Firmware.Storage;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Security
{
    public enum LoginOutcome
    {
        Accepted,
        /// <summary>Accepted, and the password must be changed now (the factory one, or a technician's reset).</summary>
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
        Unavailable,
        /// <summary>The stored password is damaged: no login until a technician resets it (Service needed).</summary>
        ServiceNeeded
    }

    /// <summary>
    /// The security state of one terminal over one store: the boot count and audit log, the
    /// operator password (Password) with its lockout, the technician's console code
    /// (Technician), the lost/stolen lock with its unlock code (Lock), and the password rules
    /// and age (Policy). Create it once per power-on (it counts the boot) and call Poll from
    /// the main loop.
    ///
    /// It decides nothing about who asks and writes no audit entry: that is the command layer's
    /// (Firmware/Commands/TerminalCommands), the one place authorization and auditing live.
    /// </summary>
    public sealed class SecurityServices
    {
        private readonly IClock _clock;
        private readonly ICrypto _crypto;

        /// <param name="kdfRounds">Key-derivation rounds for new hashes: the board's (TerminalHardware.KdfRounds).</param>
        public SecurityServices(IRecordStore store, IClock clock, ICrypto crypto, int kdfRounds)
        {
            _clock = clock;
            _crypto = crypto;
            KdfRounds = kdfRounds;
            Boot = new BootCounter(store);
            Boot.CountBoot();
            Audit = new AuditLog(store, clock, Boot);
            Password = new GuardedSecret(store, clock, crypto, RecordKeys.Password, RecordKeys.LoginGuard, PasswordPolicy.FactoryPassword);
            Technician = new GuardedSecret(store, clock, crypto, RecordKeys.TechnicianCode, RecordKeys.TechnicianGuard, null);
            Policy = new PasswordPolicy(store, clock, crypto);
            Lock = new TerminalLock(store, clock, crypto, kdfRounds);
        }

        public SecurityServices(IRecordStore store, IClock clock, ICrypto crypto) : this(store, clock, crypto, PasswordHash.DefaultRounds)
        {
        }

        public int KdfRounds { get; private set; }
        public BootCounter Boot { get; private set; }
        public AuditLog Audit { get; private set; }

        /// <summary>The operator password (factory 123456 while none is stored) and its lockout.</summary>
        public GuardedSecret Password { get; private set; }

        /// <summary>The operator login's lockout (Password.Guard).</summary>
        public LoginGuard Guard { get { return Password.Guard; } }

        /// <summary>The technician's console login code and its lockout.</summary>
        public GuardedSecret Technician { get; private set; }

        public PasswordPolicy Policy { get; private set; }
        public TerminalLock Lock { get; private set; }
        public IClock Clock { get { return _clock; } }
        public ICrypto Crypto { get { return _crypto; } }

        /// <summary>Main loop: lockout countdowns (each commits progress every 10 s while locked).</summary>
        public void Poll()
        {
            Password.Guard.Poll();
            Technician.Guard.Poll();
            Lock.Poll();
        }

        /// <summary>
        /// The operator login against the stored password (the factory password while none is
        /// stored). One recorded attempt and one derivation (GuardedSecret.Check).
        /// </summary>
        public LoginOutcome Login(string entered)
        {
            if (Lock.IsLocked) return LoginOutcome.TerminalLocked;
            switch (Password.Check(entered))
            {
                case SecretCheck.Match: break;
                case SecretCheck.LockedOut: return LoginOutcome.LockedOut;
                case SecretCheck.Unavailable: return LoginOutcome.Unavailable;
                case SecretCheck.Damaged: return LoginOutcome.ServiceNeeded;
                default: return LoginOutcome.WrongPassword;
            }
            LoginAdvice advice = Policy.AdviceAfterLogin(Password.MustChange);
            if (advice == LoginAdvice.ChangeRequired) return LoginOutcome.AcceptedMustChange;
            if (advice == LoginAdvice.ChangeReminder) return LoginOutcome.AcceptedChangeReminder;
            return LoginOutcome.Accepted;
        }

        /// <summary>Every rule for a new operator password, the one it replaces included (one derivation).</summary>
        public SecretProblem CheckNewPassword(string candidate)
        {
            return Policy.Check(candidate, Password);
        }

        /// <summary>
        /// Stores a new operator password (checked with CheckNewPassword first): its hash (one
        /// derivation, one commit), then its age. False, changing nothing, when the store is full.
        /// </summary>
        public bool ChangePassword(string password)
        {
            try
            {
                Password.Replace(HashSecret(password, false));
            }
            catch (StoreFullException)
            {
                return false;
            }
            Policy.RecordPasswordChanged();
            return true;
        }

        /// <summary>The hash to store for a new secret (fresh salt, the board's rounds).</summary>
        public PasswordHash HashSecret(string secret, bool mustChange)
        {
            return PasswordHash.Create(_crypto, secret, KdfRounds, mustChange);
        }

        /// <summary>Sets the wall clock (console set-time, later the network) and remembers it as seen.</summary>
        public void SetWallClock(long unixSeconds)
        {
            _clock.SetWallClock(UtcTime.ToDateTime(unixSeconds));
            Policy.NoteWallClock();
        }
    }
}

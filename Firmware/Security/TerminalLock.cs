using PosTerminal.Firmware.Audit;
using PosTerminal.Firmware.Storage;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Security
{
    /// <summary>Who asked for a lock. Stored: never renumber.</summary>
    public enum LockSource
    {
        Console = 1,
        Network = 2,
        /// <summary>The locked screen (unlocking only).</summary>
        Keypad = 3
    }

    public enum LockResult
    {
        Locked,
        AlreadyLocked,
        /// <summary>No unlock code is set: a lock could never be lifted, so it is refused.</summary>
        NoUnlockCode
    }

    public enum UnlockResult
    {
        Unlocked,
        NotLocked,
        WrongCode,
        /// <summary>Too many wrong codes: wait UnlockRetryMs.</summary>
        TryLater,
        NoUnlockCode
    }

    public enum UnlockCodeResult
    {
        Set,
        /// <summary>The new code breaks a rule; see the SecretProblem given with it.</summary>
        WeakCode,
        /// <summary>A code is already set: changing it needs the current one.</summary>
        CurrentCodeRequired,
        WrongCurrentCode,
        TryLater,
        /// <summary>Refused while locked: otherwise whoever holds the terminal could set a code and unlock.</summary>
        TerminalLocked
    }

    /// <summary>
    /// Lock for a lost or stolen terminal. A locked terminal shows the "locked" screen and
    /// refuses everything but unlocking, which needs the technician unlock code.
    ///
    /// Decisions:
    /// - The unlock code (8–16 digits, not one digit repeated, not a run) is set at
    ///   provisioning and stored only as a PasswordHash. Changing it needs the current code.
    /// - Without a code, Lock is refused (NoUnlockCode): a lock nobody can lift would brick the
    ///   terminal, and letting anyone set a code while locked would make the lock worthless.
    /// - Every code check (Unlock, and the current code when changing it) goes through its own
    ///   LoginGuard (record UnlockGuard): 5 tries, then 1 min doubling to 1 h, across reboots.
    /// - Lock and Unlock take no keypad or console specifics, so a later network command calls
    ///   them the same way with LockSource.Network.
    ///
    /// Record TerminalLock (absent = unlocked): version (1) = 1, source (1), reason (length +
    /// ASCII, ≤ 24). A record that cannot be read counts as locked.
    /// </summary>
    public sealed class TerminalLock
    {
        public const int MinCodeLength = 8;
        public const int MaxCodeLength = 16;
        public const int MaxReason = 24;

        private const byte Version = 1;

        private readonly IRecordStore _store;
        private readonly ICrypto _crypto;
        private readonly AuditLog _audit;
        private readonly LoginGuard _guard;
        private PasswordHash _code;
        private bool _locked;
        private LockSource _source;
        private string _reason = string.Empty;

        /// <summary>audit may be null (no entries are written then).</summary>
        public TerminalLock(IRecordStore store, IClock clock, ICrypto crypto, AuditLog audit)
        {
            _store = store;
            _crypto = crypto;
            _audit = audit;
            _guard = new LoginGuard(store, clock, RecordKeys.UnlockGuard);
            _code = PasswordHash.Decode(store.Read(RecordKeys.UnlockCode));
            Load();
        }

        public bool IsLocked { get { return _locked; } }

        public LockSource Source { get { return _source; } }

        /// <summary>Why it was locked (printable ASCII, ≤ 24); empty when unlocked.</summary>
        public string Reason { get { return _reason; } }

        public bool HasUnlockCode { get { return _code != null; } }

        /// <summary>How long until another code may be tried (0 = now).</summary>
        public long UnlockRetryMs { get { return _guard.RemainingLockMs; } }

        /// <summary>Wrong codes until the next wait (5 down to 1).</summary>
        public int UnlockTriesBeforeLock { get { return _guard.TriesBeforeLock; } }

        /// <summary>Call from the main loop: counts the unlock-code lockout down.</summary>
        public void Poll()
        {
            _guard.Poll();
        }

        /// <summary>The shape rules for an unlock code.</summary>
        public static SecretProblem CheckCode(string code)
        {
            return PasswordPolicy.CheckDigits(code, MinCodeLength, MaxCodeLength);
        }

        /// <summary>Locks the terminal (one commit). reason is kept short and printable; it must not hold secrets.</summary>
        public LockResult Lock(LockSource source, string reason)
        {
            if (_locked) return LockResult.AlreadyLocked;
            // A network lock is lifted by a network unlock (UnlockAuthorized), so it needs no
            // unlock code: a lost terminal whose code was never set can still be locked remotely.
            if (_code == null && source != LockSource.Network)
            {
                Audit(AuditEvent.Lock, AuditOutcome.Refused, SourceName(source) + " no code");
                return LockResult.NoUnlockCode;
            }
            string cleaned = AsciiText.Clean(reason, MaxReason);
            byte[] record = new byte[2 + 1 + cleaned.Length];
            record[0] = Version;
            record[1] = (byte)source;
            AsciiText.Put(record, 2, cleaned);
            _store.Write(RecordKeys.TerminalLock, record);
            _locked = true;
            _source = source;
            _reason = cleaned;
            Audit(AuditEvent.Lock, AuditOutcome.Ok, SourceName(source));
            return LockResult.Locked;
        }

        /// <summary>Unlocks with the technician code (one commit on success).</summary>
        public UnlockResult Unlock(LockSource source, string code)
        {
            if (!_locked) return UnlockResult.NotLocked;
            if (_code == null) return UnlockResult.NoUnlockCode;
            if (!CheckThroughGuard(code, AuditEvent.Unlock, source)) return LastRefusal;
            _store.Delete(RecordKeys.TerminalLock);
            _locked = false;
            _reason = string.Empty;
            Audit(AuditEvent.Unlock, AuditOutcome.Ok, SourceName(source));
            return UnlockResult.Unlocked;
        }

        /// <summary>
        /// Unlocks without the unlock code, for a caller that has verified another credential:
        /// a fleet command whose HMAC, sequence and expiry CommandGuard accepted. The command
        /// layer (Firmware/Commands) is the one caller once it lands; today it is
        /// TerminalFleetOperations, for LockSource.Network only.
        /// </summary>
        public UnlockResult UnlockAuthorized(LockSource source)
        {
            if (!_locked) return UnlockResult.NotLocked;
            _store.Delete(RecordKeys.TerminalLock);
            _locked = false;
            _reason = string.Empty;
            Audit(AuditEvent.Unlock, AuditOutcome.Ok, SourceName(source));
            return UnlockResult.Unlocked;
        }

        /// <summary>
        /// Sets the unlock code (first provisioning: currentCode null) or changes it (currentCode
        /// required). problem tells why a WeakCode was refused.
        /// </summary>
        public UnlockCodeResult SetUnlockCode(string currentCode, string newCode, out SecretProblem problem)
        {
            problem = SecretProblem.None;
            if (_locked) return UnlockCodeResult.TerminalLocked;
            problem = CheckCode(newCode);
            if (problem != SecretProblem.None) return UnlockCodeResult.WeakCode;
            if (_code != null)
            {
                if (currentCode == null) return UnlockCodeResult.CurrentCodeRequired;
                if (!CheckThroughGuard(currentCode, AuditEvent.UnlockCodeSet, LockSource.Console))
                {
                    return LastRefusal == UnlockResult.TryLater ? UnlockCodeResult.TryLater : UnlockCodeResult.WrongCurrentCode;
                }
                if (currentCode == newCode)
                {
                    problem = SecretProblem.SameAsPrevious;
                    return UnlockCodeResult.WeakCode;
                }
            }
            PasswordHash hash = PasswordHash.Create(_crypto, newCode);
            _store.Write(RecordKeys.UnlockCode, hash.Encode());
            _code = hash;
            Audit(AuditEvent.UnlockCodeSet, AuditOutcome.Ok, currentCode == null ? "first" : "changed");
            return UnlockCodeResult.Set;
        }

        /// <summary>Factory reset: clears the unlock-code lockout. The code itself and a lock stay (a reset is refused while locked).</summary>
        public void ResetGuard()
        {
            _guard.Reset();
        }

        // Why the last CheckThroughGuard failed.
        private UnlockResult LastRefusal { get; set; }

        private bool CheckThroughGuard(string code, AuditEvent auditEvent, LockSource source)
        {
            LoginGate gate = _guard.BeginAttempt();
            if (gate != LoginGate.Allowed)
            {
                // Not audited: tries refused during a lockout compare nothing, and logging them
                // would let anyone flush the ring by pressing keys.
                LastRefusal = UnlockResult.TryLater;
                return false;
            }
            if (_code.Matches(_crypto, code))
            {
                _guard.RecordSuccess();
                return true;
            }
            LastRefusal = UnlockResult.WrongCode;
            Audit(auditEvent, AuditOutcome.Failed, SourceName(source) + " try " + _guard.FailedCount.ToString());
            return false;
        }

        private void Audit(AuditEvent auditEvent, AuditOutcome outcome, string detail)
        {
            if (_audit != null) _audit.Record(auditEvent, outcome, detail);
        }

        public static string SourceName(LockSource source)
        {
            if (source == LockSource.Network) return "network";
            return source == LockSource.Keypad ? "keypad" : "console";
        }

        private void Load()
        {
            byte[] record = _store.Read(RecordKeys.TerminalLock);
            if (record == null) return;
            _locked = true;
            string reason = record.Length >= 3 && record[0] == Version ? AsciiText.Get(record, 2) : null;
            if (reason == null || record.Length != 3 + reason.Length)
            {
                _source = LockSource.Console;
                _reason = "unreadable lock record";
                return;
            }
            _source = (LockSource)record[1];
            _reason = reason;
        }
    }
}

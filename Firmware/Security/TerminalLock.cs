using PosTerminal.Firmware.Storage;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Security
{
    /// <summary>Who asked for a lock. Stored: never renumber.</summary>
    public enum LockSource
    {
        Console = 1,
        /// <summary>A verified fleet command (named "fleet" in audit details and events).</summary>
        Network = 2,
        /// <summary>The locked screen (unlocking only).</summary>
        Keypad = 3
    }

    public enum LockResult
    {
        Locked,
        AlreadyLocked,
        /// <summary>No unlock code is set: a lock could never be lifted, so it is refused.</summary>
        NoUnlockCode,
        /// <summary>The unlock code's record is damaged: set the code again first.</summary>
        UnlockCodeDamaged
    }

    public enum UnlockResult
    {
        Unlocked,
        NotLocked,
        WrongCode,
        /// <summary>Too many wrong codes: wait UnlockRetryMs.</summary>
        TryLater,
        NoUnlockCode,
        /// <summary>The unlock code's record is damaged: no code matches until a technician sets it again.</summary>
        CodeDamaged,
        /// <summary>The attempt could not be recorded (store full).</summary>
        Unavailable
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
        /// <summary>Refused while locked (unless the stored code is damaged): otherwise setting a code would lift the lock.</summary>
        TerminalLocked,
        /// <summary>The store has no room (for the new code, or to record the try at the current one): nothing changed.</summary>
        StorageFull
    }

    /// <summary>
    /// Lock for a lost or stolen terminal: its state and its unlock code. A locked terminal
    /// shows the "locked" screen and refuses everything but unlocking, which needs the unlock
    /// code. Who may lock, unlock or set the code, and the audit entries, are the command
    /// layer's (Firmware/Commands); this class keeps the state and its rules.
    ///
    /// Decisions:
    /// - The unlock code (8-16 digits, not one digit repeated, not a run) is stored only as a
    ///   PasswordHash and checked through its own guard (record UnlockGuard). Changing it needs
    ///   the current code.
    /// - Without a code, Lock is refused (NoUnlockCode): a lock nobody can lift would brick it.
    /// - While locked, setting a code is refused, except when the stored code is damaged: then
    ///   nobody could ever unlock, and the command layer lets only a logged-in technician do it.
    /// - Lock and Unlock take no keypad or console specifics (LockSource only).
    ///
    /// Record TerminalLock (absent = unlocked): version (1) = 1, source (1), reason (length +
    /// ASCII, ≤ 24). Fail closed: a record the store reports damaged, or that does not decode,
    /// counts as locked (Damaged).
    /// </summary>
    public sealed class TerminalLock
    {
        public const int MinCodeLength = 8;
        public const int MaxCodeLength = 16;
        public const int MaxReason = 24;

        private const byte Version = 1;

        private readonly IRecordStore _store;
        private readonly ICrypto _crypto;
        private readonly int _rounds;
        private bool _locked;
        private LockSource _source;
        private string _reason = string.Empty;
        private bool _stagedLock;
        private LockSource _stagedSource;
        private string _stagedReason = string.Empty;

        public TerminalLock(IRecordStore store, IClock clock, ICrypto crypto, int kdfRounds)
        {
            _store = store;
            _crypto = crypto;
            _rounds = kdfRounds;
            UnlockCode = new GuardedSecret(store, clock, crypto, RecordKeys.UnlockCode, RecordKeys.UnlockGuard, null);
            Load();
        }

        /// <summary>The unlock code and its guard.</summary>
        public GuardedSecret UnlockCode { get; private set; }

        public bool IsLocked { get { return _locked; } }

        /// <summary>The lock record read at boot was damaged: locked on the safe side.</summary>
        public bool Damaged { get; private set; }

        public LockSource Source { get { return _source; } }

        /// <summary>Why it was locked (printable ASCII, ≤ 24); empty when unlocked.</summary>
        public string Reason { get { return _reason; } }

        public bool HasUnlockCode { get { return UnlockCode.IsSet; } }

        /// <summary>How long until another code may be tried (0 = now).</summary>
        public long UnlockRetryMs { get { return UnlockCode.Guard.RemainingLockMs; } }

        /// <summary>Wrong codes until the next wait (5 down to 1).</summary>
        public int UnlockTriesBeforeLock { get { return UnlockCode.Guard.TriesBeforeLock; } }

        /// <summary>Call from the main loop: counts the unlock-code lockout down.</summary>
        public void Poll()
        {
            UnlockCode.Guard.Poll();
        }

        /// <summary>The shape rules for an unlock (or technician) code.</summary>
        public static SecretProblem CheckCode(string code)
        {
            return PasswordPolicy.CheckDigits(code, MinCodeLength, MaxCodeLength);
        }

        /// <summary>Locks the terminal on its own (one commit). reason is kept short and printable; it must not hold secrets.</summary>
        public LockResult Lock(LockSource source, string reason)
        {
            RecordBatch batch = new RecordBatch(1);
            LockResult result = StageLock(batch, source, reason);
            if (result != LockResult.Locked) return result;
            _store.Commit(batch);
            Committed();
            return result;
        }

        /// <summary>
        /// Puts the lock record into batch (the command layer commits it with the audit entry and
        /// the fleet's event), then Committed. Locked when it may lock; nothing staged otherwise.
        /// </summary>
        public LockResult StageLock(RecordBatch batch, LockSource source, string reason)
        {
            if (_locked) return LockResult.AlreadyLocked;
            if (UnlockCode.Damaged) return LockResult.UnlockCodeDamaged;
            if (!UnlockCode.IsSet) return LockResult.NoUnlockCode;
            string cleaned = AsciiText.Clean(reason, MaxReason);
            byte[] record = new byte[2 + 1 + cleaned.Length];
            record[0] = Version;
            record[1] = (byte)source;
            AsciiText.Put(record, 2, cleaned);
            batch.Write(RecordKeys.TerminalLock, record);
            _stagedLock = true;
            _stagedSource = source;
            _stagedReason = cleaned;
            return LockResult.Locked;
        }

        /// <summary>Unlocks with the unlock code on its own (one recorded attempt, one derivation; one commit on success).</summary>
        public UnlockResult Unlock(string code)
        {
            UnlockResult result = CheckUnlock(code);
            if (result != UnlockResult.Unlocked) return result;
            RecordBatch batch = new RecordBatch(1);
            StageUnlock(batch);
            _store.Commit(batch);
            Committed();
            return result;
        }

        /// <summary>
        /// The unlock code's check (one recorded attempt on its guard, one derivation): Unlocked
        /// when it matches, and then StageUnlock. Changes nothing else.
        /// </summary>
        public UnlockResult CheckUnlock(string code)
        {
            if (!_locked) return UnlockResult.NotLocked;
            switch (UnlockCode.Check(code))
            {
                case SecretCheck.Match: return UnlockResult.Unlocked;
                case SecretCheck.Wrong: return UnlockResult.WrongCode;
                case SecretCheck.LockedOut: return UnlockResult.TryLater;
                case SecretCheck.Unavailable: return UnlockResult.Unavailable;
                case SecretCheck.Damaged: return UnlockResult.CodeDamaged;
                default: return UnlockResult.NoUnlockCode;
            }
        }

        /// <summary>
        /// Puts the unlock (the lock record's removal) into batch, then Committed. The caller
        /// has checked a credential: the unlock code (CheckUnlock), or a fleet command whose
        /// HMAC, sequence and expiry CommandGuard accepted (TerminalCommands.Unlock, which audits).
        /// </summary>
        public void StageUnlock(RecordBatch batch)
        {
            batch.Delete(RecordKeys.TerminalLock);
            _stagedLock = false;
            _stagedSource = _source;
            _stagedReason = string.Empty;
        }

        /// <summary>The batch holding StageLock's or StageUnlock's record was committed.</summary>
        public void Committed()
        {
            _locked = _stagedLock;
            _source = _stagedSource;
            _reason = _stagedReason;
            Damaged = false;
        }

        /// <summary>
        /// Sets the unlock code (first provisioning, or replacing a damaged one: currentCode null)
        /// or changes it (currentCode required). One derivation to check the current code, one
        /// to hash the new one. problem tells why a WeakCode was refused.
        /// </summary>
        public UnlockCodeResult SetUnlockCode(string currentCode, string newCode, out SecretProblem problem)
        {
            problem = SecretProblem.None;
            if (_locked && !UnlockCode.Damaged) return UnlockCodeResult.TerminalLocked;
            problem = CheckCode(newCode);
            if (problem != SecretProblem.None) return UnlockCodeResult.WeakCode;
            if (UnlockCode.IsSet)
            {
                if (currentCode == null) return UnlockCodeResult.CurrentCodeRequired;
                if (currentCode == newCode)
                {
                    problem = SecretProblem.SameAsPrevious;
                    return UnlockCodeResult.WeakCode;
                }
                SecretCheck check = UnlockCode.Check(currentCode);
                if (check == SecretCheck.LockedOut) return UnlockCodeResult.TryLater;
                // The try could not be recorded: the store is full, not a wait (nothing to count down).
                if (check == SecretCheck.Unavailable) return UnlockCodeResult.StorageFull;
                if (check != SecretCheck.Match) return UnlockCodeResult.WrongCurrentCode;
            }
            try
            {
                UnlockCode.Replace(PasswordHash.Create(_crypto, newCode, _rounds));
            }
            catch (StoreFullException)
            {
                return UnlockCodeResult.StorageFull;
            }
            return UnlockCodeResult.Set;
        }

        public static string SourceName(LockSource source)
        {
            // The fleet's commands (Channel.Fleet): "fleet", as a fleet pause says.
            if (source == LockSource.Network) return "fleet";
            return source == LockSource.Keypad ? "keypad" : "console";
        }

        private void Load()
        {
            bool damaged;
            byte[] record = SecureRecord.Read(_store, RecordKeys.TerminalLock, out damaged);
            if (!damaged && record == null) return;
            _locked = true;
            string reason = !damaged && record.Length >= 3 && record[0] == Version ? AsciiText.Get(record, 2) : null;
            if (reason == null || record.Length != 3 + reason.Length || record[1] < 1 || record[1] > 3)
            {
                Damaged = true;
                _source = LockSource.Console;
                _reason = "damaged lock record";
                return;
            }
            _source = (LockSource)record[1];
            _reason = reason;
        }
    }
}

using System;
using PosTerminal.Firmware.Storage;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Security
{
    /// <summary>Whether a password may be compared now.</summary>
    public enum LoginGate
    {
        /// <summary>Compare the password; the attempt is already recorded as failed (see LoginGuard).</summary>
        Allowed,
        /// <summary>Locked out: do not compare; show RemainingLockMs.</summary>
        Locked,
        /// <summary>The attempt could not be recorded (store full): refuse rather than give an unrecorded try.</summary>
        Unavailable
    }

    /// <summary>
    /// Lockout against guessing: after FreeAttempts (5) wrong passwords, logins are refused
    /// for 1 minute, doubling with each further failure up to 1 hour. Only a success clears
    /// the count.
    ///
    /// Power cuts: BeginAttempt commits the attempt as a failure, with the lock that failure
    /// earns, BEFORE the password is compared; RecordSuccess clears it. A cut anywhere between
    /// leaves a recorded failure, so cutting the power on a wrong guess gives no free try.
    ///
    /// No RTC: the lock counts down only while powered. The remaining milliseconds are
    /// persisted and decremented with IClock uptime; progress is committed every
    /// ProgressPersistMs (10 s), and a boot resumes from the committed value, so a reboot
    /// never shortens a lock (it lengthens it by at most 10 s). Time switched off does not count.
    /// Wear: a 1-hour lock costs about 360 small commits.
    ///
    /// Bound: from a clean count, guesses come at t = 0 (five), 60 s, 180 s, 420 s, 900 s and
    /// 1860 s: 10 in the first hour; from the 11th on every guess earns a full hour, so the
    /// sustained rate is 1 per hour. No 1-hour window holds more than 10, reboots and cuts included.
    ///
    /// Record (7 bytes): version (1) = 1, failures (u16), remaining lock ms (u32).
    /// Fail closed: a record the store reports damaged, or one that does not decode, puts the
    /// guard at its maximum (Damaged): a 1-hour lock running, and every further failure another
    /// hour. Only a success clears it. Factory reset keeps the count (a reset must not buy tries).
    /// </summary>
    public sealed class LoginGuard
    {
        public const int FreeAttempts = 5;
        public const long FirstLockMs = 60000;
        public const long MaxLockMs = 3600000;
        public const long ProgressPersistMs = 10000;

        private const byte Version = 1;
        private const int RecordLength = 7;
        private const int MaxFailures = 0xFFFF;

        private readonly IRecordStore _store;
        private readonly IClock _clock;
        private readonly int _key;
        private int _failures;
        private long _remainingMs;
        private long _persistedMs;
        private long _lastUptimeMs;

        /// <summary>The operator login guard (record LoginGuard).</summary>
        public LoginGuard(IRecordStore store, IClock clock) : this(store, clock, RecordKeys.LoginGuard)
        {
        }

        /// <summary>A guard over its own record (the unlock code has one too).</summary>
        public LoginGuard(IRecordStore store, IClock clock, int recordKey)
        {
            _store = store;
            _clock = clock;
            _key = recordKey;
            _lastUptimeMs = clock.UptimeMs;
            Load();
        }

        /// <summary>Wrong attempts since the last success (the current attempt included while it runs).</summary>
        public int FailedCount { get { return _failures; } }

        /// <summary>Wrong attempts still possible before the next lock (0 once locks have begun).</summary>
        public int AttemptsLeft { get { return _failures < FreeAttempts ? FreeAttempts - _failures : 0; } }

        /// <summary>Wrong passwords until the next lock: 5 down to 1, then 1 (every further failure locks).</summary>
        public int TriesBeforeLock { get { return _failures < FreeAttempts ? FreeAttempts - _failures : 1; } }

        public long RemainingLockMs
        {
            get
            {
                Poll();
                return _remainingMs;
            }
        }

        public bool IsLocked { get { return RemainingLockMs > 0; } }

        /// <summary>The lock earned by the failures-th consecutive failure: 0, then 60 s doubling to 1 h.</summary>
        public static long LockMsAfter(int failures)
        {
            if (failures < FreeAttempts) return 0;
            int doublings = failures - FreeAttempts;
            if (doublings >= 6) return MaxLockMs; // 60 s << 6 = 64 min: past the cap
            long lockMs = FirstLockMs << doublings;
            return lockMs < MaxLockMs ? lockMs : MaxLockMs;
        }

        /// <summary>"m:ss" for the LCD, rounded up so it never shows 0:00 while still locked.</summary>
        public static string FormatRemaining(long ms)
        {
            long seconds = (ms + 999) / 1000;
            long s = seconds % 60;
            return (seconds / 60).ToString() + ":" + (s < 10 ? "0" : "") + s.ToString();
        }

        /// <summary>
        /// Call before comparing a password. Allowed: the attempt is now committed as a failure
        /// (with its lock); call RecordSuccess if the password matches, nothing otherwise.
        /// </summary>
        public LoginGate BeginAttempt()
        {
            Poll();
            if (_remainingMs > 0) return LoginGate.Locked;
            int failures = _failures < MaxFailures ? _failures + 1 : MaxFailures;
            long lockMs = LockMsAfter(failures);
            try
            {
                Save(failures, lockMs);
            }
            catch (StoreFullException)
            {
                return LoginGate.Unavailable;
            }
            _failures = failures;
            _remainingMs = lockMs;
            _persistedMs = lockMs;
            _lastUptimeMs = _clock.UptimeMs;
            return LoginGate.Allowed;
        }

        /// <summary>The password matched: clears the count and the lock armed by BeginAttempt.</summary>
        public void RecordSuccess()
        {
            _failures = 0;
            _remainingMs = 0;
            _persistedMs = 0;
            try
            {
                Save(0, 0);
            }
            catch (StoreFullException)
            {
                // Still cleared in RAM; after a reboot the armed lock would come back: the safe side.
            }
        }

        /// <summary>
        /// Counts the lock down by the uptime since the last call; commits progress every
        /// ProgressPersistMs. Without a lock it returns at once (the main loop calls it every
        /// pass; BeginAttempt restarts the uptime base when it arms a lock).
        /// </summary>
        public void Poll()
        {
            if (_remainingMs <= 0) return;
            long now = _clock.UptimeMs;
            long elapsed = now - _lastUptimeMs;
            _lastUptimeMs = now;
            if (elapsed <= 0) return;
            _remainingMs = elapsed < _remainingMs ? _remainingMs - elapsed : 0;
            if (_persistedMs - _remainingMs >= ProgressPersistMs || (_remainingMs == 0 && _persistedMs != 0))
            {
                try
                {
                    Save(_failures, _remainingMs);
                    _persistedMs = _remainingMs;
                }
                catch (PowerLossException)
                {
                    throw;
                }
                catch (Exception)
                {
                    // Not committed (store full, or the flash failed): a reboot resumes from the
                    // older, longer value. Safe; the next pass tries again.
                }
            }
        }

        /// <summary>True when the record read at boot was damaged: the guard started at its maximum.</summary>
        public bool Damaged { get; private set; }

        /// <summary>The failure count at which every failure earns the longest lock.</summary>
        public const int MaximumFailures = FreeAttempts + 6;

        private void Save(int failures, long remainingMs)
        {
            byte[] record = new byte[RecordLength];
            record[0] = Version;
            LittleEndian.PutU16(record, 1, failures);
            LittleEndian.PutU32(record, 3, (uint)remainingMs);
            _store.Write(_key, record);
        }

        private void Load()
        {
            bool damaged;
            byte[] record = SecureRecord.Read(_store, _key, out damaged);
            if (!damaged && record == null) return;
            if (damaged || record.Length != RecordLength || record[0] != Version)
            {
                Damaged = true;
                _failures = MaximumFailures;
                _remainingMs = MaxLockMs;
                _persistedMs = MaxLockMs;
                return;
            }
            _failures = LittleEndian.GetU16(record, 1);
            long remaining = LittleEndian.GetU32(record, 3);
            _remainingMs = remaining < MaxLockMs ? remaining : MaxLockMs;
            _persistedMs = _remainingMs;
        }
    }
}

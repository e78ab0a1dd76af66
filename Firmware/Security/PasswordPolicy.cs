using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Storage;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Security
{
    /// <summary>
    /// Rules for the operator password: 6–12 digits, not all one digit, not an ascending or
    /// descending run, not the password it replaces; the factory password 123456 must be
    /// changed at first login; a reminder once the password is older than MaxAgeDays (90 by
    /// default, 0 = never).
    ///
    /// Age needs the wall clock, which a board without an RTC knows only after set-time (or,
    /// later, the network). The change time is stamped only when the clock is known; a
    /// password changed while it was unknown is stamped at the first login after the clock
    /// becomes known (so its age is never overstated).
    ///
    /// The age never goes back (issue 10): the policy keeps the latest wall-clock time the
    /// terminal has known (LatestSeen, stored at set-time and at logins) and measures the age
    /// up to max(now, LatestSeen). Setting the clock back, or losing it at power-off, therefore
    /// cannot hide a reminder that was due; a change is stamped at max(now, LatestSeen) too, so
    /// a new password is never born old. The reminder can only come early if someone set the
    /// clock ahead of the real time (that set-time is in the audit log).
    ///
    /// Record PasswordAge v2 (20 bytes): version (1) = 2, flags (1; bit 0 = change time known),
    /// change time (i64 Unix seconds), max age in days (u16), latest seen wall clock (i64 Unix
    /// seconds, 0 = never). v1 (12 bytes, without the last field) still reads.
    /// </summary>
    public sealed class PasswordPolicy
    {
        public const int MinLength = 6;
        public const int MaxLength = 12;
        public const string FactoryPassword = "123456";
        public const int DefaultMaxAgeDays = 90;
        public const int MaxMaxAgeDays = 3650;

        private const byte Version = 2;
        private const int RecordLength = 20;
        private const int V1RecordLength = 12;
        private const long SecondsPerDay = 86400;

        private readonly IRecordStore _store;
        private readonly IClock _clock;
        private readonly ICrypto _crypto;
        private bool _changedAtKnown;
        private long _changedAt;
        private int _maxAgeDays = DefaultMaxAgeDays;
        private long _latestSeen;

        public PasswordPolicy(IRecordStore store, IClock clock, ICrypto crypto)
        {
            _store = store;
            _clock = clock;
            _crypto = crypto;
            Load();
        }

        /// <summary>Days after which the operator is reminded; 0 = never.</summary>
        public int MaxAgeDays { get { return _maxAgeDays; } }

        /// <summary>
        /// Whole days since the last change up to the latest wall-clock time known (now, or
        /// LatestSeen when the clock is unknown or was set back); -1 when no time is known or
        /// the change was never stamped.
        /// </summary>
        public long PasswordAgeDays
        {
            get
            {
                long latest = Latest();
                if (!_changedAtKnown || latest <= 0) return -1;
                long age = latest - _changedAt;
                return age < 0 ? 0 : age / SecondsPerDay;
            }
        }

        /// <summary>The latest wall-clock time this terminal has known (Unix seconds), 0 when never.</summary>
        public long LatestSeen { get { return _latestSeen; } }

        /// <summary>
        /// Remembers the wall clock's current time if it is later than any seen before (call
        /// after set-time and at logins; one commit when it moves). A full store keeps it in RAM.
        /// </summary>
        public void NoteWallClock()
        {
            if (!_clock.WallClockKnown) return;
            long now = UtcTime.ToUnixSeconds(_clock.UtcNow);
            if (now <= _latestSeen) return;
            _latestSeen = now;
            TrySave();
        }

        /// <summary>The shape rules alone (digits, length, not one digit, not a run) for any digit secret.</summary>
        public static SecretProblem CheckDigits(string candidate, int minLength, int maxLength)
        {
            if (candidate == null || candidate.Length == 0 || !Digits.AreAll(candidate)) return SecretProblem.NotDigits;
            if (candidate.Length < minLength) return SecretProblem.TooShort;
            if (candidate.Length > maxLength) return SecretProblem.TooLong;
            if (IsStep(candidate, 0)) return SecretProblem.AllSameDigit;
            if (IsStep(candidate, 1) || IsStep(candidate, -1)) return SecretProblem.Run;
            return SecretProblem.None;
        }

        /// <summary>
        /// Checks a new operator password against every rule. previous is the stored hash of
        /// the password it replaces (null when the factory password is still in place).
        /// </summary>
        public SecretProblem Check(string candidate, GuardedSecret previous)
        {
            SecretProblem shape = CheckDigits(candidate, MinLength, MaxLength);
            if (shape != SecretProblem.None) return shape;
            // One derivation (the only one besides hashing the new password: a change derives twice).
            if (previous != null && previous.IsCurrent(candidate)) return SecretProblem.SameAsPrevious;
            return SecretProblem.None;
        }

        /// <summary>
        /// After a successful login with enteredPassword: must it be changed now (factory
        /// password), or is a reminder due? Also stamps the change time if it was unknown and
        /// the wall clock is now known (one commit, at most once).
        /// </summary>
        public LoginAdvice AdviceAfterLogin(bool mustChange)
        {
            if (mustChange) return LoginAdvice.ChangeRequired;
            if (!_changedAtKnown && _clock.WallClockKnown)
            {
                TryStamp();
                return LoginAdvice.None;
            }
            NoteWallClock();
            return ReminderDue() ? LoginAdvice.ChangeReminder : LoginAdvice.None;
        }

        /// <summary>True when the wall clock is known and the password is at least MaxAgeDays old.</summary>
        public bool ReminderDue()
        {
            if (_maxAgeDays == 0) return false;
            long age = PasswordAgeDays;
            return age >= 0 && age >= _maxAgeDays;
        }

        /// <summary>Call after the new password is stored: restarts its age (when the clock is known).</summary>
        public void RecordPasswordChanged()
        {
            _changedAtKnown = false;
            TryStamp();
            if (!_changedAtKnown) TrySave();
        }

        /// <summary>Sets the reminder age: 0 (never) or 1..MaxMaxAgeDays. False, changing nothing, when out of range.</summary>
        public bool SetMaxAgeDays(int days)
        {
            if (days < 0 || days > MaxMaxAgeDays) return false;
            int old = _maxAgeDays;
            _maxAgeDays = days;
            try
            {
                Save();
            }
            catch (StoreFullException)
            {
                _maxAgeDays = old;
                throw;
            }
            return true;
        }

        /// <summary>Puts the record with max age days into batch (restore); call Committed(days) after the commit.</summary>
        public void StageMaxAgeDays(RecordBatch batch, int days)
        {
            batch.Write(RecordKeys.PasswordAge, Encode(_changedAtKnown, _changedAt, days, _latestSeen));
        }

        public void CommittedMaxAgeDays(int days)
        {
            _maxAgeDays = days;
        }

        /// <summary>Factory reset, in batch: forgets the change time and the configured age (the latest clock seen too).</summary>
        public void StageReset(RecordBatch batch)
        {
            batch.Delete(RecordKeys.PasswordAge);
        }

        public void ResetCommitted()
        {
            _changedAtKnown = false;
            _changedAt = 0;
            _maxAgeDays = DefaultMaxAgeDays;
            _latestSeen = 0;
        }

        // True when every digit is the previous one plus step, wrapping 9→0 and 0→9 ("789012"),
        // as the keypad flow's PasswordVault counts runs; step 0 = all the same digit.
        private static bool IsStep(string digits, int step)
        {
            for (int i = 1; i < digits.Length; i++)
            {
                if (digits[i] - '0' != (digits[i - 1] - '0' + step + 10) % 10) return false;
            }
            return true;
        }

        private void TryStamp()
        {
            if (!_clock.WallClockKnown) return;
            long now = UtcTime.ToUnixSeconds(_clock.UtcNow);
            if (now > _latestSeen) _latestSeen = now;
            _changedAt = _latestSeen;
            _changedAtKnown = true;
            TrySave();
        }

        private long Latest()
        {
            if (!_clock.WallClockKnown) return _latestSeen;
            long now = UtcTime.ToUnixSeconds(_clock.UtcNow);
            return now > _latestSeen ? now : _latestSeen;
        }

        // The age record is advice only: a full store must not fail a password change.
        private void TrySave()
        {
            try
            {
                Save();
            }
            catch (StoreFullException)
            {
            }
        }

        private void Save()
        {
            _store.Write(RecordKeys.PasswordAge, Encode(_changedAtKnown, _changedAt, _maxAgeDays, _latestSeen));
        }

        private static byte[] Encode(bool changedAtKnown, long changedAt, int maxAgeDays, long latestSeen)
        {
            byte[] record = new byte[RecordLength];
            record[0] = Version;
            record[1] = (byte)(changedAtKnown ? 1 : 0);
            LittleEndian.PutI64(record, 2, changedAt);
            LittleEndian.PutU16(record, 10, maxAgeDays);
            LittleEndian.PutI64(record, 12, latestSeen);
            return record;
        }

        // Advice only (a reminder): an unreadable record means the defaults, nothing more.
        private void Load()
        {
            byte[] record = _store.Read(RecordKeys.PasswordAge);
            if (record == null) return;
            bool v1 = record.Length == V1RecordLength && record[0] == 1;
            if (!v1 && (record.Length != RecordLength || record[0] != Version)) return;
            _changedAtKnown = (record[1] & 1) != 0;
            _changedAt = LittleEndian.GetI64(record, 2);
            int days = LittleEndian.GetU16(record, 10);
            _maxAgeDays = days <= MaxMaxAgeDays ? days : DefaultMaxAgeDays;
            _latestSeen = v1 ? (_changedAtKnown ? _changedAt : 0) : LittleEndian.GetI64(record, 12);
        }
    }
}

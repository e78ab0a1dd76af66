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
    /// becomes known. So without a clock there is no reminder rather than a wrong one, and an
    /// unknown age never makes a reminder come early.
    ///
    /// Record PasswordAge (12 bytes): version (1) = 1, flags (1; bit 0 = change time known),
    /// change time (i64 Unix seconds), max age in days (u16).
    /// </summary>
    public sealed class PasswordPolicy
    {
        public const int MinLength = 6;
        public const int MaxLength = 12;
        public const string FactoryPassword = "123456";
        public const int DefaultMaxAgeDays = 90;
        public const int MaxMaxAgeDays = 3650;

        private const byte Version = 1;
        private const int RecordLength = 12;
        private const long SecondsPerDay = 86400;

        private readonly IRecordStore _store;
        private readonly IClock _clock;
        private readonly ICrypto _crypto;
        private bool _changedAtKnown;
        private long _changedAt;
        private int _maxAgeDays = DefaultMaxAgeDays;

        public PasswordPolicy(IRecordStore store, IClock clock, ICrypto crypto)
        {
            _store = store;
            _clock = clock;
            _crypto = crypto;
            Load();
        }

        /// <summary>Days after which the operator is reminded; 0 = never.</summary>
        public int MaxAgeDays { get { return _maxAgeDays; } }

        /// <summary>Whole days since the last change, or -1 when unknown (no wall clock, or never stamped).</summary>
        public long PasswordAgeDays
        {
            get
            {
                if (!_changedAtKnown || !_clock.WallClockKnown) return -1;
                long age = UtcTime.ToUnixSeconds(_clock.UtcNow) - _changedAt;
                return age < 0 ? -1 : age / SecondsPerDay;
            }
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
        public SecretProblem Check(string candidate, PasswordHash previous)
        {
            SecretProblem shape = CheckDigits(candidate, MinLength, MaxLength);
            if (shape != SecretProblem.None) return shape;
            if (previous != null && previous.Matches(_crypto, candidate)) return SecretProblem.SameAsPrevious;
            return SecretProblem.None;
        }

        /// <summary>
        /// After a successful login with enteredPassword: must it be changed now (factory
        /// password), or is a reminder due? Also stamps the change time if it was unknown and
        /// the wall clock is now known (one commit, at most once).
        /// </summary>
        public LoginAdvice AdviceAfterLogin(string enteredPassword)
        {
            if (enteredPassword == FactoryPassword) return LoginAdvice.ChangeRequired;
            if (!_changedAtKnown && _clock.WallClockKnown)
            {
                TryStamp();
                return LoginAdvice.None;
            }
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

        /// <summary>
        /// Puts the PasswordAge record with a new maximum age (the change time kept) in batch,
        /// for a change that commits with others (a restore); call Reload after the commit.
        /// </summary>
        public void AddMaxAgeTo(RecordBatch batch, int days)
        {
            if (days < 0 || days > MaxMaxAgeDays) throw new System.ArgumentOutOfRangeException("days");
            batch.Write(RecordKeys.PasswordAge, Encode(_changedAtKnown, _changedAt, days));
        }

        /// <summary>Reads the record again (after a batch that held it committed).</summary>
        public void Reload()
        {
            _changedAtKnown = false;
            _changedAt = 0;
            _maxAgeDays = DefaultMaxAgeDays;
            Load();
        }

        /// <summary>Factory reset: forgets the change time and the configured age.</summary>
        public void Reset()
        {
            _store.Delete(RecordKeys.PasswordAge);
            _changedAtKnown = false;
            _changedAt = 0;
            _maxAgeDays = DefaultMaxAgeDays;
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
            _changedAt = UtcTime.ToUnixSeconds(_clock.UtcNow);
            _changedAtKnown = true;
            TrySave();
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
            _store.Write(RecordKeys.PasswordAge, Encode(_changedAtKnown, _changedAt, _maxAgeDays));
        }

        private static byte[] Encode(bool changedAtKnown, long changedAt, int maxAgeDays)
        {
            byte[] record = new byte[RecordLength];
            record[0] = Version;
            record[1] = (byte)(changedAtKnown ? 1 : 0);
            LittleEndian.PutI64(record, 2, changedAt);
            LittleEndian.PutU16(record, 10, maxAgeDays);
            return record;
        }

        private void Load()
        {
            byte[] record = _store.Read(RecordKeys.PasswordAge);
            if (record == null || record.Length != RecordLength || record[0] != Version) return;
            _changedAtKnown = (record[1] & 1) != 0;
            _changedAt = LittleEndian.GetI64(record, 2);
            int days = LittleEndian.GetU16(record, 10);
            _maxAgeDays = days <= MaxMaxAgeDays ? days : DefaultMaxAgeDays;
        }
    }
}

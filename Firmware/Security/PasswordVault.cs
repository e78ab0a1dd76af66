using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Storage;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Security
{
    /// <summary>
    /// The operator password and the login rules, in one place.
    ///
    /// The Password record holds a salted SHA-256 digest, never the digits. While there is
    /// no record the factory password 123456 is in effect and must be changed at the first
    /// login (MustChange). Wrong attempts in a row are counted in the LoginFailures record;
    /// every AttemptsPerRound-th wrong attempt locks logins for LockoutMsFor(failures).
    ///
    /// Password record v1: [0] version = 1, [1] flags (0), [2..3] iterations (LE),
    /// [4..19] salt, [20..51] digest. digest = SHA-256(salt ‖ ASCII digits), then
    /// (iterations - 1) times SHA-256(salt ‖ previous digest).
    /// LoginFailures record: u16 LE count of wrong attempts since the last right one.
    /// </summary>
    public sealed class PasswordVault
    {
        public const string FactoryPassword = "123456";
        public const int MinLength = 6;
        public const int MaxLength = 12;
        public const int AttemptsPerRound = 5;
        public const int LockoutMs = 60000;

        private const byte Version = 1;
        private const int Iterations = 1;
        private const int SaltLength = 16;
        private const int DigestLength = 32;
        private const int RecordLength = 4 + SaltLength + DigestLength;

        private readonly IRecordStore _store;
        private readonly ICrypto _crypto;
        private readonly IClock _clock;
        private int _failures;
        private long _lockedUntilMs;

        public PasswordVault(IRecordStore store, ICrypto crypto, IClock clock)
        {
            _store = store;
            _crypto = crypto;
            _clock = clock;
            _failures = ReadFailures();
            // Uptime restarts at power-on and the board has no RTC, so the time already
            // served is unknown: a reboot during (or after) a lockout starts it again.
            if (IsLockoutDue(_failures)) _lockedUntilMs = _clock.UptimeMs + LockoutMsFor(_failures);
        }

        /// <summary>True while the factory password is in effect: the first login must change it.</summary>
        public bool MustChange { get { return ReadRecord() == null; } }

        /// <summary>Wrong attempts in a row, as stored.</summary>
        public int Failures { get { return _failures; } }

        /// <summary>Wrong attempts still allowed before the next lockout.</summary>
        public int AttemptsLeft { get { return AttemptsPerRound - _failures % AttemptsPerRound; } }

        public bool IsLockedOut { get { return _clock.UptimeMs < _lockedUntilMs; } }

        /// <summary>Whole seconds until logins are accepted again (rounded up); 0 when not locked.</summary>
        public int LockoutSecondsLeft
        {
            get
            {
                long left = _lockedUntilMs - _clock.UptimeMs;
                return left <= 0 ? 0 : (int)((left + 999) / 1000);
            }
        }

        public LoginResult TryLogin(string password)
        {
            if (IsLockedOut) return LoginResult.LockedOut;
            // Count the attempt BEFORE checking it: a power cut between the check and the
            // count must not give a free try.
            if (!WriteFailures(_failures + 1)) return LoginResult.StorageFull;
            if (!Matches(password))
            {
                if (IsLockoutDue(_failures))
                {
                    _lockedUntilMs = _clock.UptimeMs + LockoutMsFor(_failures);
                    return LoginResult.LockedOut;
                }
                return LoginResult.Wrong;
            }
            WriteFailures(0);
            return LoginResult.Accepted;
        }

        /// <summary>Whether password may become the new one.</summary>
        public PasswordProblem CheckNew(string password)
        {
            if (!Digits.AreAll(password)) return PasswordProblem.NotDigits;
            if (password.Length < MinLength || password.Length > MaxLength) return PasswordProblem.Length;
            if (IsAllOneDigit(password)) return PasswordProblem.AllSameDigit;
            if (IsRun(password, 1) || IsRun(password, -1)) return PasswordProblem.RunOfDigits;
            return PasswordProblem.None;
        }

        /// <summary>Stores password (checked with CheckNew first) with a fresh salt. False when the store is full.</summary>
        public bool Change(string password)
        {
            byte[] record = new byte[RecordLength];
            record[0] = Version;
            record[2] = (byte)Iterations;
            record[3] = (byte)(Iterations >> 8);
            byte[] salt = new byte[SaltLength];
            _crypto.Random(salt);
            System.Array.Copy(salt, 0, record, 4, SaltLength);
            byte[] digest = Digest(salt, Iterations, password);
            System.Array.Copy(digest, 0, record, 4 + SaltLength, DigestLength);
            try
            {
                _store.Write(RecordKeys.Password, record);
                return true;
            }
            catch (StoreFullException)
            {
                return false;
            }
        }

        // ---- rules ----

        private static bool IsLockoutDue(int failures)
        {
            return failures > 0 && failures % AttemptsPerRound == 0;
        }

        /// <summary>How long the lockout after the given number of wrong attempts lasts.</summary>
        private static long LockoutMsFor(int failures)
        {
            return LockoutMs;
        }

        private static bool IsAllOneDigit(string password)
        {
            for (int i = 1; i < password.Length; i++)
            {
                if (password[i] != password[0]) return false;
            }
            return true;
        }

        /// <summary>Each digit is the previous one plus step, wrapping 9→0 ("789012") or 0→9.</summary>
        private static bool IsRun(string password, int step)
        {
            for (int i = 1; i < password.Length; i++)
            {
                int expected = (password[i - 1] - '0' + step + 10) % 10;
                if (password[i] - '0' != expected) return false;
            }
            return true;
        }

        // ---- digests ----

        private bool Matches(string password)
        {
            byte[] record = ReadRecord();
            if (record == null)
            {
                byte[] none = new byte[0];
                return SameBytes(Digest(none, 1, password), 0, Digest(none, 1, FactoryPassword));
            }
            int iterations = record[2] | (record[3] << 8);
            byte[] salt = new byte[SaltLength];
            System.Array.Copy(record, 4, salt, 0, SaltLength);
            return SameBytes(record, 4 + SaltLength, Digest(salt, iterations, password));
        }

        private byte[] Digest(byte[] salt, int iterations, string password)
        {
            byte[] input = new byte[salt.Length + (password.Length > DigestLength ? password.Length : DigestLength)];
            System.Array.Copy(salt, input, salt.Length);
            for (int i = 0; i < password.Length; i++)
            {
                input[salt.Length + i] = (byte)password[i];
            }
            byte[] digest = new byte[DigestLength];
            _crypto.Sha256(input, 0, salt.Length + password.Length, digest);
            for (int round = 1; round < iterations; round++)
            {
                System.Array.Copy(digest, 0, input, salt.Length, DigestLength);
                _crypto.Sha256(input, 0, salt.Length + DigestLength, digest);
            }
            return digest;
        }

        /// <summary>Compares without an early exit, so timing tells nothing about where digests differ.</summary>
        private static bool SameBytes(byte[] a, int offset, byte[] b)
        {
            int diff = 0;
            for (int i = 0; i < b.Length; i++)
            {
                diff |= a[offset + i] ^ b[i];
            }
            return diff == 0;
        }

        // ---- records ----

        private byte[] ReadRecord()
        {
            byte[] record = _store.Read(RecordKeys.Password);
            return record != null && record.Length == RecordLength && record[0] == Version ? record : null;
        }

        private int ReadFailures()
        {
            byte[] record = _store.Read(RecordKeys.LoginFailures);
            return record != null && record.Length == 2 ? record[0] | (record[1] << 8) : 0;
        }

        private bool WriteFailures(int failures)
        {
            if (failures > 0xFFFF) failures = 0xFFFF;
            try
            {
                _store.Write(RecordKeys.LoginFailures, new byte[] { (byte)failures, (byte)(failures >> 8) });
            }
            catch (StoreFullException)
            {
                return false;
            }
            _failures = failures;
            return true;
        }
    }
}

using System;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Security
{
    /// <summary>
    /// A stored secret (operator password, technician code, unlock code) as a salted key
    /// derived with PBKDF2-HMAC-SHA256 (Pbkdf2). The digits themselves are never stored or logged.
    ///
    /// Rounds: the board's (TerminalHardware.KdfRounds, from board.json security.kdfRounds), so
    /// one derivation stays well under 1 s on that board (docs/benchmarks.md, security, has the
    /// cost model). The count travels with the record, so a board may raise it later.
    ///
    /// Record v2 (54 bytes): version (1) = 2, flags (1; bit 0 = must be changed at the next
    /// login, set by a technician's reset-password), rounds (u32 LE), salt (16), key (32).
    ///
    /// Version 1 (iterated SHA-256, 2048 rounds) is refused, not migrated: verifying one takes
    /// est. 23-69 s of interpreted SHA-256 on the ESP32, and no device ever stored one (the
    /// firmware that wrote them crashed on nanoCLR before its first screen, issue 9). A v1
    /// record reads as damaged: the password needs a technician's reset-password, a code is
    /// provisioned again (see Firmware/Security/README.md, "Migration").
    /// </summary>
    public sealed class PasswordHash
    {
        public const byte FormatVersion = 2;
        public const int SaltLength = 16;
        public const int HashLength = Pbkdf2.KeyLength;
        public const int RecordLength = 2 + 4 + SaltLength + HashLength;

        /// <summary>The rounds when a board gives none: board.json's value for the ESP32 terminal.</summary>
        public const int DefaultRounds = 960;

        /// <summary>Upper bound accepted when decoding, so a corrupt record cannot stall a login for long.</summary>
        public const int MaxRounds = 16384;

        private const byte MustChangeFlag = 1;

        private readonly int _rounds;
        private readonly byte[] _salt;
        private readonly byte[] _hash;
        private readonly bool _mustChange;

        private PasswordHash(int rounds, byte[] salt, byte[] hash, bool mustChange)
        {
            _rounds = rounds;
            _salt = salt;
            _hash = hash;
            _mustChange = mustChange;
        }

        public int Rounds { get { return _rounds; } }

        /// <summary>Set by a technician's reset: the next login with this secret must change it.</summary>
        public bool MustChange { get { return _mustChange; } }

        /// <summary>Derives secret's key with a fresh 16-byte salt from crypto.Random (one derivation).</summary>
        public static PasswordHash Create(ICrypto crypto, string secret, int rounds)
        {
            return Create(crypto, secret, rounds, false);
        }

        public static PasswordHash Create(ICrypto crypto, string secret, int rounds, bool mustChange)
        {
            if (crypto == null || secret == null) throw new ArgumentNullException();
            if (rounds < 1 || rounds > MaxRounds) throw new ArgumentOutOfRangeException("rounds");
            byte[] salt = new byte[SaltLength];
            crypto.Random(salt);
            return new PasswordHash(rounds, salt, Pbkdf2.Derive(crypto, secret, salt, rounds), mustChange);
        }

        /// <summary>True when secret is the stored one (one derivation); compared in constant time.</summary>
        public bool Matches(ICrypto crypto, string secret)
        {
            if (secret == null) return false;
            byte[] candidate = Pbkdf2.Derive(crypto, secret, _salt, _rounds);
            bool same = ConstantTimeEquals(candidate, _hash);
            Array.Clear(candidate, 0, candidate.Length);
            return same;
        }

        /// <summary>Compares every byte (no early exit), so timing does not tell where two hashes differ.</summary>
        public static bool ConstantTimeEquals(byte[] a, byte[] b)
        {
            if (a == null || b == null || a.Length != b.Length) return false;
            int diff = 0;
            for (int i = 0; i < a.Length; i++)
            {
                diff |= a[i] ^ b[i];
            }
            return diff == 0;
        }

        /// <summary>The same for two texts (hex MACs, the factory password): every character compared.</summary>
        public static bool ConstantTimeEquals(string a, string b)
        {
            if (a == null || b == null) return false;
            char[] x = a.ToCharArray();
            char[] y = b.ToCharArray();
            int diff = x.Length ^ y.Length;
            int n = x.Length < y.Length ? x.Length : y.Length;
            for (int i = 0; i < n; i++) diff |= x[i] ^ y[i];
            return diff == 0;
        }

        public byte[] Encode()
        {
            byte[] record = new byte[RecordLength];
            record[0] = FormatVersion;
            record[1] = _mustChange ? MustChangeFlag : (byte)0;
            LittleEndian.PutU32(record, 2, (uint)_rounds);
            Array.Copy(_salt, 0, record, 6, SaltLength);
            Array.Copy(_hash, 0, record, 6 + SaltLength, HashLength);
            return record;
        }

        /// <summary>The hash a record holds, or null when it is missing, of another version (v1 included) or malformed.</summary>
        public static PasswordHash Decode(byte[] record)
        {
            if (record == null || record.Length != RecordLength || record[0] != FormatVersion) return null;
            if ((record[1] & ~MustChangeFlag) != 0) return null;
            uint rounds = LittleEndian.GetU32(record, 2);
            if (rounds < 1 || rounds > MaxRounds) return null;
            byte[] salt = new byte[SaltLength];
            byte[] hash = new byte[HashLength];
            Array.Copy(record, 6, salt, 0, SaltLength);
            Array.Copy(record, 6 + SaltLength, hash, 0, HashLength);
            return new PasswordHash((int)rounds, salt, hash, record[1] == MustChangeFlag);
        }
    }
}

using System;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Security
{
    /// <summary>
    /// A stored secret (operator password, technician unlock code) as a salted, iterated
    /// SHA-256 hash. The digits themselves are never stored or logged.
    ///
    /// Derivation: h1 = SHA-256(salt || secret), h(i+1) = SHA-256(h(i) || salt || secret),
    /// for Iterations rounds; the secret as UTF-16LE code units.
    ///
    /// Record (53 bytes): version (1) = 1, iterations (u32 LE), salt (16), hash (32).
    /// The iteration count travels with the hash, so it can grow later: a record with fewer
    /// rounds than wanted still verifies, and NeedsRehash says to re-store it at the next login.
    /// </summary>
    public sealed class PasswordHash
    {
        public const byte FormatVersion = 1;
        public const int SaltLength = 16;
        public const int HashLength = 32;
        public const int RecordLength = 1 + 4 + SaltLength + HashLength;

        /// <summary>
        /// 2048 rounds. Each round hashes about 70 bytes (two SHA-256 blocks). On the ESP32 the
        /// SHA accelerator does a block in about a microsecond, so the cost is the interpreter's
        /// call into native code, estimated at tens of microseconds: roughly 0.05–0.2 s per check,
        /// acceptable once per login. It is no defence on its own: 6–12 digits are a small space
        /// for an offline attack on a flash dump; the online defence is LoginGuard's lockout.
        /// Tests pass a small count to Create to stay fast.
        /// </summary>
        public const int DefaultIterations = 2048;

        /// <summary>Upper bound accepted when decoding, so a corrupt record cannot stall a login for minutes.</summary>
        public const int MaxIterations = 1000000;

        private readonly int _iterations;
        private readonly byte[] _salt;
        private readonly byte[] _hash;

        private PasswordHash(int iterations, byte[] salt, byte[] hash)
        {
            _iterations = iterations;
            _salt = salt;
            _hash = hash;
        }

        public int Iterations { get { return _iterations; } }

        /// <summary>Hashes secret with a fresh 16-byte salt from crypto.Random and DefaultIterations rounds.</summary>
        public static PasswordHash Create(ICrypto crypto, string secret)
        {
            return Create(crypto, secret, DefaultIterations);
        }

        public static PasswordHash Create(ICrypto crypto, string secret, int iterations)
        {
            if (crypto == null || secret == null) throw new ArgumentNullException();
            if (iterations < 1 || iterations > MaxIterations) throw new ArgumentOutOfRangeException("iterations");
            byte[] salt = new byte[SaltLength];
            crypto.Random(salt);
            return new PasswordHash(iterations, salt, Derive(crypto, secret, salt, iterations));
        }

        /// <summary>True when secret is the hashed one; the comparison takes the same time wherever the hashes differ.</summary>
        public bool Matches(ICrypto crypto, string secret)
        {
            if (secret == null) return false;
            byte[] candidate = Derive(crypto, secret, _salt, _iterations);
            bool same = ConstantTimeEquals(candidate, _hash);
            Array.Clear(candidate, 0, candidate.Length);
            return same;
        }

        /// <summary>True when the record was made with fewer rounds than wanted: re-hash after the next successful check.</summary>
        public bool NeedsRehash(int wantedIterations)
        {
            return _iterations < wantedIterations;
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

        public byte[] Encode()
        {
            byte[] record = new byte[RecordLength];
            record[0] = FormatVersion;
            LittleEndian.PutU32(record, 1, (uint)_iterations);
            Array.Copy(_salt, 0, record, 5, SaltLength);
            Array.Copy(_hash, 0, record, 5 + SaltLength, HashLength);
            return record;
        }

        /// <summary>The hash a record holds, or null when it is missing, of another version or malformed.</summary>
        public static PasswordHash Decode(byte[] record)
        {
            if (record == null || record.Length != RecordLength || record[0] != FormatVersion) return null;
            uint iterations = LittleEndian.GetU32(record, 1);
            if (iterations < 1 || iterations > MaxIterations) return null;
            byte[] salt = new byte[SaltLength];
            byte[] hash = new byte[HashLength];
            Array.Copy(record, 5, salt, 0, SaltLength);
            Array.Copy(record, 5 + SaltLength, hash, 0, HashLength);
            return new PasswordHash((int)iterations, salt, hash);
        }

        private static byte[] Derive(ICrypto crypto, string secret, byte[] salt, int iterations)
        {
            // [ previous round (32) | salt (16) | secret (2 per char) ]: round 1 hashes from offset 32.
            int tail = SaltLength + 2 * secret.Length;
            byte[] buffer = new byte[HashLength + tail];
            Array.Copy(salt, 0, buffer, HashLength, SaltLength);
            int p = HashLength + SaltLength;
            for (int i = 0; i < secret.Length; i++)
            {
                buffer[p++] = (byte)secret[i];
                buffer[p++] = (byte)(secret[i] >> 8);
            }
            byte[] output = new byte[HashLength];
            crypto.Sha256(buffer, HashLength, tail, output);
            for (int round = 1; round < iterations; round++)
            {
                Array.Copy(output, 0, buffer, 0, HashLength);
                crypto.Sha256(buffer, 0, buffer.Length, output);
            }
            Array.Clear(buffer, 0, buffer.Length);
            return output;
        }
    }
}

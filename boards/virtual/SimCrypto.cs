using System;
using System.Security.Cryptography;
using PosTerminal.Hal;

namespace PosTerminal.Virtual
{
    /// <summary>.NET's SHA-256 and HMAC-SHA256, counted; randomness is seeded so scripted runs are repeatable.</summary>
    public sealed class SimCrypto : ICrypto
    {
        private readonly Random _random;

        public SimCrypto(int seed = 1)
        {
            _random = new Random(seed);
        }

        /// <summary>SHA-256 computations so far: the security checks count password comparisons by it.</summary>
        public long Hashes { get; private set; }

        /// <summary>SHA-256 compressions (64-byte blocks, padding included) those computations took: on the ESP32 they run interpreted.</summary>
        public long Sha256Blocks { get; private set; }

        public void Sha256(byte[] data, int offset, int count, byte[] output)
        {
            Hashes++;
            Sha256Blocks += (count + 9 + 63) / 64;
            SHA256.HashData(new ReadOnlySpan<byte>(data, offset, count), output);
        }

        /// <summary>HMAC-SHA256 computations so far (a native call on the ESP32).</summary>
        public long Hmacs { get; private set; }

        public byte[] HmacSha256(byte[] key, byte[] data)
        {
            Hmacs++;
            return HMACSHA256.HashData(key, data);
        }

        public void Random(byte[] buffer)
        {
            _random.NextBytes(buffer);
        }
    }
}

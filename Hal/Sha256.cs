namespace PosTerminal.Hal
{
    /// <summary>
    /// SHA-256 (FIPS 180-4) in portable code. nanoFramework 1.x offers no managed SHA-256
    /// (its System.Security.Cryptography has only AES and HMACSHA256), so the ESP32 board's
    /// ICrypto hashes with this class. An instance reuses its buffers: no allocation per hash,
    /// and one instance must not be shared between threads.
    /// </summary>
    public sealed class Sha256
    {
        public const int HashSize = 32;
        private const int BlockSize = 64;

        // First 32 bits of the fractional parts of the cube roots of the first 64 primes.
        private static readonly uint[] K =
        {
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
        };

        private readonly uint[] _state = new uint[8];
        private readonly uint[] _schedule = new uint[64];
        private readonly byte[] _tail = new byte[2 * BlockSize];

        /// <summary>Writes SHA-256(data[offset..offset+count)) to output[outputOffset..outputOffset+32).</summary>
        public void Compute(byte[] data, int offset, int count, byte[] output, int outputOffset)
        {
            Reset();
            int full = count - (count % BlockSize);
            for (int p = 0; p < full; p += BlockSize)
            {
                Compress(data, offset + p);
            }
            int tailLength = Pad(data, offset + full, count - full, count);
            for (int p = 0; p < tailLength; p += BlockSize)
            {
                Compress(_tail, p);
            }
            for (int i = 0; i < 8; i++)
            {
                WriteBigEndian(_state[i], output, outputOffset + 4 * i);
            }
        }

        private void Reset()
        {
            // First 32 bits of the fractional parts of the square roots of the first 8 primes.
            _state[0] = 0x6a09e667; _state[1] = 0xbb67ae85; _state[2] = 0x3c6ef372; _state[3] = 0xa54ff53a;
            _state[4] = 0x510e527f; _state[5] = 0x9b05688c; _state[6] = 0x1f83d9ab; _state[7] = 0x5be0cd19;
        }

        /// <summary>Builds the last one or two blocks: the leftover bytes, 0x80, zeros, the bit length.</summary>
        private int Pad(byte[] data, int offset, int leftover, int totalLength)
        {
            System.Array.Copy(data, offset, _tail, 0, leftover);
            _tail[leftover] = 0x80;
            int length = leftover + 9 <= BlockSize ? BlockSize : 2 * BlockSize;
            for (int i = leftover + 1; i < length - 8; i++)
            {
                _tail[i] = 0;
            }
            ulong bits = (ulong)totalLength * 8;
            WriteBigEndian((uint)(bits >> 32), _tail, length - 8);
            WriteBigEndian((uint)bits, _tail, length - 4);
            return length;
        }

        private void Compress(byte[] block, int offset)
        {
            uint[] w = _schedule;
            for (int i = 0; i < 16; i++)
            {
                int p = offset + 4 * i;
                w[i] = ((uint)block[p] << 24) | ((uint)block[p + 1] << 16) | ((uint)block[p + 2] << 8) | block[p + 3];
            }
            for (int i = 16; i < 64; i++)
            {
                uint s0 = Rotr(w[i - 15], 7) ^ Rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
                uint s1 = Rotr(w[i - 2], 17) ^ Rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
                w[i] = w[i - 16] + s0 + w[i - 7] + s1;
            }

            uint a = _state[0], b = _state[1], c = _state[2], d = _state[3];
            uint e = _state[4], f = _state[5], g = _state[6], h = _state[7];
            for (int i = 0; i < 64; i++)
            {
                uint t1 = h + (Rotr(e, 6) ^ Rotr(e, 11) ^ Rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
                uint t2 = (Rotr(a, 2) ^ Rotr(a, 13) ^ Rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
                h = g; g = f; f = e; e = d + t1;
                d = c; c = b; b = a; a = t1 + t2;
            }
            _state[0] += a; _state[1] += b; _state[2] += c; _state[3] += d;
            _state[4] += e; _state[5] += f; _state[6] += g; _state[7] += h;
        }

        private static uint Rotr(uint x, int n)
        {
            return (x >> n) | (x << (32 - n));
        }

        private static void WriteBigEndian(uint value, byte[] buffer, int offset)
        {
            buffer[offset] = (byte)(value >> 24);
            buffer[offset + 1] = (byte)(value >> 16);
            buffer[offset + 2] = (byte)(value >> 8);
            buffer[offset + 3] = (byte)value;
        }
    }
}

using System;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Security
{
    /// <summary>
    /// PBKDF2-HMAC-SHA256 (RFC 8018, section 5.2) for one 32-byte block, over ICrypto.HmacSha256,
    /// so a board with a native HMAC (the ESP32: nanoFramework HMACSHA256.HashData, mbedTLS)
    /// does the hashing natively and only the XOR of each round runs interpreted.
    ///
    /// Cost per round: one HMAC call and a 32-byte XOR (Xor32, written out without a loop: a
    /// loop's counter and test would add about 60% to the interpreted part). The HMAC key is
    /// the secret as ASCII bytes; any other character becomes '?', which no stored secret (digits
    /// only) contains, so such an entry can never match.
    /// </summary>
    public static class Pbkdf2
    {
        public const int KeyLength = 32;

        public static byte[] Derive(ICrypto crypto, string secret, byte[] salt, int rounds)
        {
            if (crypto == null || secret == null || salt == null) throw new ArgumentNullException();
            if (rounds < 1) throw new ArgumentOutOfRangeException("rounds");
            byte[] key = AsciiKey(secret);
            // U1 = HMAC(P, S || INT(1)); U(i) = HMAC(P, U(i-1)); T = U1 ^ ... ^ Uc.
            byte[] first = new byte[salt.Length + 4];
            Array.Copy(salt, first, salt.Length);
            first[first.Length - 1] = 1;
            byte[] u = crypto.HmacSha256(key, first);
            byte[] t = new byte[KeyLength];
            Array.Copy(u, t, KeyLength);
            for (int round = 1; round < rounds; round++)
            {
                u = crypto.HmacSha256(key, u);
                Xor32(t, u);
            }
            Array.Clear(key, 0, key.Length);
            Array.Clear(u, 0, u.Length);
            return t;
        }

        private static byte[] AsciiKey(string secret)
        {
            char[] chars = secret.ToCharArray();
            byte[] key = new byte[chars.Length];
            for (int i = 0; i < chars.Length; i++) key[i] = chars[i] < 0x80 ? (byte)chars[i] : (byte)'?';
            return key;
        }

        // t ^= u over 32 bytes, straight-line: 11 IL ops a byte, nothing else.
        private static void Xor32(byte[] t, byte[] u)
        {
            t[0] = (byte)(t[0] ^ u[0]); t[1] = (byte)(t[1] ^ u[1]); t[2] = (byte)(t[2] ^ u[2]); t[3] = (byte)(t[3] ^ u[3]);
            t[4] = (byte)(t[4] ^ u[4]); t[5] = (byte)(t[5] ^ u[5]); t[6] = (byte)(t[6] ^ u[6]); t[7] = (byte)(t[7] ^ u[7]);
            t[8] = (byte)(t[8] ^ u[8]); t[9] = (byte)(t[9] ^ u[9]); t[10] = (byte)(t[10] ^ u[10]); t[11] = (byte)(t[11] ^ u[11]);
            t[12] = (byte)(t[12] ^ u[12]); t[13] = (byte)(t[13] ^ u[13]); t[14] = (byte)(t[14] ^ u[14]); t[15] = (byte)(t[15] ^ u[15]);
            t[16] = (byte)(t[16] ^ u[16]); t[17] = (byte)(t[17] ^ u[17]); t[18] = (byte)(t[18] ^ u[18]); t[19] = (byte)(t[19] ^ u[19]);
            t[20] = (byte)(t[20] ^ u[20]); t[21] = (byte)(t[21] ^ u[21]); t[22] = (byte)(t[22] ^ u[22]); t[23] = (byte)(t[23] ^ u[23]);
            t[24] = (byte)(t[24] ^ u[24]); t[25] = (byte)(t[25] ^ u[25]); t[26] = (byte)(t[26] ^ u[26]); t[27] = (byte)(t[27] ^ u[27]);
            t[28] = (byte)(t[28] ^ u[28]); t[29] = (byte)(t[29] ^ u[29]); t[30] = (byte)(t[30] ^ u[30]); t[31] = (byte)(t[31] ^ u[31]);
        }
    }
}

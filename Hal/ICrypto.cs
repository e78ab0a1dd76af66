namespace PosTerminal.Hal
{
    /// <summary>
    /// Hashes, MACs and randomness the firmware needs. A board gives the fastest it has:
    /// the ESP32 has a native HMAC-SHA256 (nanoFramework System.Security.Cryptography,
    /// mbedTLS) but no managed SHA-256 class, so its Sha256 is the portable Hal.Sha256.
    /// </summary>
    public interface ICrypto
    {
        /// <summary>SHA-256 of data[offset..offset+count) into output[0..32).</summary>
        void Sha256(byte[] data, int offset, int count, byte[] output);

        /// <summary>HMAC-SHA256 of the whole of data under key (RFC 2104): a new 32-byte array, as the native call returns.</summary>
        byte[] HmacSha256(byte[] key, byte[] data);

        /// <summary>Fills buffer with random bytes (salts, secrets).</summary>
        void Random(byte[] buffer);
    }
}

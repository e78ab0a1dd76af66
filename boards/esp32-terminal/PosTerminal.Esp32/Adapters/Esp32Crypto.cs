using PosTerminal.Hal;

namespace PosTerminal.Esp32.Adapters
{
    /// <summary>
    /// SHA-256 and random bytes. nanoFramework exposes no plain SHA-256 (only HMACSHA256 and
    /// AES in nanoFramework.System.Security.Cryptography), so hashing uses the portable
    /// Hal.Sha256. System.Random on the ESP32 target reads the hardware RNG, esp_random()
    /// (nf-interpreter targets/ESP32/_nanoCLR/targetRandom.cpp); ESP-IDF documents it as truly
    /// random while the radio is on and pseudo-random otherwise (this board keeps Wi-Fi off).
    /// </summary>
    public sealed class Esp32Crypto : ICrypto
    {
        private readonly PosTerminal.Hal.Sha256 _sha = new PosTerminal.Hal.Sha256();
        private readonly System.Random _random = new System.Random();

        public void Sha256(byte[] data, int offset, int count, byte[] output)
        {
            _sha.Compute(data, offset, count, output, 0);
        }

        /// <summary>Native: HMACSHA256.HashData(key, source) returns a new 32-byte array (System.Security.Cryptography, HMACSHA256.cs).</summary>
        public byte[] HmacSha256(byte[] key, byte[] data)
        {
            return System.Security.Cryptography.HMACSHA256.HashData(key, data);
        }

        public void Random(byte[] buffer)
        {
            _random.NextBytes(buffer);
        }
    }
}

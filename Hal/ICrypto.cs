namespace PosTerminal.Hal
{
    /// <summary>Hash and randomness the firmware needs; the ESP32 has SHA-256 and a hardware RNG.</summary>
    public interface ICrypto
    {
        /// <summary>SHA-256 of data[offset..offset+count) into output[0..32).</summary>
        void Sha256(byte[] data, int offset, int count, byte[] output);

        /// <summary>Fills buffer with random bytes (salts).</summary>
        void Random(byte[] buffer);
    }
}

namespace PosTerminal.Hal
{
    /// <summary>
    /// A NOR flash region: erase sets a whole sector to 0xFF; programming only clears bits,
    /// in WriteUnit-byte aligned units (4 on the ESP32). Addresses are region-relative.
    /// </summary>
    public interface IFlash
    {
        int SectorSize { get; }
        int SectorCount { get; }
        int WriteUnit { get; }

        void Read(int address, byte[] buffer, int offset, int count);

        /// <summary>Programs count bytes (a multiple of WriteUnit, aligned) at address.</summary>
        void Program(int address, byte[] data, int offset, int count);

        void Erase(int sector);
    }
}

namespace PosTerminal.Hal.Pins
{
    /// <summary>A write-only SPI device: chip select framing is the bus's job.</summary>
    public interface ISpiBus
    {
        /// <summary>Bus clock in Hz; drivers use it to know how long a transfer takes.</summary>
        int ClockHz { get; }

        void Write(byte[] buffer, int offset, int count);
    }
}

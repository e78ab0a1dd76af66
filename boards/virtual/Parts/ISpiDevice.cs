namespace PosTerminal.Virtual.Parts
{
    /// <summary>A simulated SPI peripheral: sees chip select framing and each byte with the virtual time its last bit arrived.</summary>
    public interface ISpiDevice
    {
        void Select();

        void Receive(byte value, long endNanos);

        void Deselect();
    }
}

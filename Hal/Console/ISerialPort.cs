namespace PosTerminal.Hal.Console
{
    /// <summary>
    /// A byte-level serial line: the board's UART (nanoFramework SerialPort on the ESP32), a
    /// simulated wire in the simulator. It only moves bytes; line editing is SerialConsole's.
    /// </summary>
    public interface ISerialPort
    {
        /// <summary>
        /// Copies up to count bytes that have already arrived into buffer[offset..]; returns how
        /// many (0 when none is waiting). Never waits for a byte: the main loop calls it every pass.
        /// </summary>
        int Read(byte[] buffer, int offset, int count);

        /// <summary>Sends buffer[offset..offset+count). May wait until the transmitter takes them.</summary>
        void Write(byte[] buffer, int offset, int count);
    }
}

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

        /// <summary>
        /// Someone is at the other end (IConsolePort.HasListener): a TCP client is connected. A
        /// UART has no carrier line: its adapter says true while a byte arrived in the last 5
        /// minutes (the console session timeout).
        /// </summary>
        bool HasListener { get; }
    }
}

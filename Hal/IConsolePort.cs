namespace PosTerminal.Hal
{
    /// <summary>The technician's maintenance console: the board UART on the device.</summary>
    public interface IConsolePort
    {
        /// <summary>Takes the next complete input line, if one has arrived.</summary>
        bool TryReadLine(out string line);

        void WriteLine(string line);
    }
}

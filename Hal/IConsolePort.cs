namespace PosTerminal.Hal
{
    /// <summary>The technician's maintenance console: the board UART on the device.</summary>
    public interface IConsolePort
    {
        /// <summary>Takes the next complete input line, if one has arrived.</summary>
        bool TryReadLine(out string line);

        void WriteLine(string line);

        /// <summary>
        /// True when someone is there to read what is written: "back up first" writes a backup
        /// only then. A TCP console: a client is connected. A UART has no carrier line, so its
        /// adapter says true while a byte arrived in the last 5 minutes (the console session
        /// timeout).
        /// </summary>
        bool HasListener { get; }
    }
}

namespace PosTerminal.Simulator
{
    /// <summary>
    /// The facts of a run the status line shows (interactive and web terminals): the board,
    /// the flash file, the TCP console, the terminal id; with the screen id and uptime of the
    /// moment. Link: the fleet link's state ("online", "offline"), null while there is none.
    /// </summary>
    public sealed class StatusInfo
    {
        public StatusInfo(string board, string flashPath, int consolePort, string terminalId)
        {
            Board = board;
            FlashPath = flashPath;
            ConsolePort = consolePort;
            TerminalId = terminalId;
        }

        public string Board { get; }
        public string FlashPath { get; }
        public int ConsolePort { get; }
        public string TerminalId { get; }

        /// <summary>The fleet link's state now ("online", "offline"; SimBoard.FleetStatus) with --broker; null or "": not shown.</summary>
        public System.Func<string> Link { get; set; }

        /// <summary>The parts that do not change during a run.</summary>
        public string Text()
        {
            string text = "id " + TerminalId + "  " + Board + " board  flash " + FlashPath;
            if (ConsolePort != 0) text += "  console 127.0.0.1:" + ConsolePort;
            string link = Link == null ? null : Link();
            if (!string.IsNullOrEmpty(link)) text += "  " + link;
            return text;
        }

        /// <summary>The whole status line now.</summary>
        public string Line(string screenId, long uptimeSeconds)
        {
            return "[" + screenId + "]  uptime " + uptimeSeconds + " s  " + Text();
        }
    }
}

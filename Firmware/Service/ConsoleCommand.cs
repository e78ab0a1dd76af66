namespace PosTerminal.Firmware.Service
{
    /// <summary>Runs one command; argument is the rest of the line after the command word, trimmed.</summary>
    public delegate void CommandHandler(string argument);

    /// <summary>One row of the console's command table: name, usage and help text for "help", and the handler.</summary>
    public sealed class ConsoleCommand
    {
        public ConsoleCommand(string name, string usage, string help, bool allowedWhileLocked, CommandHandler handler)
        {
            Name = name;
            Usage = usage;
            Help = help;
            AllowedWhileLocked = allowedWhileLocked;
            Handler = handler;
        }

        public string Name { get; private set; }
        public string Usage { get; private set; }
        public string Help { get; private set; }

        /// <summary>Whether it runs on a terminal locked as lost or stolen (only reading and unlocking do).</summary>
        public bool AllowedWhileLocked { get; private set; }

        public CommandHandler Handler { get; private set; }
    }
}

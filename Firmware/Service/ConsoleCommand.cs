using PosTerminal.Firmware.Commands;

namespace PosTerminal.Firmware.Service
{
    /// <summary>Runs one command; argument is the rest of the line after the command word, trimmed.</summary>
    public delegate void CommandHandler(string argument);

    /// <summary>
    /// One row of the console's command table: name, usage and help text for "help", the
    /// command layer's Operation it runs (authorized there before anything is parsed), and the
    /// handler. Operation 0: help, which anyone may run.
    /// </summary>
    public sealed class ConsoleCommand
    {
        public ConsoleCommand(string name, string usage, string help, Operation operation, CommandHandler handler)
        {
            Name = name;
            Usage = usage;
            Help = help;
            Operation = operation;
            Handler = handler;
        }

        public string Name { get; private set; }
        public string Usage { get; private set; }
        public string Help { get; private set; }
        public Operation Operation { get; private set; }
        public CommandHandler Handler { get; private set; }
    }
}

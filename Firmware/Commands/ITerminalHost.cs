using PosTerminal.Firmware.Text;

namespace PosTerminal.Firmware.Commands
{
    /// <summary>What the command layer tells the terminal it runs in (implemented by Terminal; a test double in unit tests).</summary>
    public interface ITerminalHost
    {
        /// <summary>The current screen's id, for the console's status.</summary>
        string ScreenId { get; }

        /// <summary>The stored language changed: show it.</summary>
        void LanguageChanged(Language language);

        /// <summary>Bindings, settings and password were replaced (factory reset, restore): the session is over, back to idle.</summary>
        void OperatorDataReplaced();

        /// <summary>
        /// Something the console did through the operator's session, said on the LCD so the
        /// operator sees it (a message until the next key).
        /// </summary>
        void Notice(TextId title);

        /// <summary>What the LCD shows changed without a key (a fleet command paused the terminal or renamed it): redraw.</summary>
        void StateChanged();
    }

    /// <summary>Where the command layer prints for the logged-in console (the maintenance console).</summary>
    public interface IConsoleSink
    {
        void Print(string line);

        /// <summary>Someone is on the other end (IConsolePort.HasListener: a TCP client, or UART bytes in the last 5 minutes).</summary>
        bool HasListener { get; }
    }
}

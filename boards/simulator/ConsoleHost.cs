using PosTerminal.Firmware;
using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Service;

namespace PosTerminal.Simulator
{
    /// <summary>
    /// STOPGAP until the terminal runs the maintenance console itself (issue 5, part B):
    /// the board pumps console lines through a MaintenanceConsole over the terminal's own
    /// store, so the `console` script token and the TCP port work now. Part B moves this into
    /// Terminal.Boot/Poll and deletes this class; two SecurityServices over one store must
    /// never run together (each would count the boot and keep its own lockout state).
    /// </summary>
    public sealed class ConsoleHost : IStatusSource
    {
        private readonly Terminal _terminal;
        private readonly SecurityServices _security;
        private readonly MaintenanceConsole _console;

        private ConsoleHost(Terminal terminal)
        {
            _terminal = terminal;
            TerminalHardware hw = terminal.Hardware;
            _security = new SecurityServices(terminal.Store, hw.Clock, hw.Crypto);
            var backup = new BackupService(_security, hw.Crypto, hw.Json, null);
            _console = new MaintenanceConsole(hw.Console, _security, backup, this, null);
        }

        public SecurityServices Security { get { return _security; } }

        /// <summary>A host for a freshly booted terminal, or null when the board has no console.</summary>
        public static ConsoleHost Attach(Terminal terminal)
        {
            return terminal.Hardware.Console == null ? null : new ConsoleHost(terminal);
        }

        public void Poll()
        {
            _security.Poll();
            _console.Poll();
        }

        public string[] StatusLines()
        {
            return new[] { "screen: " + _terminal.ScreenId };
        }

        public string[] BindingLines()
        {
            return new string[0];
        }
    }
}

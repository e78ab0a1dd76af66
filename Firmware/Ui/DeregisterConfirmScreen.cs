using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Commands;
using PosTerminal.Firmware.Text;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>
    /// deregister-confirm: says the deregistration cannot be undone and offers to back up
    /// first. 1 writes a backup to the maintenance console only when a technician is logged in
    /// there and someone is listening (else it says no console is connected, writing nothing),
    /// and comes back here; ENTER goes on to the password (deregister-password); CANCEL keeps
    /// the binding.
    /// </summary>
    public sealed class DeregisterConfirmScreen : Screen
    {
        private readonly int _slot;
        private readonly Binding _binding;
        private readonly Screen _back;
        private readonly BindingsScreen _list;

        public DeregisterConfirmScreen(IScreenHost host, int slot, Binding binding, Screen back, BindingsScreen list) : base(host)
        {
            _slot = slot;
            _binding = binding;
            _back = back;
            _list = list;
        }

        public override string Id { get { return "deregister-confirm"; } }

        public override void Render(Frame frame)
        {
            frame[0] = Text(TextId.DeregisterTitle);
            frame[1] = Text(TextId.CannotUndo);
            frame[2] = Text(TextId.BackupFirst);
            frame[3] = Text(TextId.DeregisterHint);
        }

        public override void OnKey(Key key)
        {
            if (key == Key.Cancel)
            {
                Host.Show(_back);
            }
            else if (key == Key.D1)
            {
                BackUp();
            }
            else if (key == Key.Enter)
            {
                Host.Show(new DeregisterPasswordScreen(Host, _slot, _binding, this, _list));
            }
        }

        // Says "written" only when a listener took it; otherwise why not (nothing written).
        private void BackUp()
        {
            string[] lines;
            switch (Commands.Backup(Channel.Keypad, out lines))
            {
                case CommandStatus.Done: ShowMessage(TextId.BackupWritten, Text(TextId.ToConsole), this); break;
                case CommandStatus.NoConsole: ShowMessage(TextId.ConsoleNotConnected, Text(TextId.NothingWritten), this); break;
                case CommandStatus.NotAvailable: ShowMessage(TextId.NoConsole, Text(TextId.CannotBackUp), this); break;
                default: ShowMessage(TextId.CannotBackUp, Text(TextId.ServiceNeeded), this); break;
            }
        }
    }
}

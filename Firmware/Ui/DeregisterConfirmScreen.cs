using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Service;
using PosTerminal.Firmware.Text;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>
    /// deregister-confirm: says the deregistration cannot be undone and offers to back up
    /// first. 1 writes a backup to the maintenance console when someone is listening there
    /// (else says no console is connected, writing nothing) and comes back here; ENTER
    /// removes the binding for good (audited); CANCEL keeps it.
    /// </summary>
    public sealed class DeregisterConfirmScreen : Screen
    {
        private readonly Binding _binding;
        private readonly Screen _back;
        private readonly Screen _list;

        public DeregisterConfirmScreen(Terminal terminal, Binding binding, Screen back, Screen list) : base(terminal)
        {
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
                Terminal.Show(_back);
            }
            else if (key == Key.D1)
            {
                BackUp();
            }
            else if (key == Key.Enter)
            {
                Deregister();
            }
        }

        // Says "written" only when a listener took it; otherwise why not (nothing written).
        private void BackUp()
        {
            if (Terminal.Console == null)
            {
                ShowMessage(TextId.NoConsole, Text(TextId.CannotBackUp), this);
                return;
            }
            switch (Terminal.Console.WriteBackup())
            {
                case BackupOutcome.Written: ShowMessage(TextId.BackupWritten, Text(TextId.ToConsole), this); break;
                case BackupOutcome.NoListener: ShowMessage(TextId.ConsoleNotConnected, Text(TextId.NothingWritten), this); break;
                default: ShowMessage(TextId.CannotBackUp, Text(TextId.ServiceNeeded), this); break;
            }
        }

        private void Deregister()
        {
            if (!Terminal.Bindings.Remove(_binding))
            {
                ShowMessage(TextId.StorageFull, string.Empty, _back);
                return;
            }
            Terminal.Security.BindingDeregistered(KindTexts.AuditName(_binding.Kind), _binding.Primary);
            ShowMessage(TextId.Deregistered, string.Empty, _list);
        }
    }
}

using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Text;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>
    /// deregister-confirm: says the deregistration cannot be undone and reminds to back up
    /// first. ENTER removes the binding for good; CANCEL keeps it.
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
            else if (key == Key.Enter)
            {
                bool removed = Terminal.Bindings.Remove(_binding);
                ShowMessage(removed ? TextId.Deregistered : TextId.StorageFull, string.Empty, removed ? _list : _back);
            }
        }
    }
}

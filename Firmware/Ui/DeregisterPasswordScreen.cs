using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Commands;
using PosTerminal.Firmware.Text;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>
    /// deregister-password: the operator's password again before deregistering (the article:
    /// confirm you have the authority first; PasswordAgainScreen). After a deregistration the
    /// list comes back with the highlight on "new binding", never on another binding.
    /// </summary>
    public sealed class DeregisterPasswordScreen : PasswordAgainScreen
    {
        private readonly int _slot;
        private readonly Binding _binding;
        private readonly BindingsScreen _list;

        public DeregisterPasswordScreen(IScreenHost host, int slot, Binding binding, Screen back, BindingsScreen list)
            : base(host, back)
        {
            _slot = slot;
            _binding = binding;
            _list = list;
        }

        public override string Id { get { return "deregister-password"; } }

        protected override TextId EnterHint { get { return TextId.DeregisterEnter; } }

        protected override CommandStatus Run(string password)
        {
            return Commands.Deregister(Channel.Keypad, _slot, _binding, password);
        }

        protected override bool Finish(CommandStatus status)
        {
            if (status == CommandStatus.Done)
            {
                _list.HighlightFirst();
                ShowMessage(TextId.Deregistered, string.Empty, _list);
                return true;
            }
            if (status == CommandStatus.NoSuchBinding)
            {
                _list.HighlightFirst();
                Host.Show(_list);
                return true;
            }
            return false;
        }
    }
}

using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Commands;
using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Text;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>
    /// deregister-password: the operator's password again (the article: confirm you have the
    /// authority first), as stars; ENTER checks it (behind Checking...) and deregisters. An
    /// empty entry does nothing, so no run of ENTER deregisters anything. A wrong password is
    /// a failed login (the same guard); one that starts a lockout ends the session. After a
    /// deregistration the list comes back with the highlight on "new binding".
    /// </summary>
    public sealed class DeregisterPasswordScreen : EntryScreen
    {
        private readonly int _slot;
        private readonly Binding _binding;
        private readonly Screen _back;
        private readonly BindingsScreen _list;
        private string _pending;

        public DeregisterPasswordScreen(IScreenHost host, int slot, Binding binding, Screen back, BindingsScreen list)
            : base(host, PasswordPolicy.MaxLength)
        {
            _slot = slot;
            _binding = binding;
            _back = back;
            _list = list;
        }

        public override string Id { get { return "deregister-password"; } }

        public override void Render(Frame frame)
        {
            frame[0] = Text(TextId.DeregisterPassword);
            frame[1] = Stars();
            frame[3] = Text(TextId.DeregisterEnter);
        }

        protected override void Submit(string entry)
        {
            if (entry.Length == 0) return;
            ClearEntry();
            _pending = entry;
            Host.Check(Deregister);
        }

        private void Deregister()
        {
            string password = _pending;
            _pending = null;
            switch (Commands.Deregister(Channel.Keypad, _slot, _binding, password))
            {
                case CommandStatus.Done:
                    _list.HighlightFirst();
                    ShowMessage(TextId.Deregistered, string.Empty, _list);
                    break;
                case CommandStatus.WrongSecret:
                    ShowMessage(TextId.WrongPassword, Text(TextId.TriesLeft, Commands.LoginTriesBeforeLock.ToString()), this);
                    break;
                case CommandStatus.TryLater:
                    ShowMessage(TextId.WrongPassword, Text(TextId.LockedFor, LoginGuard.FormatRemaining(Commands.LoginLockoutMs)), new IdleScreen(Host));
                    break;
                case CommandStatus.StorageFull:
                    ShowMessage(TextId.StorageFull, string.Empty, _back);
                    break;
                case CommandStatus.NoSuchBinding:
                    _list.HighlightFirst();
                    Host.Show(_list);
                    break;
                default:
                    Host.EndSession();
                    break;
            }
        }

        protected override void Back()
        {
            Host.Show(_back);
        }
    }
}

using PosTerminal.Firmware.Commands;
using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Text;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>
    /// The operator's password again before a step the article says needs authority
    /// (deregister-password, reactivate-password): typed as stars; ENTER checks it behind
    /// Checking... (one derivation, one recorded attempt on the login guard) and runs the step
    /// through the command layer. An empty entry does nothing, so no run of ENTER runs it. A
    /// wrong password is a failed login (the same guard) and comes back here with the tries
    /// left, digits typed over the message going into the field; one that starts a lockout ends
    /// the session. CANCEL goes back.
    /// </summary>
    public abstract class PasswordAgainScreen : EntryScreen
    {
        private readonly Screen _back;
        private string _pending;

        protected PasswordAgainScreen(IScreenHost host, Screen back) : base(host, PasswordPolicy.MaxLength)
        {
            _back = back;
        }

        /// <summary>Row 4: what ENTER does ("ENTER=deregister").</summary>
        protected abstract TextId EnterHint { get; }

        /// <summary>The step itself, with the password typed (the command layer checks it).</summary>
        protected abstract CommandStatus Run(string password);

        /// <summary>After Done (and any status the step handles itself): show what comes next.</summary>
        protected abstract bool Finish(CommandStatus status);

        protected Screen BackScreen { get { return _back; } }

        public override void Render(Frame frame)
        {
            frame[0] = Text(TextId.DeregisterPassword);
            frame[1] = Stars();
            frame[3] = Text(EnterHint);
        }

        protected override void Submit(string entry)
        {
            if (entry.Length == 0) return;
            ClearEntry();
            _pending = entry;
            Host.Check(Verify);
        }

        private void Verify()
        {
            string password = _pending;
            _pending = null;
            CommandStatus status = Run(password);
            if (Finish(status)) return;
            switch (status)
            {
                case CommandStatus.WrongSecret:
                    ShowMessage(TextId.WrongPassword, Counted(TextId.TriesLeft, TextId.OneTryLeft, Commands.LoginTriesBeforeLock), this);
                    break;
                case CommandStatus.TryLater:
                    ShowMessage(TextId.WrongPassword, Text(TextId.LockedFor, LoginGuard.FormatRemaining(Commands.LoginLockoutMs)), new IdleScreen(Host));
                    break;
                case CommandStatus.StorageFull:
                    ShowMessage(TextId.StorageFull, Text(TextId.CallSupport), _back);
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

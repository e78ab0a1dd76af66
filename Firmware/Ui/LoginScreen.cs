using PosTerminal.Firmware.Commands;
using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Text;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>
    /// login: the password, shown as stars, checked by the command layer's OperatorLogin (one
    /// lockout: the login guard; one derivation behind Checking...). A right one opens the
    /// session (forcing a change while the factory password, or a technician's reset, is in
    /// effect; reminding when it is old); while logins are locked out the screen counts the
    /// remaining time down (m:ss) and takes no digits.
    /// </summary>
    public sealed class LoginScreen : EntryScreen
    {
        private long _shownSeconds;
        private string _pending;

        public LoginScreen(IScreenHost host) : base(host, PasswordPolicy.MaxLength)
        {
        }

        public override string Id { get { return "login"; } }

        public override void Render(Frame frame)
        {
            long remaining = Commands.LoginLockoutMs;
            _shownSeconds = Seconds(remaining);
            if (remaining > 0)
            {
                frame[0] = Text(TextId.LockedTitle);
                frame[1] = Text(TextId.LockedWait, LoginGuard.FormatRemaining(remaining));
                return;
            }
            frame[0] = Text(TextId.LoginTitle);
            frame[1] = Stars();
            if (Commands.LoginFailedCount > 0)
            {
                frame[3] = Counted(TextId.TriesLeft, TextId.OneTryLeft, Commands.LoginTriesBeforeLock);
            }
        }

        public override void OnTick()
        {
            if (Seconds(Commands.LoginLockoutMs) != _shownSeconds) Host.Invalidate();
        }

        public override void OnKey(Key key)
        {
            if (Commands.LoginLockoutMs > 0 && key != Key.Cancel) return;
            base.OnKey(key);
        }

        protected override void Submit(string entry)
        {
            if (entry.Length == 0) return;
            ClearEntry();
            _pending = entry;
            Host.Check(Verify);
        }

        // After Checking... is drawn: one derivation.
        private void Verify()
        {
            string entry = _pending;
            _pending = null;
            LoginOutcome outcome = Commands.OperatorLogin(entry);
            switch (outcome)
            {
                case LoginOutcome.Accepted:
                    Host.Show(new SettingsScreen(Host));
                    break;
                case LoginOutcome.AcceptedMustChange:
                    Host.Show(new ChangePasswordScreen(Host, new SettingsScreen(Host), true));
                    break;
                case LoginOutcome.AcceptedChangeReminder:
                    string days = Counted(TextId.DaysOld, TextId.OneDayOld, Commands.PasswordAgeDays);
                    ShowMessage(TextId.PasswordOld, days, new SettingsScreen(Host));
                    break;
                case LoginOutcome.WrongPassword:
                    long lockMs = Commands.LoginLockoutMs;
                    string detail = lockMs > 0
                        ? Text(TextId.LockedFor, LoginGuard.FormatRemaining(lockMs))
                        : Counted(TextId.TriesLeft, TextId.OneTryLeft, Commands.LoginTriesBeforeLock);
                    ShowMessage(TextId.WrongPassword, detail, this);
                    break;
                case LoginOutcome.LockedOut:
                    Host.Show(this);
                    break;
                case LoginOutcome.TerminalLocked:
                    // Terminal.Poll shows the locked screen.
                    Host.Show(this);
                    break;
                case LoginOutcome.ServiceNeeded:
                    ShowMessage(TextId.ServiceNeeded, Text(TextId.CallSupport), new IdleScreen(Host));
                    break;
                default:
                    ShowMessage(TextId.StorageFull, Text(TextId.CallSupport), this);
                    break;
            }
        }

        private static long Seconds(long ms)
        {
            return (ms + 999) / 1000;
        }

        protected override void Back()
        {
            Host.EndSession();
        }
    }
}

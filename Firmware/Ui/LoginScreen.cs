using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Text;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>
    /// login: the password, shown as stars, checked by SecurityServices.Login (one lockout:
    /// LoginGuard). A right one opens the session (forcing a change while the factory password
    /// is in effect, reminding when it is old); while logins are locked out the screen counts
    /// the remaining time down (m:ss) and takes no digits.
    /// </summary>
    public sealed class LoginScreen : EntryScreen
    {
        private long _shownSeconds;

        public LoginScreen(Terminal terminal) : base(terminal, PasswordPolicy.MaxLength)
        {
        }

        public override string Id { get { return "login"; } }

        private LoginGuard Guard { get { return Terminal.Security.Guard; } }

        public override void Render(Frame frame)
        {
            long remaining = Guard.RemainingLockMs;
            _shownSeconds = Seconds(remaining);
            if (remaining > 0)
            {
                frame[0] = Text(TextId.LockedTitle);
                frame[1] = Text(TextId.LockedWait, LoginGuard.FormatRemaining(remaining));
                return;
            }
            frame[0] = Text(TextId.LoginTitle);
            frame[1] = Stars();
            if (Guard.FailedCount > 0)
            {
                frame[3] = Counted(TextId.TriesLeft, TextId.OneTryLeft, Guard.TriesBeforeLock);
            }
        }

        public override void OnTick()
        {
            if (Seconds(Guard.RemainingLockMs) != _shownSeconds) Terminal.Invalidate();
        }

        public override void OnKey(Key key)
        {
            if (Guard.IsLocked && key != Key.Cancel) return;
            base.OnKey(key);
        }

        protected override void Submit(string entry)
        {
            if (entry.Length == 0) return;
            ClearEntry();
            LoginOutcome outcome = Terminal.Security.Login(entry);
            switch (outcome)
            {
                case LoginOutcome.Accepted:
                    Open(new SettingsScreen(Terminal));
                    break;
                case LoginOutcome.AcceptedMustChange:
                    Open(new ChangePasswordScreen(Terminal, new SettingsScreen(Terminal), true));
                    break;
                case LoginOutcome.AcceptedChangeReminder:
                    Terminal.StartSession();
                    string days = Counted(TextId.DaysOld, TextId.OneDayOld, Terminal.Security.Policy.PasswordAgeDays);
                    ShowMessage(TextId.PasswordOld, days, new SettingsScreen(Terminal));
                    break;
                case LoginOutcome.WrongPassword:
                    long lockMs = Guard.RemainingLockMs;
                    string detail = lockMs > 0
                        ? Text(TextId.LockedFor, LoginGuard.FormatRemaining(lockMs))
                        : Counted(TextId.TriesLeft, TextId.OneTryLeft, Guard.TriesBeforeLock);
                    ShowMessage(TextId.WrongPassword, detail, this);
                    break;
                case LoginOutcome.LockedOut:
                    Terminal.Invalidate();
                    break;
                case LoginOutcome.TerminalLocked:
                    // Terminal.Poll shows the locked screen.
                    break;
                default:
                    ShowMessage(TextId.StorageFull, string.Empty, this);
                    break;
            }
        }

        private void Open(Screen first)
        {
            Terminal.StartSession();
            Terminal.Show(first);
        }

        private static long Seconds(long ms)
        {
            return (ms + 999) / 1000;
        }

        protected override void Back()
        {
            Terminal.EndSession();
        }
    }
}

using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Text;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>
    /// login: the password, shown as stars. A right one opens the session (and forces a
    /// change while the factory password is in effect); while logins are locked out the
    /// screen counts the seconds down and takes no digits.
    /// </summary>
    public sealed class LoginScreen : EntryScreen
    {
        private int _shownSeconds;

        public LoginScreen(Terminal terminal) : base(terminal, PasswordVault.MaxLength)
        {
        }

        public override string Id { get { return "login"; } }

        private PasswordVault Vault { get { return Terminal.Vault; } }

        public override void Render(Frame frame)
        {
            if (Vault.IsLockedOut)
            {
                _shownSeconds = Vault.LockoutSecondsLeft;
                frame[0] = Text(TextId.LockedTitle);
                frame[1] = Text(TextId.LockedWait, _shownSeconds.ToString());
                return;
            }
            _shownSeconds = 0;
            frame[0] = Text(TextId.LoginTitle);
            frame[1] = Stars();
            if (Vault.AttemptsLeft < PasswordVault.AttemptsPerRound)
            {
                frame[3] = Text(TextId.TriesLeft, Vault.AttemptsLeft.ToString());
            }
        }

        public override void OnTick()
        {
            if (Vault.LockoutSecondsLeft != _shownSeconds) Terminal.Invalidate();
        }

        public override void OnKey(Key key)
        {
            if (Vault.IsLockedOut && key != Key.Cancel) return;
            base.OnKey(key);
        }

        protected override void Submit(string entry)
        {
            if (entry.Length == 0) return;
            ClearEntry();
            LoginResult result = Vault.TryLogin(entry);
            if (result == LoginResult.Accepted)
            {
                Terminal.StartSession();
                var settings = new SettingsScreen(Terminal);
                Terminal.Show(Vault.MustChange ? (Screen)new ChangePasswordScreen(Terminal, settings, true) : settings);
            }
            else if (result == LoginResult.Wrong)
            {
                ShowMessage(TextId.WrongPassword, Text(TextId.TriesLeft, Vault.AttemptsLeft.ToString()), this);
            }
            else if (result == LoginResult.LockedOut)
            {
                ShowMessage(TextId.WrongPassword, Text(TextId.LockedFor, Vault.LockoutSecondsLeft.ToString()), this);
            }
            else
            {
                ShowMessage(TextId.StorageFull, string.Empty, this);
            }
        }

        protected override void Back()
        {
            Terminal.EndSession();
        }
    }
}

using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Text;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>
    /// change-password: the new password, then the same again. Forced at the first login
    /// with the factory password: CANCEL there leaves the session instead of reaching settings.
    /// The rules are SecurityServices' (6-12 digits, not one digit, not a run, not the old
    /// password); each refusal has its own message, and nothing is stored.
    /// </summary>
    public sealed class ChangePasswordScreen : EntryScreen
    {
        private readonly Screen _settings;
        private readonly bool _forced;
        private string _first;

        public ChangePasswordScreen(Terminal terminal, Screen settings, bool forced)
            : base(terminal, PasswordPolicy.MaxLength)
        {
            _settings = settings;
            _forced = forced;
        }

        public override string Id { get { return "change-password"; } }

        public override void Render(Frame frame)
        {
            frame[0] = Text(_first == null ? TextId.NewPasswordTitle : TextId.ConfirmPasswordTitle);
            frame[1] = Stars();
            frame[2] = Text(TextId.PasswordRule);
            if (_forced) frame[3] = Text(TextId.ForcedChange);
        }

        protected override void Submit(string entry)
        {
            ClearEntry();
            if (_first == null)
            {
                TakeNew(entry);
            }
            else
            {
                TakeConfirmation(entry);
            }
        }

        private void TakeNew(string entry)
        {
            SecretProblem problem = Terminal.Security.CheckNewPassword(entry);
            switch (problem)
            {
                case SecretProblem.None:
                    _first = entry;
                    break;
                case SecretProblem.AllSameDigit:
                    ShowMessage(TextId.WeakPassword, Text(TextId.AllSameDigits), this);
                    break;
                case SecretProblem.Run:
                    ShowMessage(TextId.WeakPassword, Text(TextId.RunOfDigits), this);
                    break;
                case SecretProblem.SameAsPrevious:
                    ShowMessage(TextId.SameAsOld, Text(TextId.ChooseAnother), this);
                    break;
                default:
                    // TooShort, TooLong, NotDigits: the keypad types digits only, so the rule is the length.
                    ShowMessage(TextId.WrongLength, Text(TextId.PasswordRule), this);
                    break;
            }
        }

        private void TakeConfirmation(string entry)
        {
            string first = _first;
            _first = null;
            if (entry != first)
            {
                ShowMessage(TextId.Mismatch, Text(TextId.EnterAgain), this);
            }
            else if (!Terminal.Security.ChangePassword(first))
            {
                ShowMessage(TextId.StorageFull, string.Empty, this);
            }
            else
            {
                ShowMessage(TextId.PasswordChanged, string.Empty, _settings);
            }
        }

        protected override void Back()
        {
            if (_first != null)
            {
                _first = null;
                ClearEntry();
            }
            else if (_forced)
            {
                Terminal.EndSession();
            }
            else
            {
                Terminal.Show(_settings);
            }
        }
    }
}

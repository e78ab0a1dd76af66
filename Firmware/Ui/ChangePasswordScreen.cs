using PosTerminal.Firmware.Commands;
using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Text;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>
    /// change-password: the new password, then the same again. Forced at the first login
    /// with the factory password (or after a technician's reset): CANCEL there leaves the
    /// session instead of reaching settings. The rules are the command layer's (6-12 digits,
    /// not one digit, not a run, not the old password); each refusal has its own message, and
    /// nothing is stored. Two derivations in all, each behind Checking...: the first entry
    /// against the old password, then the new password's hash.
    /// </summary>
    public sealed class ChangePasswordScreen : EntryScreen
    {
        private readonly Screen _settings;
        private readonly bool _forced;
        private string _first;
        private string _pending;

        public ChangePasswordScreen(IScreenHost host, Screen settings, bool forced)
            : base(host, PasswordPolicy.MaxLength)
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
            _pending = entry;
            if (_first == null)
            {
                // The shape rules first: a wrong length or a run costs no derivation.
                SecretProblem shape = PasswordPolicy.CheckDigits(entry, PasswordPolicy.MinLength, PasswordPolicy.MaxLength);
                if (shape != SecretProblem.None) Refuse(shape);
                else Host.Check(TakeNew);
            }
            else if (entry != _first)
            {
                _first = null;
                ShowMessage(TextId.Mismatch, Text(TextId.EnterAgain), this);
            }
            else
            {
                Host.Check(TakeConfirmation);
            }
        }

        private void TakeNew()
        {
            SecretProblem problem;
            CommandStatus status = Commands.CheckNewPassword(Channel.Keypad, _pending, out problem);
            if (status == CommandStatus.Done)
            {
                _first = _pending;
                Host.Show(this);
            }
            else if (status == CommandStatus.WeakSecret) Refuse(problem);
            else Host.EndSession();
        }

        private void TakeConfirmation()
        {
            _first = null;
            CommandStatus status = Commands.ChangePassword(Channel.Keypad, _pending);
            if (status == CommandStatus.Done) ShowMessage(TextId.PasswordChanged, string.Empty, _settings);
            else if (status == CommandStatus.StorageFull) ShowMessage(TextId.StorageFull, Text(TextId.CallSupport), this);
            else Host.EndSession();
        }

        private void Refuse(SecretProblem problem)
        {
            switch (problem)
            {
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

        protected override void Back()
        {
            if (_first != null)
            {
                _first = null;
                ClearEntry();
            }
            else if (_forced)
            {
                Host.EndSession();
            }
            else
            {
                Host.Show(_settings);
            }
        }
    }
}

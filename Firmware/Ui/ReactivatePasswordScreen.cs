using PosTerminal.Firmware.Commands;
using PosTerminal.Firmware.Text;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>
    /// reactivate-password: the operator's password again before a paused terminal takes cards
    /// again (PasswordAgainScreen). When the fleet holds its pause the command layer refuses
    /// before any password is tried: 远程暂停中 / Fleet paused.
    /// </summary>
    public sealed class ReactivatePasswordScreen : PasswordAgainScreen
    {
        public ReactivatePasswordScreen(IScreenHost host, Screen back) : base(host, back)
        {
        }

        public override string Id { get { return "reactivate-password"; } }

        protected override TextId EnterHint { get { return TextId.ReactivateEnter; } }

        protected override CommandStatus Run(string password)
        {
            return Commands.Reactivate(Channel.Keypad, password);
        }

        protected override bool Finish(CommandStatus status)
        {
            switch (status)
            {
                case CommandStatus.Done:
                case CommandStatus.NotPaused:
                    ShowMessage(TextId.Reactivated, string.Empty, BackScreen);
                    return true;
                case CommandStatus.FleetHold:
                    ShowMessage(TextId.FleetPausedTitle, Text(TextId.AskTheDesk), BackScreen);
                    return true;
                default:
                    return false;
            }
        }
    }
}

using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Commands;
using PosTerminal.Firmware.Text;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>
    /// password-age: after how many days the login reminds the operator to change the
    /// password (0 = never, at most PasswordPolicy.MaxMaxAgeDays). The reminder needs the wall
    /// clock (console set-time); without it there is none. ENTER saves; an empty entry or
    /// CANCEL leaves the setting as it was.
    /// </summary>
    public sealed class PasswordAgeScreen : EntryScreen
    {
        private readonly Screen _back;

        public PasswordAgeScreen(IScreenHost host, Screen back) : base(host, 4)
        {
            _back = back;
        }

        public override string Id { get { return "password-age"; } }

        public override void Render(Frame frame)
        {
            frame[0] = Text(TextId.PasswordAgeTitle);
            frame[1] = Entry;
            frame[2] = Text(TextId.AgeNever);
            frame[3] = Counted(TextId.AgeNow, TextId.AgeNowOneDay, Commands.PasswordMaxAgeDays);
        }

        protected override void Submit(string entry)
        {
            if (entry.Length == 0)
            {
                Back();
                return;
            }
            ClearEntry();
            int days = int.Parse(entry);
            if (days > PasswordPolicy.MaxMaxAgeDays)
            {
                ShowMessage(TextId.BadValue, Text(TextId.AgeRange, PasswordPolicy.MaxMaxAgeDays.ToString()), this);
                return;
            }
            CommandStatus status = Commands.SetPasswordAge(Channel.Keypad, days);
            if (status == CommandStatus.StorageFull)
            {
                ShowMessage(TextId.StorageFull, Text(TextId.CallSupport), this);
                return;
            }
            if (status != CommandStatus.Done)
            {
                Host.EndSession();
                return;
            }
            ShowMessage(TextId.SettingSaved, Counted(TextId.AgeNow, TextId.AgeNowOneDay, days), _back);
        }

        protected override void Back()
        {
            Host.Show(_back);
        }
    }
}

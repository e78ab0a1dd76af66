using PosTerminal.Firmware.Commands;
using PosTerminal.Firmware.Text;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>
    /// settings: 1 binding management, 2 change password, 3 language, 4 device info,
    /// 5 audit log, 6 password age (reminder), 7 buzzer, 8 pause (while active: the card reader
    /// goes off, the bindings stay; back to idle, which says 已暂停 / Paused) or reactivate
    /// (while paused: the password again, reactivate-password; while the fleet holds its pause,
    /// 远程暂停中 / Fleet paused and nothing else). CANCEL ends the session.
    /// </summary>
    public sealed class SettingsScreen : MenuScreen
    {
        private static readonly TextId[] Items =
        {
            TextId.ItemBindings, TextId.ItemPassword, TextId.ItemLanguage, TextId.ItemDeviceInfo,
            TextId.ItemAuditLog, TextId.ItemPasswordAge, TextId.ItemBuzzer, TextId.ItemPause
        };

        public SettingsScreen(IScreenHost host) : base(host)
        {
        }

        public override string Id { get { return "settings"; } }

        protected override int ItemCount { get { return Items.Length; } }

        protected override string ItemLabel(int index)
        {
            if (Items[index] == TextId.ItemPause && Commands.IsPaused) return Text(TextId.ItemReactivate);
            return Text(Items[index]);
        }

        protected override void RenderHeader(Frame frame)
        {
            frame[0] = Text(TextId.SettingsTitle);
        }

        protected override void Pick(int index)
        {
            switch (Items[index])
            {
                case TextId.ItemBindings:
                    Host.Show(new BindingsScreen(Host, this));
                    break;
                case TextId.ItemPassword:
                    Host.Show(new ChangePasswordScreen(Host, this, false));
                    break;
                case TextId.ItemLanguage:
                    Host.Show(new LanguageScreen(Host, this));
                    break;
                case TextId.ItemDeviceInfo:
                    Host.Show(new DeviceInfoScreen(Host, this));
                    break;
                case TextId.ItemAuditLog:
                    Host.Show(new AuditLogScreen(Host, this));
                    break;
                case TextId.ItemPasswordAge:
                    Host.Show(new PasswordAgeScreen(Host, this));
                    break;
                case TextId.ItemBuzzer:
                    Host.Show(new BuzzerScreen(Host, this));
                    break;
                case TextId.ItemPause:
                    PauseOrReactivate();
                    break;
            }
        }

        private void PauseOrReactivate()
        {
            if (Commands.FleetHold)
            {
                ShowMessage(TextId.FleetPausedTitle, Text(TextId.AskTheDesk), this);
                return;
            }
            if (Commands.IsPaused)
            {
                Host.Show(new ReactivatePasswordScreen(Host, this));
                return;
            }
            switch (Commands.Pause(Channel.Keypad))
            {
                case CommandStatus.Done:
                case CommandStatus.AlreadyPaused:
                    Commands.EndOperatorSession();
                    ShowMessage(TextId.Paused, Text(TextId.ReaderOff), new IdleScreen(Host));
                    break;
                case CommandStatus.StorageFull:
                    ShowMessage(TextId.StorageFull, Text(TextId.CallSupport), this);
                    break;
                default:
                    Host.EndSession();
                    break;
            }
        }

        protected override void Back()
        {
            Host.EndSession();
        }
    }
}

using PosTerminal.Firmware.Text;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>
    /// settings: 1 binding management, 2 change password, 3 language, 4 device info,
    /// 5 audit log, 6 password age (reminder), 7 buzzer. CANCEL ends the session.
    /// </summary>
    public sealed class SettingsScreen : MenuScreen
    {
        private static readonly TextId[] Items =
        {
            TextId.ItemBindings, TextId.ItemPassword, TextId.ItemLanguage, TextId.ItemDeviceInfo,
            TextId.ItemAuditLog, TextId.ItemPasswordAge, TextId.ItemBuzzer
        };

        public SettingsScreen(Terminal terminal) : base(terminal)
        {
        }

        public override string Id { get { return "settings"; } }

        protected override int ItemCount { get { return Items.Length; } }

        protected override string ItemLabel(int index)
        {
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
                    Terminal.Show(new BindingsScreen(Terminal, this));
                    break;
                case TextId.ItemPassword:
                    Terminal.Show(new ChangePasswordScreen(Terminal, this, false));
                    break;
                case TextId.ItemLanguage:
                    Terminal.Show(new LanguageScreen(Terminal, this));
                    break;
                case TextId.ItemDeviceInfo:
                    Terminal.Show(new DeviceInfoScreen(Terminal, this));
                    break;
                case TextId.ItemAuditLog:
                    Terminal.Show(new AuditLogScreen(Terminal, this));
                    break;
                case TextId.ItemPasswordAge:
                    Terminal.Show(new PasswordAgeScreen(Terminal, this));
                    break;
                case TextId.ItemBuzzer:
                    Terminal.Show(new BuzzerScreen(Terminal, this));
                    break;
            }
        }

        protected override void Back()
        {
            Terminal.EndSession();
        }
    }
}

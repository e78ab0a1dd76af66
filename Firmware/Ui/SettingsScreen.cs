using PosTerminal.Firmware.Text;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>
    /// settings: 1 binding management, 2 change password, 3 language, 4 device info,
    /// 5 audit log, 6 password age (reminder). CANCEL ends the session.
    /// </summary>
    public sealed class SettingsScreen : MenuScreen
    {
        private static readonly TextId[] Items =
        {
            TextId.ItemBindings, TextId.ItemPassword, TextId.ItemLanguage, TextId.ItemDeviceInfo,
            TextId.ItemAuditLog, TextId.ItemPasswordAge
        };

        public SettingsScreen(IScreenHost host) : base(host)
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
            }
        }

        protected override void Back()
        {
            Host.EndSession();
        }
    }
}

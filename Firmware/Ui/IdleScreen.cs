using PosTerminal.Firmware.Text;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>
    /// idle: terminal state and the number of bindings; MENU opens the login. While security
    /// state is damaged (a technician must set it again) row 4 says 需要维护 / Service needed;
    /// after a boot that repaired the store or found damage, it says so until the first key.
    /// </summary>
    public sealed class IdleScreen : Screen
    {
        public IdleScreen(IScreenHost host) : base(host)
        {
        }

        public override string Id { get { return "idle"; } }

        public override bool TimesOut { get { return false; } }

        public override void Render(Frame frame)
        {
            frame[0] = Text(TextId.AppName);
            frame[1] = Text(TextId.Ready);
            frame[2] = Text(TextId.IdleBindings, Commands.Bindings.Count.ToString());
            if (Commands.ServiceNeeded) frame[3] = Text(TextId.ServiceNeeded);
            else frame[3] = Text(Host.StorageNotice != TextId.Count ? Host.StorageNotice : TextId.IdleHint);
        }

        public override void OnKey(Key key)
        {
            if (key == Key.Menu) Host.Show(new LoginScreen(Host));
        }
    }
}

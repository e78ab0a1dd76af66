using PosTerminal.Firmware.Text;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>idle: the merchant name (or the app name), ready or paused, the number of bindings; MENU opens the login.</summary>
    public sealed class IdleScreen : Screen
    {
        public IdleScreen(Terminal terminal) : base(terminal)
        {
        }

        public override string Id { get { return "idle"; } }

        public override bool TimesOut { get { return false; } }

        public override void Render(Frame frame)
        {
            // The merchant's name (set by the fleet) when there is one; paused: the card reader is off.
            string merchant = Terminal.Merchant.Name;
            frame[0] = merchant.Length > 0 ? merchant : Text(TextId.AppName);
            frame[1] = Text(Terminal.Lifecycle.IsPaused ? TextId.Paused : TextId.Ready);
            frame[2] = Text(TextId.IdleBindings, Terminal.Bindings.Count.ToString());
            // After a boot that had to repair the store, say so until the first key.
            frame[3] = Text(Terminal.StorageNotice != TextId.Count ? Terminal.StorageNotice : TextId.IdleHint);
        }

        public override void OnKey(Key key)
        {
            if (key == Key.Menu) Terminal.Show(new LoginScreen(Terminal));
        }
    }
}

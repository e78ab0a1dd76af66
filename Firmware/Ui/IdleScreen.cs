using PosTerminal.Firmware.Text;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>idle: terminal state and the number of bindings; MENU opens the login.</summary>
    public sealed class IdleScreen : Screen
    {
        public IdleScreen(Terminal terminal) : base(terminal)
        {
        }

        public override string Id { get { return "idle"; } }

        public override bool TimesOut { get { return false; } }

        public override void Render(Frame frame)
        {
            frame[0] = Text(TextId.AppName);
            frame[1] = Text(TextId.Ready);
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

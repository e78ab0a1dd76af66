using PosTerminal.Hal;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>idle: terminal state and the number of bindings.</summary>
    public sealed class IdleScreen : Screen
    {
        public IdleScreen(Terminal terminal) : base(terminal)
        {
        }

        public override string Id { get { return "idle"; } }

        public override void Render(Frame frame)
        {
            frame[0] = "POS终端";
            frame[1] = "就绪";
        }

        public override void OnKey(Key key)
        {
        }
    }
}

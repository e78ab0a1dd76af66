using PosTerminal.Firmware.Text;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>message: a title and a detail line until any key, then the next screen (as it was left).</summary>
    public sealed class MessageScreen : Screen
    {
        private readonly TextId _title;
        private readonly string _detail;
        private readonly Screen _next;

        public MessageScreen(IScreenHost host, TextId title, string detail, Screen next) : base(host)
        {
            _title = title;
            _detail = detail;
            _next = next;
        }

        public override string Id { get { return "message"; } }

        public override void Render(Frame frame)
        {
            frame[0] = Text(_title);
            frame[1] = _detail;
            frame[3] = Text(TextId.AnyKey);
        }

        public override void OnKey(Key key)
        {
            Host.Show(_next);
        }
    }
}

using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Text;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>new-binding: the kind: 1 merchant, 2 settlement card, 3 device.</summary>
    public sealed class NewBindingScreen : MenuScreen
    {
        private readonly Screen _back;

        public NewBindingScreen(IScreenHost host, Screen back) : base(host)
        {
            _back = back;
        }

        public override string Id { get { return "new-binding"; } }

        protected override int ItemCount { get { return 3; } }

        /// <summary>Item index + 1 is the BindingKind value.</summary>
        protected override string ItemLabel(int index)
        {
            return Text(KindTexts.Name((BindingKind)(index + 1)));
        }

        protected override void RenderHeader(Frame frame)
        {
            frame[0] = Text(TextId.NewBindingTitle);
        }

        protected override void Pick(int index)
        {
            var draft = new BindingDraft((BindingKind)(index + 1), _back);
            Host.Show(BindingEntryScreen.Step(Host, draft, 0, this));
        }

        protected override void Back()
        {
            Host.Show(_back);
        }
    }
}

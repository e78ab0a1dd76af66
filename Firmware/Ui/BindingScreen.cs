using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Text;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>
    /// binding: one binding's details and item 1, deregister. Merchant, terminal and device
    /// numbers are not secrets and are shown in full, so they can be checked after saving;
    /// a card number is stored only truncated and shown masked ("6222 **** 7894").
    /// </summary>
    public sealed class BindingScreen : MenuScreen
    {
        private readonly Binding _binding;
        private readonly Screen _back;

        public BindingScreen(Terminal terminal, Binding binding, Screen back) : base(terminal)
        {
            _binding = binding;
            _back = back;
        }

        public override string Id { get { return "binding"; } }

        protected override int HeaderRows { get { return 3; } }

        protected override int ItemCount { get { return 1; } }

        protected override string ItemLabel(int index)
        {
            return Text(TextId.ItemDeregister);
        }

        protected override void RenderHeader(Frame frame)
        {
            frame[0] = Text(KindTexts.Name(_binding.Kind));
            frame[1] = _binding.Kind == BindingKind.SettlementCard ? Masking.Grouped(_binding.Primary) : _binding.Primary;
            if (_binding.Kind == BindingKind.Merchant)
            {
                frame[2] = Frame.Join(Text(TextId.TerminalNoLabel), _binding.Secondary);
            }
        }

        protected override void Pick(int index)
        {
            Terminal.Show(new DeregisterConfirmScreen(Terminal, _binding, this, _back));
        }

        protected override void Back()
        {
            Terminal.Show(_back);
        }
    }
}

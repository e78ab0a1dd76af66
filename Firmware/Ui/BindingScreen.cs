using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Text;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>
    /// binding: one list entry's details, or "damaged" for a slot the store reports damaged.
    /// Merchant, terminal and device numbers are not secrets and are shown in full, so they
    /// can be checked after saving; a card number is stored only truncated and shown masked
    /// ("6222 **** 7894"). Item 1, deregister, is destructive: only the digit 1 picks it (no
    /// highlight, ENTER does nothing here).
    /// </summary>
    public sealed class BindingScreen : MenuScreen
    {
        private readonly int _slot;
        private readonly Binding _binding;
        private readonly BindingsScreen _back;

        /// <param name="binding">null for a damaged slot.</param>
        public BindingScreen(IScreenHost host, int slot, Binding binding, BindingsScreen back) : base(host)
        {
            _slot = slot;
            _binding = binding;
            _back = back;
        }

        public override string Id { get { return "binding"; } }

        protected override int HeaderRows { get { return 3; } }

        protected override int ItemCount { get { return 1; } }

        protected override bool IsDestructive(int index)
        {
            return true;
        }

        protected override string ItemLabel(int index)
        {
            return Text(TextId.ItemDeregister);
        }

        protected override void RenderHeader(Frame frame)
        {
            if (_binding == null)
            {
                frame[0] = Text(TextId.DamagedTitle);
                frame[1] = Text(TextId.NothingBound);
                return;
            }
            frame[0] = Text(KindTexts.Name(_binding.Kind));
            frame[1] = _binding.Kind == BindingKind.SettlementCard ? Masking.Grouped(_binding.Primary) : _binding.Primary;
            if (_binding.Kind == BindingKind.Merchant)
            {
                frame[2] = Frame.Join(Text(TextId.TerminalNoLabel), _binding.Secondary);
            }
        }

        protected override void Pick(int index)
        {
            Host.Show(new DeregisterConfirmScreen(Host, _slot, _binding, this, _back));
        }

        protected override void Back()
        {
            Host.Show(_back);
        }
    }
}

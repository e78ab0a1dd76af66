using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Text;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>bindings: 1 new binding, then 2-9 the bindings (kind and masked identifier).</summary>
    public sealed class BindingsScreen : MenuScreen
    {
        private readonly Screen _back;

        public BindingsScreen(Terminal terminal, Screen back) : base(terminal)
        {
            _back = back;
        }

        public override string Id { get { return "bindings"; } }

        private BindingList Bindings { get { return Terminal.Bindings; } }

        protected override int ItemCount { get { return 1 + Bindings.Count; } }

        protected override string ItemLabel(int index)
        {
            if (index == 0) return Text(TextId.ItemNewBinding);
            Binding binding = Bindings[index - 1];
            return Frame.Join(Text(KindTexts.Short(binding.Kind)), Masking.Compact(binding.Primary));
        }

        protected override void RenderHeader(Frame frame)
        {
            frame[0] = Text(TextId.BindingsTitle, Bindings.Count + "/" + BindingList.Capacity);
        }

        protected override void Pick(int index)
        {
            if (index > 0)
            {
                Terminal.Show(new BindingScreen(Terminal, Bindings[index - 1], this));
            }
            else if (Bindings.IsFull)
            {
                ShowMessage(TextId.ListFull, Text(TextId.AtMost, BindingList.Capacity.ToString()), this);
            }
            else
            {
                Terminal.Show(new NewBindingScreen(Terminal, this));
            }
        }

        protected override void Back()
        {
            Terminal.Show(_back);
        }
    }
}

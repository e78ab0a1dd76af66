using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Text;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>
    /// bindings: 1 new binding, then 2-9 the list's entries: a binding (the kind as a word,
    /// then as much of the identifier as the row has room for: Masking.Shortened, "8981**0001",
    /// "**7894" or "0001") or a slot the store reports damaged ("! 损坏" / "! damaged": nothing
    /// is bound through it; open it to deregister it).
    /// </summary>
    public sealed class BindingsScreen : MenuScreen
    {
        private readonly Screen _back;

        public BindingsScreen(IScreenHost host, Screen back) : base(host)
        {
            _back = back;
        }

        public override string Id { get { return "bindings"; } }

        private BindingList Bindings { get { return Commands.Bindings; } }

        protected override int ItemCount { get { return 1 + Bindings.EntryCount; } }

        /// <summary>After a deregistration: the highlight goes back to "new binding", never onto another binding.</summary>
        public void HighlightFirst()
        {
            Highlight = 0;
        }

        protected override string ItemLabel(int index)
        {
            if (index == 0) return Text(TextId.ItemNewBinding);
            Binding binding = Bindings.AtSlot(Bindings.EntrySlot(index - 1));
            if (binding == null) return Text(TextId.DamagedEntry);
            string kind = Text(KindTexts.Short(binding.Kind));
            return Frame.Join(kind, Masking.Shortened(binding.Primary, IdCells(kind)));
        }

        /// <summary>
        /// Cells left for the identifier after ">9", the kind and their separators (Frame.Join
        /// puts a space only between two narrow characters; a CJK kind needs none).
        /// </summary>
        private static int IdCells(string kind)
        {
            bool wide = TextCells.IsWide(kind[0]);
            return Frame.Columns - 2 - (wide ? 0 : 2) - TextCells.Width(kind);
        }

        protected override void RenderHeader(Frame frame)
        {
            frame[0] = Text(TextId.BindingsTitle, Bindings.Count + "/" + BindingList.Capacity);
        }

        protected override void Pick(int index)
        {
            if (index > 0)
            {
                int slot = Bindings.EntrySlot(index - 1);
                Host.Show(new BindingScreen(Host, slot, Bindings.AtSlot(slot), this));
            }
            else if (Bindings.IsFull)
            {
                ShowMessage(TextId.ListFull, Text(TextId.AtMost, BindingList.Capacity.ToString()), this);
            }
            else
            {
                Host.Show(new NewBindingScreen(Host, this));
            }
        }

        protected override void Back()
        {
            Host.Show(_back);
        }
    }
}

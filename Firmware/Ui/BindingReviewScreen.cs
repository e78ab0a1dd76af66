using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Commands;
using PosTerminal.Firmware.Text;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>
    /// binding-review: the new binding before it is stored. ENTER saves (refused when a
    /// duplicate or the list is full); CANCEL discards it. Both return to the bindings list.
    /// </summary>
    public sealed class BindingReviewScreen : Screen
    {
        private readonly BindingDraft _draft;

        public BindingReviewScreen(IScreenHost host, BindingDraft draft) : base(host)
        {
            _draft = draft;
        }

        public override string Id { get { return "binding-review"; } }

        public override void Render(Frame frame)
        {
            Binding binding = _draft.ToBinding();
            frame[0] = Text(KindTexts.Name(binding.Kind));
            // Merchant and device ids are shown in full so the operator can check them;
            // a card number never is.
            frame[1] = binding.Kind == BindingKind.SettlementCard ? Masking.Grouped(binding.Primary) : binding.Primary;
            if (binding.Kind == BindingKind.Merchant)
            {
                frame[2] = Frame.Join(Text(TextId.TerminalNoLabel), binding.Secondary);
            }
            frame[3] = Text(TextId.SaveHint);
        }

        public override void OnKey(Key key)
        {
            if (key == Key.Enter) Save();
            else if (key == Key.Cancel) Host.Show(_draft.List);
        }

        // One commit: the binding and its audit entry (the command layer's Bind).
        private void Save()
        {
            CommandStatus result = Commands.Bind(Channel.Keypad, _draft.ToBinding());
            if (result == CommandStatus.Done)
            {
                ShowMessage(TextId.Saved, string.Empty, _draft.List);
            }
            else if (result == CommandStatus.Duplicate)
            {
                ShowMessage(TextId.Duplicate, Text(TextId.DuplicateDetail), _draft.List);
            }
            else if (result == CommandStatus.ListFull)
            {
                ShowMessage(TextId.ListFull, Text(TextId.AtMost, BindingList.Capacity.ToString()), _draft.List);
            }
            else if (result == CommandStatus.StorageFull)
            {
                ShowMessage(TextId.StorageFull, Text(TextId.CallSupport), _draft.List);
            }
            else
            {
                Host.EndSession();
            }
        }
    }
}

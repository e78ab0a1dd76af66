using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Text;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>
    /// card-entry: the settlement card number, typed or swiped. Typed digits are shown as
    /// typed, so a Luhn error can be found and fixed (CLEAR, or CLEAR held to start over); a
    /// swiped number, which the operator never saw, stays masked until the field is emptied.
    /// A swipe fills the number and submits it: the same length, Luhn and duplicate checks as
    /// typing. Once submitted, a card number is only ever shown masked (review, list, details).
    /// </summary>
    public sealed class CardEntryScreen : BindingEntryScreen
    {
        public CardEntryScreen(IScreenHost host, BindingDraft draft, int index, Screen back)
            : base(host, draft, index, back)
        {
        }

        public override string Id { get { return "card-entry"; } }

        private bool _swiped;

        public override void Render(Frame frame)
        {
            base.Render(frame);
            frame[3] = Text(TextId.SwipeOrType);
        }

        protected override string ShownEntry()
        {
            return _swiped ? Masking.Typing(Entry) : Entry;
        }

        public override void OnKey(Hal.Key key)
        {
            base.OnKey(key);
            if (Length == 0) _swiped = false;
        }

        public override void OnCardSwiped(string accountNumber)
        {
            if (!Digits.AreAll(accountNumber) || accountNumber.Length == 0)
            {
                OnSwipeFailed();
            }
            else if (!SetEntry(accountNumber))
            {
                ShowMessage(TextId.WrongLength, Text(TextId.DigitsRule, Field.LengthText()), this);
            }
            else
            {
                _swiped = true;
                Submit(Entry);
            }
        }

        public override void OnSwipeFailed()
        {
            ShowMessage(TextId.SwipeFailed, Text(TextId.SwipeAgain), this);
        }
    }
}

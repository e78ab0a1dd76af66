using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Text;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>
    /// card-entry: the settlement card number, typed or swiped, always shown masked.
    /// A swipe fills the number and submits it: the same length and Luhn checks as typing.
    /// </summary>
    public sealed class CardEntryScreen : BindingEntryScreen
    {
        public CardEntryScreen(IScreenHost host, BindingDraft draft, int index, Screen back)
            : base(host, draft, index, back)
        {
        }

        public override string Id { get { return "card-entry"; } }

        public override void Render(Frame frame)
        {
            base.Render(frame);
            frame[3] = Text(TextId.SwipeOrType);
        }

        protected override string ShownEntry()
        {
            return Masking.Typing(Entry);
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
                Submit(Entry);
            }
        }

        public override void OnSwipeFailed()
        {
            ShowMessage(TextId.SwipeFailed, Text(TextId.SwipeAgain), this);
        }
    }
}

using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Text;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>
    /// binding-entry: one identifier of a new binding (merchant no., terminal no., serial).
    /// A valid entry moves to the next field, then to the review; a bad one shows why
    /// and comes back with the digits kept, for CLEAR to fix. The last field completes the
    /// binding's identity, so a duplicate of a stored binding is refused there, before the
    /// review (BindingList's rule: same kind and numbers; a card by its truncated form).
    /// </summary>
    public class BindingEntryScreen : EntryScreen
    {
        private readonly BindingDraft _draft;
        private readonly int _index;
        private readonly Screen _back;

        protected BindingEntryScreen(IScreenHost host, BindingDraft draft, int index, Screen back)
            : base(host, draft.Fields[index].MaxLength)
        {
            _draft = draft;
            _index = index;
            _back = back;
        }

        public override string Id { get { return "binding-entry"; } }

        protected BindingField Field { get { return _draft.Fields[_index]; } }

        /// <summary>The screen for field index of the draft: an entry screen, or the review after the last field.</summary>
        public static Screen Step(IScreenHost host, BindingDraft draft, int index, Screen back)
        {
            if (index >= draft.Fields.Length) return new BindingReviewScreen(host, draft);
            if (draft.Fields[index].LuhnChecked) return new CardEntryScreen(host, draft, index, back);
            return new BindingEntryScreen(host, draft, index, back);
        }

        public override void Render(Frame frame)
        {
            frame[0] = Text(Field.Prompt);
            frame[1] = Tail(ShownEntry());
            frame[2] = Text(TextId.DigitsRule, Field.LengthText());
        }

        /// <summary>How the typed digits are shown; as typed, unless a subclass masks them.</summary>
        protected virtual string ShownEntry()
        {
            return Entry;
        }

        protected override void Submit(string entry)
        {
            FieldProblem problem = Field.Check(entry);
            if (problem == FieldProblem.Luhn)
            {
                ShowMessage(TextId.LuhnFailed, Text(TextId.CheckNumber), this);
            }
            else if (problem != FieldProblem.None)
            {
                ShowMessage(TextId.WrongLength, Text(TextId.DigitsRule, Field.LengthText()), this);
            }
            else
            {
                _draft.Values[_index] = entry;
                if (_index == _draft.Fields.Length - 1 && Commands.Bindings.Contains(_draft.ToBinding()))
                {
                    ShowMessage(TextId.Duplicate, Text(TextId.DuplicateDetail), this);
                    return;
                }
                Host.Show(Step(Host, _draft, _index + 1, this));
            }
        }

        protected override void Back()
        {
            Host.Show(_back);
        }
    }
}

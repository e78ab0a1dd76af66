using PosTerminal.Hal;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>
    /// A digit entry field: digit keys type (up to MaxLength), CLEAR deletes the last
    /// digit, CLEAR held (Key.ClearHeld, after MatrixKeypad.HoldMs) empties the field,
    /// ENTER submits, CANCEL goes back. Subclasses draw the field (plain, as
    /// stars, masked) and decide what a submitted entry does.
    /// </summary>
    public abstract class EntryScreen : Screen
    {
        private readonly char[] _digits;
        private int _length;

        protected EntryScreen(IScreenHost host, int maxLength) : base(host)
        {
            _digits = new char[maxLength];
        }

        protected int MaxLength { get { return _digits.Length; } }

        protected int Length { get { return _length; } }

        /// <summary>What has been typed so far.</summary>
        protected string Entry { get { return new string(_digits, 0, _length); } }

        protected abstract void Submit(string entry);

        protected abstract void Back();

        public override void OnKey(Key key)
        {
            int digit = DigitOf(key);
            if (digit >= 0)
            {
                if (_length < _digits.Length) _digits[_length++] = (char)('0' + digit);
                return;
            }
            switch (key)
            {
                case Key.Clear:
                    if (_length > 0) _length--;
                    break;
                case Key.ClearHeld:
                    _length = 0;
                    break;
                case Key.Enter:
                    Submit(Entry);
                    break;
                case Key.Cancel:
                    Back();
                    break;
            }
        }

        protected void ClearEntry()
        {
            _length = 0;
        }

        /// <summary>Replaces the entry (a swiped card number); false, changing nothing, if it does not fit.</summary>
        protected bool SetEntry(string digits)
        {
            if (digits.Length > _digits.Length) return false;
            for (int i = 0; i < digits.Length; i++)
            {
                _digits[i] = digits[i];
            }
            _length = digits.Length;
            return true;
        }

        /// <summary>The entry as stars, one per digit.</summary>
        protected string Stars()
        {
            return new string('*', _length);
        }

        /// <summary>The last 16 cells of text: a long entry scrolls left as it grows.</summary>
        protected static string Tail(string text)
        {
            return text.Length <= Frame.Columns ? text : text.Substring(text.Length - Frame.Columns);
        }
    }
}

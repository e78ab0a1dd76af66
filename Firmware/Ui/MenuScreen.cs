using PosTerminal.Hal;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>
    /// A numbered list under a header: a digit key picks the item with that number,
    /// UP/DOWN move the highlight (">"), ENTER picks the highlighted item, CANCEL goes
    /// back. The header takes HeaderRows rows; the items scroll in the rows below it, and
    /// the header's first row ends with ↑ / ↓ while items are out of sight above / below.
    /// </summary>
    public abstract class MenuScreen : Screen
    {
        private int _highlight;
        private int _top;

        protected MenuScreen(Terminal terminal) : base(terminal)
        {
        }

        protected virtual int HeaderRows { get { return 1; } }

        protected abstract int ItemCount { get; }

        /// <summary>The label of item index (0-based; the operator sees index + 1).</summary>
        protected abstract string ItemLabel(int index);

        protected abstract void RenderHeader(Frame frame);

        protected abstract void Pick(int index);

        protected abstract void Back();

        protected int Highlight
        {
            get { return _highlight; }
            set { _highlight = value; }
        }

        public override void Render(Frame frame)
        {
            RenderHeader(frame);
            int rows = Frame.Rows - HeaderRows;
            KeepHighlightVisible(rows);
            for (int i = 0; i < rows && _top + i < ItemCount; i++)
            {
                int index = _top + i;
                string mark = index == _highlight ? ">" : " ";
                frame[HeaderRows + i] = Frame.Join(mark + (index + 1), ItemLabel(index));
            }
            if (ItemCount > rows) frame[0] = Frame.WithScrollMarks(frame[0], _top > 0, _top + rows < ItemCount);
        }

        public override void OnKey(Key key)
        {
            int digit = DigitOf(key);
            if (digit >= 1 && digit <= ItemCount)
            {
                _highlight = digit - 1;
                Pick(digit - 1);
                return;
            }
            switch (key)
            {
                case Key.Up:
                    if (_highlight > 0) _highlight--;
                    break;
                case Key.Down:
                    if (_highlight < ItemCount - 1) _highlight++;
                    break;
                case Key.Enter:
                    if (ItemCount > 0) Pick(_highlight);
                    break;
                case Key.Cancel:
                    Back();
                    break;
            }
        }

        private void KeepHighlightVisible(int rows)
        {
            if (_highlight >= ItemCount) _highlight = ItemCount > 0 ? ItemCount - 1 : 0;
            if (_highlight < _top) _top = _highlight;
            if (_highlight >= _top + rows) _top = _highlight - rows + 1;
            if (_top > 0 && _top + rows > ItemCount) _top = ItemCount > rows ? ItemCount - rows : 0;
        }
    }
}

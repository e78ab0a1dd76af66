using PosTerminal.Hal;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>
    /// A numbered list under a header: a digit key picks the item with that number,
    /// UP/DOWN move the highlight (">"), ENTER picks the highlighted item, CANCEL goes
    /// back. The header takes HeaderRows rows; the items scroll in the rows below it, and
    /// the header's first row ends with ↑ / ↓ while items are out of sight above / below.
    ///
    /// A destructive item (IsDestructive: deregister) is never highlighted: UP/DOWN skip it and
    /// ENTER never picks it; only its digit does. So no run of ENTER reaches a destructive step.
    /// </summary>
    public abstract class MenuScreen : Screen
    {
        private int _highlight;
        private int _top;

        protected MenuScreen(IScreenHost host) : base(host)
        {
        }

        protected virtual int HeaderRows { get { return 1; } }

        protected abstract int ItemCount { get; }

        /// <summary>The label of item index (0-based; the operator sees index + 1).</summary>
        protected abstract string ItemLabel(int index);

        protected abstract void RenderHeader(Frame frame);

        protected abstract void Pick(int index);

        protected abstract void Back();

        /// <summary>True for an item only its digit may pick (never highlighted, never ENTER).</summary>
        protected virtual bool IsDestructive(int index)
        {
            return false;
        }

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
                string mark = index == _highlight && !IsDestructive(index) ? ">" : " ";
                frame[HeaderRows + i] = Frame.Join(mark + (index + 1), ItemLabel(index));
            }
            if (ItemCount > rows) frame[0] = Frame.WithScrollMarks(frame[0], _top > 0, _top + rows < ItemCount);
        }

        public override void OnKey(Key key)
        {
            int digit = DigitOf(key);
            if (digit >= 1 && digit <= ItemCount)
            {
                if (!IsDestructive(digit - 1)) _highlight = digit - 1;
                Pick(digit - 1);
                return;
            }
            switch (key)
            {
                case Key.Up:
                    Move(-1);
                    break;
                case Key.Down:
                    Move(1);
                    break;
                case Key.Enter:
                    if (_highlight < ItemCount && !IsDestructive(_highlight)) Pick(_highlight);
                    break;
                case Key.Cancel:
                    Back();
                    break;
            }
        }

        // Moves the highlight by step to the next item that is not destructive; stays put when there is none.
        private void Move(int step)
        {
            for (int i = _highlight + step; i >= 0 && i < ItemCount; i += step)
            {
                if (IsDestructive(i)) continue;
                _highlight = i;
                return;
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

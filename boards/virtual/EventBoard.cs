using PosTerminal.Firmware;
using PosTerminal.Hal;
using PosTerminal.Virtual.Flash;
using PosTerminal.Virtual.Parts;

namespace PosTerminal.Virtual
{
    /// <summary>The fast board: keys arrive as events and the LCD keeps text lines.</summary>
    public sealed class EventBoard : SimBoard
    {
        private EventKeypad _keypad;
        private LineDisplay _display;

        public EventBoard(SimFlash flash) : base(flash)
        {
        }

        /// <summary>The LCD since the last power-on (null while off).</summary>
        public LineDisplay Display { get { return _display; } }

        /// <summary>Raised for every LCD line written, across power-ons (row, text).</summary>
        public event System.Action<int, string> LineWritten;

        public override void PressKey(Key key)
        {
            _keypad.Press(key);
            Signal(); // the key event wakes the main loop
            Advance(LoopPeriodMicros);
        }

        public override void PressAndHold(Key key, long micros)
        {
            _keypad.Hold(key);
            Advance(micros);
            _keypad.Release();
            Advance(LoopPeriodMicros);
        }

        public override string[] ScreenLines()
        {
            if (!PoweredOn || _display == null) return new[] { "", "", "", "" };
            return _display.Lines();
        }

        protected override TerminalHardware CreateHardware()
        {
            _keypad = new EventKeypad(Clock);
            _display = new LineDisplay();
            _display.Written += (row, text) => LineWritten?.Invoke(row, text);
            return CommonHardware(_keypad, _display);
        }
    }
}

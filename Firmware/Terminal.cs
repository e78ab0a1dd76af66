using PosTerminal.Firmware.Storage;
using PosTerminal.Firmware.Ui;
using PosTerminal.Hal;

namespace PosTerminal.Firmware
{
    /// <summary>
    /// The terminal application: owns the current screen, the operator session and the
    /// store. A board calls Boot once after power-on, then Poll from its main loop.
    /// </summary>
    public sealed class Terminal
    {
        private readonly TerminalHardware _hw;
        private readonly Frame _frame = new Frame();
        private readonly string[] _shown = new string[Frame.Rows];
        private Screen _screen;
        private bool _dirty;

        public Terminal(TerminalHardware hardware)
        {
            _hw = hardware;
        }

        public TerminalHardware Hardware { get { return _hw; } }

        public IRecordStore Store { get; private set; }

        public string ScreenId { get { return _screen == null ? "off" : _screen.Id; } }

        /// <summary>
        /// One line per binding, as a freshly booted store reads them from flash
        /// (the simulator's 'bindings' script token).
        /// </summary>
        public static string[] DescribeStoredBindings(IFlash flash)
        {
            IRecordStore store = new LogStore(flash);
            int count = 0;
            string[] found = new string[RecordKeys.MaxBindings];
            for (int slot = 0; slot < RecordKeys.MaxBindings; slot++)
            {
                byte[] record = store.Read(RecordKeys.FirstBinding + slot);
                if (record != null) found[count++] = "slot " + slot + ": " + record.Length + " bytes";
            }
            string[] lines = new string[count];
            System.Array.Copy(found, lines, count);
            return lines;
        }

        public void Boot()
        {
            Store = new LogStore(_hw.Flash);
            Show(new IdleScreen(this));
        }

        /// <summary>One pass of the main loop: keys, timers, then the display.</summary>
        public void Poll()
        {
            Key key;
            while (_hw.Keypad.TryReadKey(out key))
            {
                _screen.OnKey(key);
                _dirty = true;
            }
            Render();
        }

        public void Show(Screen screen)
        {
            _screen = screen;
            _dirty = true;
        }

        private void Render()
        {
            if (!_dirty) return;
            _dirty = false;
            _frame.Clear();
            _screen.Render(_frame);
            for (int row = 0; row < Frame.Rows; row++)
            {
                if (_frame[row] != _shown[row])
                {
                    _shown[row] = _frame[row];
                    _hw.Display.WriteLine(row, _frame[row]);
                }
            }
        }
    }
}

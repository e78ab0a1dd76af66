using PosTerminal.Firmware.Storage;
using PosTerminal.Firmware.Text;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>
    /// buzzer: 1 on, 2 off (key clicks and error beeps). The pick is stored in the Settings
    /// record (TerminalSettings.BuzzerOn) and heard from the next key; a full store changes nothing.
    /// </summary>
    public sealed class BuzzerScreen : MenuScreen
    {
        private readonly Screen _back;

        public BuzzerScreen(Terminal terminal, Screen back) : base(terminal)
        {
            _back = back;
            Highlight = terminal.Settings.BuzzerOn ? 0 : 1;
        }

        public override string Id { get { return "buzzer"; } }

        protected override int ItemCount { get { return 2; } }

        protected override string ItemLabel(int index)
        {
            return Text(index == 0 ? TextId.BuzzerOn : TextId.BuzzerOff);
        }

        protected override void RenderHeader(Frame frame)
        {
            frame[0] = Text(TextId.ItemBuzzer);
        }

        protected override void Pick(int index)
        {
            bool stored = Terminal.Settings.BuzzerOn;
            Terminal.Settings.BuzzerOn = index == 0;
            try
            {
                Terminal.Settings.Save(Terminal.Store);
            }
            catch (StoreFullException)
            {
                Terminal.Settings.BuzzerOn = stored;
                ShowMessage(TextId.StorageFull, string.Empty, _back);
                return;
            }
            Terminal.Show(_back);
        }

        protected override void Back()
        {
            Terminal.Show(_back);
        }
    }
}

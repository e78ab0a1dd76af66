using PosTerminal.Firmware.Commands;
using PosTerminal.Firmware.Text;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>
    /// buzzer: 1 on, 2 off (key clicks and error beeps). The command layer stores the pick in
    /// the Settings record (SetBuzzer, audited) and it is heard from the next key; a full store
    /// changes nothing.
    /// </summary>
    public sealed class BuzzerScreen : MenuScreen
    {
        private readonly Screen _back;

        public BuzzerScreen(IScreenHost host, Screen back) : base(host)
        {
            _back = back;
            Highlight = host.Commands.Settings.BuzzerOn ? 0 : 1;
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
            CommandStatus status = Commands.SetBuzzer(Channel.Keypad, index == 0);
            if (status == CommandStatus.StorageFull) ShowMessage(TextId.StorageFull, Text(TextId.CallSupport), _back);
            else if (status != CommandStatus.Done) Host.EndSession();
            else Host.Show(_back);
        }

        protected override void Back()
        {
            Host.Show(_back);
        }
    }
}

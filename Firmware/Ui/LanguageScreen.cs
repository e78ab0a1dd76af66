using PosTerminal.Firmware.Commands;
using PosTerminal.Firmware.Text;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>language: 1 中文, 2 English. The pick is stored and shown at once.</summary>
    public sealed class LanguageScreen : MenuScreen
    {
        private readonly Screen _back;

        public LanguageScreen(IScreenHost host, Screen back) : base(host)
        {
            _back = back;
            Highlight = (int)host.Texts.Language;
        }

        public override string Id { get { return "language"; } }

        protected override int ItemCount { get { return 2; } }

        protected override string ItemLabel(int index)
        {
            return Text(index == (int)Language.English ? TextId.LanguageEnglish : TextId.LanguageChinese);
        }

        protected override void RenderHeader(Frame frame)
        {
            frame[0] = Text(TextId.LanguageTitle);
        }

        protected override void Pick(int index)
        {
            CommandStatus status = Commands.SetLanguage(Channel.Keypad, (Language)index);
            if (status == CommandStatus.Done) Host.Show(_back);
            else if (status == CommandStatus.StorageFull) ShowMessage(TextId.StorageFull, Text(TextId.CallSupport), _back);
            else Host.EndSession();
        }

        protected override void Back()
        {
            Host.Show(_back);
        }
    }
}

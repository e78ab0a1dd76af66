using PosTerminal.Firmware.Text;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>language: 1 中文, 2 English. The pick is stored and shown at once.</summary>
    public sealed class LanguageScreen : MenuScreen
    {
        private readonly Screen _back;

        public LanguageScreen(Terminal terminal, Screen back) : base(terminal)
        {
            _back = back;
            Highlight = (int)terminal.Language;
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
            if (Terminal.ChangeLanguage((Language)index))
            {
                Terminal.Show(_back);
            }
            else
            {
                ShowMessage(TextId.StorageFull, string.Empty, _back);
            }
        }

        protected override void Back()
        {
            Terminal.Show(_back);
        }
    }
}

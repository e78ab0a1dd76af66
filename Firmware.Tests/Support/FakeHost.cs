using System.Collections.Generic;
using PosTerminal.Firmware.Commands;
using PosTerminal.Firmware.Text;

namespace PosTerminal.Firmware.Tests.Support
{
    /// <summary>The terminal around the command layer, for unit tests: what the layer told it, counted.</summary>
    public sealed class FakeHost : ITerminalHost
    {
        public string ScreenId { get; set; } = "idle";
        public Language Language { get; private set; } = Language.Chinese;
        public int Replacements { get; private set; }
        public List<TextId> Notices { get; } = new List<TextId>();

        public void LanguageChanged(Language language) { Language = language; }

        public void OperatorDataReplaced() { Replacements++; }

        public void Notice(TextId title) { Notices.Add(title); }

        public int StateChanges { get; private set; }

        public void StateChanged() { StateChanges++; }
    }
}

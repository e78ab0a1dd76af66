using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Storage;
using PosTerminal.Firmware.Text;
using PosTerminal.Virtual;
using PosTerminal.Simulator;
using PosTerminal.Virtual.Flash;
using PosTerminal.Virtual.Script;

namespace PosTerminal.Firmware.Tests.Flow
{
    [TestClass]
    public sealed class LanguageTests
    {
        [TestMethod]
        public void FactoryDefaultIsChinese()
        {
            new TerminalDriver().Expect("idle", "就绪", "按MENU进入设置");
        }

        [TestMethod]
        public void LanguageIsSwitchedInSettingsAndPersisted()
        {
            var t = new TerminalDriver().FirstLogin();
            t.Keys("3").Expect("language", "语言/Language", ">1中文", " 2 English");
            t.Keys("2").Expect("settings", "Settings", ">3语言/Language");
            Assert.AreEqual(Language.English, t.Terminal.Language);
            t.Keys("reboot").Expect("idle", "Ready", "MENU: settings");
            t.Login().Keys("3").Expect("language", " 1中文", ">2 English");
            t.Keys("UP ENTER").Expect("settings", "系统设置");
            t.Keys("reboot").Expect("idle", "就绪");
        }

        [TestMethod]
        public void LangOverrideShowsTheLanguageWithoutStoringIt()
        {
            var t = new TerminalDriver(Language.English);
            t.Expect("idle", "Ready");
            t.FirstLogin();
            Assert.IsNull(t.Terminal.Store.Read(RecordKeys.Settings), "--lang must not write the setting");
            t.Keys("reboot").Expect("idle", "Ready");
            t.Board.LanguageOverride = null;
            t.Keys("reboot").Expect("idle", "就绪");
        }

        [TestMethod]
        public void LangOptionReachesTheBoard()
        {
            Options options;
            Assert.IsNull(Options.TryParse(new[] { "--lang", "en" }, out options));
            Assert.AreEqual(Language.English, Program.LanguageOf(options));
            Assert.IsNull(Options.TryParse(new[] { "--lang", "zh" }, out options));
            Assert.AreEqual(Language.Chinese, Program.LanguageOf(options));
            Assert.IsNull(Options.TryParse(new string[0], out options));
            Assert.IsNull(Program.LanguageOf(options));
            Assert.IsNotNull(Options.TryParse(new[] { "--lang", "fr" }, out options));
        }

        [TestMethod]
        public void ScriptedRunWithEnglishOverride()
        {
            var board = new EventBoard(new SimFlash()) { LanguageOverride = Language.English };
            board.PowerOn();
            var output = new StringWriter();
            Assert.AreEqual(0, new ScriptRunner(board, output).Run("MENU screen"));
            StringAssert.StartsWith(output.ToString().Replace("\r", ""), "[login]\nEnter password\n");
        }
    }
}

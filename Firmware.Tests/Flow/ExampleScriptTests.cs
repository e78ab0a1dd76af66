using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Text;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Flash;
using PosTerminal.Virtual.Script;

namespace PosTerminal.Firmware.Tests.Flow
{
    /// <summary>The example scripts in boards/simulator/scripts run as documented, in both languages.</summary>
    [TestClass]
    public sealed class ExampleScriptTests
    {
        private static string[] Run(string name, Language language)
        {
            string path = Path.Combine(TestPaths.RepoRoot, "boards", "simulator", "scripts", name);
            var board = new EventBoard(new SimFlash()) { LanguageOverride = language };
            board.PowerOn();
            var output = new StringWriter();
            Assert.AreEqual(0, new ScriptRunner(board, output).Run(File.ReadAllText(path)), output.ToString());
            string[] lines = output.ToString().Replace("\r", "").TrimEnd('\n').Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                // The 4 LCD lines after each "[screen-id]".
                if (!lines[i].StartsWith("[")) continue;
                for (int row = 1; row <= 4; row++) Assert.IsNull(LcdCells.Problem(lines[i + row]), lines[i + row]);
            }
            return lines;
        }

        private static string[] ScreenIds(string[] lines)
        {
            return lines.Where(l => l.StartsWith("[")).Select(l => l.Trim('[', ']')).ToArray();
        }

        [TestMethod]
        [DataRow(Language.Chinese)]
        [DataRow(Language.English)]
        public void DeregisterScriptBindsACardThenDeregistersItForGood(Language language)
        {
            string[] lines = Run("deregister.txt", language);
            CollectionAssert.AreEqual(new[] { "binding-review", "binding", "deregister-confirm", "deregister-password", "bindings" }, ScreenIds(lines));
            int first = System.Array.IndexOf(lines, "bindings: 1");
            Assert.AreEqual("card 6222 **** **** 7894", lines[first - 1]);
            Assert.AreEqual("bindings: 0", lines[^1]);
            StringAssert.Contains(string.Join("\n", lines), language == Language.English ? "Cannot be undone" : "注销后不可恢复");
        }

        [TestMethod]
        [DataRow(Language.Chinese)]
        [DataRow(Language.English)]
        public void LostTerminalScriptLocksAndOnlyTheCodeUnlocks(Language language)
        {
            string[] lines = Run("lost-terminal.txt", language);
            CollectionAssert.AreEqual(new[] { "locked", "locked", "locked", "message", "idle" }, ScreenIds(lines));
            string text = string.Join("\n", lines);
            StringAssert.Contains(text, language == Language.English ? "Wrong code" : "解锁码错误");
            StringAssert.Contains(text, "console> ok: terminal locked");
            StringAssert.Contains(text, "unlock ok keypad");
            StringAssert.Contains(text, "unlock failed keypad try 1");
            Assert.IsFalse(text.Contains("try 2"), "the too-short entry cost no try");
            Assert.IsFalse(text.Contains("80417263"), "the code never shows");
        }

        [TestMethod]
        [DataRow(Language.Chinese)]
        [DataRow(Language.English)]
        public void BadInputScriptShowsAMessageForEachAndStoresNothing(Language language)
        {
            string[] lines = Run("bad-input.txt", language);
            CollectionAssert.AreEqual(new[] { "message", "message", "message", "message", "idle" }, ScreenIds(lines));
            CollectionAssert.Contains(lines, "bindings: 0");
            string text = string.Join("\n", lines);
            string[] expected = language == Language.English
                ? new[] { "Wrong password", "Weak password", "Wrong length", "Card no. invalid" }
                : new[] { "密码错误", "密码太简单", "长度错误", "卡号校验失败" };
            foreach (string message in expected) StringAssert.Contains(text, message);
        }
    }
}

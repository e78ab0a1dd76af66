using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Flash;
using PosTerminal.Virtual.Script;

namespace PosTerminal.Firmware.Tests.Simulator
{
    /// <summary>Scripts are parsed whole before anything runs; the token set is a contract (README, "Script tokens").</summary>
    [TestClass]
    public sealed class ScriptParserTests
    {
        [TestMethod]
        public void EveryTokenOfTheContractParses()
        {
            ParsedScript script = ScriptParser.Parse(
                "0 1 2 3 4 5 6 7 8 9 STAR * HASH ENTER CANCEL CLEAR UP DOWN MENU FN menu enter\n" +
                "123456\nwait 2\nwait 0.5\nreboot\nscreen\nbindings\n" +
                "swipe ;6222021234567890128=30121010000000000?\n" +
                "swipe-reverse ;6222021234567890128=30121010000000000?\n" +
                "swipe-noise ;6222021234567890128=30121010000000000?\n" +
                "cut 3\nhold CLEAR 1.2\nbeeps\nconsole log 2\n");
            Assert.IsNull(script.Error);
            Assert.AreEqual(22 + 6 + 12, script.Steps.Count);
            CollectionAssert.Contains(script.Steps.Select(s => s.Text).ToArray(), "hold CLEAR 1.2");
            CollectionAssert.AreEqual(new[] { "1", "2", "3", "4", "5", "6" }, script.Steps.Skip(22).Take(6).Select(s => s.Text).ToArray(), "a digit run is that many keys");
            Assert.AreEqual("console log 2", script.Steps.Last().Text);
        }

        [TestMethod]
        [DataRow("ENTER\nENTRE", "line 2: unknown token 'ENTRE'")]
        [DataRow("MENU\n\n# fine\nwait", "line 4: 'wait' needs a number of seconds")]
        [DataRow("wait -1", "line 1: 'wait' needs a number")]
        [DataRow("cut 0", "line 1: 'cut' needs a number of flash operations")]
        [DataRow("console   # only a comment", "line 1: 'console' needs a line to send")]
        [DataRow("swipe ;123=4", "line 1: 'swipe ;123=4': track 2 data must start with ';' and end with '?'")]
        [DataRow("12a", "line 1: unknown token '12a'")]
        [DataRow("hold CLEAR", "line 1: 'hold' needs a key name and a number of seconds")]
        [DataRow("hold 12 1", "line 1: 'hold' needs a key name")]
        [DataRow("ENTER\nhold CLEAR 61", "line 2: 'hold' needs a key name and a number of seconds (0.05 to 60)")]
        public void ABadTokenAnywhereIsAnErrorWithItsLineAndNoSteps(string source, string error)
        {
            ParsedScript script = ScriptParser.Parse(source);
            StringAssert.StartsWith(script.Error, error);
            Assert.AreEqual(0, script.Steps.Count);
        }

        [TestMethod]
        public void NothingRunsWhenTheLastLineHasATypo()
        {
            var flash = new SimFlash();
            var board = new EventBoard(flash);
            board.PowerOn();
            long operations = flash.Operations;
            var output = new StringWriter();
            int code = new ScriptRunner(board, output).Run("MENU 123456 ENTER 135790 ENTER 135790 ENTER\nscreen\nbindigs");
            Assert.AreEqual(2, code);
            Assert.AreEqual("", output.ToString());
            Assert.AreEqual("idle", board.ScreenId, "no key was pressed");
            Assert.AreEqual(operations, flash.Operations, "the flash was not written");
        }

        [TestMethod]
        public void ACommentIsCutFromTheConsoleLineButAHashInsideAWordStays()
        {
            Assert.AreEqual("console log 2", ScriptParser.Parse("console log 2 # comment").Steps.Single().Text);
            Assert.AreEqual("console log 2", ScriptParser.Parse("console log 2\t#comment").Steps.Single().Text);
            Assert.AreEqual("console lock pa#ss", ScriptParser.Parse("console lock pa#ss").Steps.Single().Text);
            Assert.AreEqual(0, ScriptParser.Parse("# console log 2").Steps.Count);
        }

        [TestMethod]
        public void TheExampleScriptsParse()
        {
            foreach (string path in Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "boards", "simulator", "scripts"), "*.txt"))
            {
                ParsedScript script = ScriptParser.Parse(File.ReadAllText(path));
                Assert.IsNull(script.Error, path);
                Assert.IsFalse(script.Steps.Any(s => s.Text.Contains('#')), path + ": no comment reaches a step");
            }
        }
    }
}

using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Text;
using PosTerminal.Hal;
using PosTerminal.Virtual;
using PosTerminal.Simulator;
using PosTerminal.Virtual.Flash;
using PosTerminal.Virtual.Script;

namespace PosTerminal.Firmware.Tests.PinLevel
{
    /// <summary>
    /// The operator flow of "Terminal core" at the pins: the real MatrixKeypad over the
    /// bouncing switch matrix, the real St7920 over the SPI bus into the simulated
    /// controller, swipes through the card reader. Each script runs on a PinBoard and an
    /// EventBoard side by side; after every key the glass must show what the event board's
    /// lines show once laid out on the LCD's cells (a CJK character starts on an even cell).
    /// </summary>
    [TestClass]
    public sealed class PinFlowTests : PinLevelTest
    {
        private const string Card = ";6222021234567890128=30121010000000000?";

        private static string ScriptPath(string name)
        {
            return Path.Combine(TestPaths.RepoRoot, "boards", "simulator", "scripts", name);
        }

        /// <param name="maxBounceMicros">Contacts bouncing longer than the 5 ms main loop are seen bouncing by the driver's polls.</param>
        private (PinBoard Pins, EventBoard Events) NewPair(Language language, int seed, int maxBounceMicros = 5000)
        {
            var events = new EventBoard(new SimFlash()) { LanguageOverride = language };
            events.PowerOn();
            var pins = new PinBoard(new SimFlash(), BoardDescription.LoadDefault(), seed, maxBounceMicros) { LanguageOverride = language };
            Watch(pins.Lcd);
            pins.PowerOn();
            return (pins, events);
        }

        [TestMethod]
        [DataRow(Language.Chinese, 31, 5000)]
        [DataRow(Language.English, 32, 15000)]
        public void ReferenceFlowShowsOnTheGlassWhatTheEventBoardShowsAfterEveryKey(Language language, int seed, int maxBounceMicros)
        {
            var (pins, events) = NewPair(language, seed, maxBounceMicros);
            var presses = new List<KeyPress>();
            pins.KeyPressed += presses.Add;
            var pinsOut = new StringWriter();
            var eventsOut = new StringWriter();
            string[] steps = ScriptSteps.Split(File.ReadAllText(ScriptPath("reference-flow.txt")));
            var screens = new List<string>();
            foreach (string step in steps)
            {
                Assert.AreEqual(0, new ScriptRunner(pins, pinsOut).Run(step), step);
                Assert.AreEqual(0, new ScriptRunner(events, eventsOut).Run(step), step);
                AssertSameScreen(events, pins, step);
                if (screens.Count == 0 || screens[^1] != pins.ScreenId) screens.Add(pins.ScreenId);
            }
            CollectionAssert.AreEqual(AlignScreens(Lines(eventsOut)), Lines(pinsOut), "the script's own output ('screen', 'bindings')");

            // The whole flow happened, on the pins: forced change, both bindings stored, both gone after reboot.
            CollectionAssert.IsSubsetOf(new[] { "change-password", "settings", "bindings", "binding-entry", "binding-review",
                "card-entry", "binding", "deregister-confirm" }, screens);
            string[] output = Lines(pinsOut);
            CollectionAssert.Contains(output, "card 6222 **** **** 0128", "the swipe reached the firmware through the reader");
            CollectionAssert.Contains(output, "merchant 8981 **** 0001 terminal **** 5678");
            CollectionAssert.Contains(output, "bindings: 2");
            Assert.AreEqual("bindings: 0", output[^1]);
            Assert.AreEqual(1, pins.CardReader.Swipes);
            StringAssert.Contains(string.Join("\n", output), language == Language.English ? "Cannot be undone" : "注销后不可恢复");

            // Every press was read once, while the key was held, through the bouncing contacts.
            Assert.AreEqual(steps.Count(s => IsKeyStep(s)), presses.Count);
            foreach (KeyPress press in presses)
            {
                Assert.AreEqual(1, press.Cost.KeysReported, press.Key + " read once");
                Assert.IsTrue(press.ReportedMicros >= press.SettledMicros, press.Key + " read after its contacts settled");
            }
        }

        [TestMethod]
        [DataRow("deregister.txt", Language.Chinese)]
        [DataRow("deregister.txt", Language.English)]
        [DataRow("bad-input.txt", Language.Chinese)]
        [DataRow("bad-input.txt", Language.English)]
        public void ExampleScriptPrintsTheSameOnBothBoards(string script, Language language)
        {
            var (pins, events) = NewPair(language, 33);
            string source = File.ReadAllText(ScriptPath(script));
            var pinsOut = new StringWriter();
            var eventsOut = new StringWriter();
            Assert.AreEqual(0, new ScriptRunner(pins, pinsOut).Run(source));
            Assert.AreEqual(0, new ScriptRunner(events, eventsOut).Run(source));
            string[] expected = AlignScreens(Lines(eventsOut));
            CollectionAssert.AreEqual(expected, Lines(pinsOut), "pins:\n" + pinsOut + "\nevents:\n" + eventsOut);
            Assert.AreEqual(events.ScreenId, pins.ScreenId);
        }

        [TestMethod]
        public void SwipesReachTheFirmwareOnThePinBoardInBothDirections()
        {
            PinBoard board = NewPinBoard(seed: 34);
            var output = new StringWriter();
            string toCardEntry = "MENU 123456 ENTER 135790 ENTER 135790 ENTER ENTER 1 1 2";
            Assert.AreEqual(0, new ScriptRunner(board, output).Run(toCardEntry + "\nswipe-reverse " + Card + "\nscreen"));
            Assert.AreEqual("binding-review", board.ScreenId);
            StringAssert.Contains(board.ScreenLines()[1], "6222 **** 0128");
            Assert.AreEqual(0, new ScriptRunner(board, output).Run("CANCEL"));
            Assert.AreEqual("bindings", board.ScreenId, "the review dropped, nothing stored");
            Assert.AreEqual(0, new ScriptRunner(board, output).Run("1 2\nswipe " + Card));
            Assert.AreEqual("binding-review", board.ScreenId, "a forward swipe");
            Assert.AreEqual(2, board.CardReader.Swipes);
        }

        [TestMethod]
        public void UndecodableSwipeOnThePinBoardAsksAgainAndStoresNothing()
        {
            PinBoard board = NewPinBoard(seed: 35);
            var runner = new ScriptRunner(board, TextWriter.Null);
            Assert.AreEqual(0, runner.Run("MENU 123456 ENTER 135790 ENTER 135790 ENTER ENTER 1 1 2"));
            byte[] before = board.Flash.Image.ToArray();
            // 43 characters with the LRC: longer than Track 2 allows, so the decoder refuses it.
            Assert.AreEqual(0, runner.Run("swipe ;6222021234567890123=30121010000000000000?"));
            Assert.AreEqual("message", board.ScreenId);
            StringAssert.Contains(string.Join("\n", board.ScreenLines()), "请重新刷卡");
            CollectionAssert.AreEqual(before, board.Flash.Image);
        }

        [TestMethod]
        public void EveryPinBoardATestBuildsIsWatched()
        {
            int before = LcdWatch.BuiltByThisTest;
            Options options;
            Assert.IsNull(Options.TryParse(new string[0], out options));
            SimBoard board = Program.CreateBoard(options, new SimFlash());
            Assert.IsInstanceOfType<PinBoard>(board);
            Assert.AreEqual(before + 1, LcdWatch.BuiltByThisTest);
        }

        private static void AssertSameScreen(SimBoard events, PinBoard pins, string step)
        {
            Assert.AreEqual(events.ScreenId, pins.ScreenId, "after '" + step + "'");
            string[] glass = pins.ScreenLines();
            string[] lines = events.ScreenLines();
            for (int row = 0; row < lines.Length; row++)
            {
                Assert.AreEqual(Glass.Align(lines[row]), glass[row], "row " + row + " after '" + step + "' on " + pins.ScreenId);
            }
        }

        /// <summary>The event board's script output with each screen's 4 lines laid out as the glass shows them.</summary>
        private static string[] AlignScreens(string[] lines)
        {
            var aligned = (string[])lines.Clone();
            for (int i = 0; i < aligned.Length; i++)
            {
                if (!aligned[i].StartsWith('[')) continue;
                for (int row = 1; row <= 4; row++) aligned[i + row] = Glass.Align(aligned[i + row]).TrimEnd();
                i += 4;
            }
            return aligned;
        }

        private static string[] Lines(StringWriter output)
        {
            return output.ToString().Replace("\r", "").TrimEnd('\n').Split('\n');
        }

        private static bool IsKeyStep(string step)
        {
            Key key;
            return KeyNames.TryParse(step, out key) || KeyNames.IsDigitRun(step);
        }
    }

    /// <summary>The LCD's cell layout, written apart from the driver's: what a text line looks like on the glass.</summary>
    internal static class Glass
    {
        public const int Cells = 16;

        /// <summary>16 cells: a CJK character takes two and starts on an even cell (a space fills an odd one).</summary>
        public static string Align(string line)
        {
            var cells = new System.Text.StringBuilder();
            int cell = 0;
            foreach (char c in line)
            {
                bool wide = c >= 0x2E80 || (c >= 0x2190 && c <= 0x2193); // CJK, and GB2312's full-width arrows
                if (wide && cell % 2 != 0)
                {
                    cells.Append(' ');
                    cell++;
                }
                if (cell + (wide ? 2 : 1) > Cells) break;
                cells.Append(c);
                cell += wide ? 2 : 1;
            }
            return cells.Append(' ', Cells - cell).ToString();
        }
    }

    /// <summary>A script cut into steps of one key each (digit runs split), keeping tokens that take an argument whole.</summary>
    internal static class ScriptSteps
    {
        public static string[] Split(string source)
        {
            List<ScriptToken> tokens = ScriptReader.Tokenize(source);
            var steps = new List<string>();
            for (int i = 0; i < tokens.Count; i++)
            {
                string word = tokens[i].Text;
                string lower = word.ToLowerInvariant();
                if (lower == "wait" || lower.StartsWith("swipe"))
                {
                    steps.Add(word + " " + tokens[++i].Text);
                }
                else if (lower == "console")
                {
                    steps.Add(word + " " + tokens[i].RestOfLine);
                    while (i + 1 < tokens.Count && tokens[i + 1].Line == tokens[i].Line) i++;
                }
                else if (KeyNames.IsDigitRun(word))
                {
                    steps.AddRange(word.Select(c => c.ToString()));
                }
                else
                {
                    steps.Add(word);
                }
            }
            return steps.ToArray();
        }
    }
}

using System;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Hal;
using PosTerminal.Simulator;
using PosTerminal.Simulator.Interactive;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Flash;
using Spectre.Console.Testing;

namespace PosTerminal.Firmware.Tests.Simulator
{
    /// <summary>
    /// The interactive terminal without a real terminal: its PC keys on a board, and its
    /// frames drawn by Spectre.Console into a TestConsole.
    /// </summary>
    [TestClass]
    public sealed class InteractiveTerminalTests
    {
        [TestMethod]
        public void PcKeysPressTheTerminalsKeys()
        {
            var (terminal, board) = New();
            Type(terminal, "m123456");
            Press(terminal, ConsoleKey.Enter);
            Assert.AreEqual("change-password", board.ScreenId);
            Press(terminal, ConsoleKey.Escape);
            Assert.AreNotEqual("change-password", board.ScreenId, "Esc is CANCEL");
        }

        [TestMethod]
        public void DeleteHoldsClearSoTheFieldEmptiesAndBackspaceDeletesOneDigit()
        {
            var (terminal, board) = New();
            Type(terminal, "m1234");
            Press(terminal, ConsoleKey.Backspace);
            Assert.AreEqual("***", board.ScreenLines()[1].TrimEnd(), "Backspace: CLEAR");
            Press(terminal, ConsoleKey.Delete);
            Assert.AreEqual("login", board.ScreenId);
            Assert.AreEqual("", board.ScreenLines()[1].TrimEnd(), "Delete: CLEAR held past the keypad's hold time");
        }

        [TestMethod]
        public void TheScrollMarksTakeTheirTwoCellsInTheConsole()
        {
            // The LCD draws ↑ 16 wide; a terminal draws it one column wide, so a space follows it.
            Assert.AreEqual("Settings    ↑ ↓ ", PosTerminal.Simulator.Interactive.LcdCells.Layout("Settings    ↑↓", 16));
            Assert.AreEqual("系统设置      ↓ ", PosTerminal.Simulator.Interactive.LcdCells.Layout("系统设置      ↓", 16));
        }

        [TestMethod]
        public void TheConsolePaneSendsALineAndShowsTheAnswer()
        {
            var (terminal, board) = New();
            Press(terminal, ConsoleKey.Tab);
            Type(terminal, "statux");
            Press(terminal, ConsoleKey.Backspace);
            Type(terminal, "s");
            Assert.AreEqual("status", terminal.Frame().ConsoleInput);
            Press(terminal, ConsoleKey.Enter);
            board.Advance(50_000);
            TerminalFrame frame = terminal.Frame();
            Assert.AreEqual("> status", frame.ConsoleLines[0]);
            // Without a login, status says only the lock state and what to do next (issue 10).
            Assert.IsTrue(frame.ConsoleLines.Contains("terminal: unlocked"), string.Join("\n", frame.ConsoleLines));
            Assert.AreEqual("idle", board.ScreenId, "'m' and digits typed on the console line are not keys");
            Press(terminal, ConsoleKey.Tab);
            Assert.IsNull(terminal.Frame().ConsoleInput, "Tab: back to the keypad");
        }

        [TestMethod]
        public void F3SwipesTheChosenCardAndF6ChoosesTheNext()
        {
            var (terminal, board) = New();
            PosTerminal.Firmware.Tests.Web.WebFlows.RunOn(board, PosTerminal.Firmware.Tests.Web.WebFlows.FirstLogin + " " + PosTerminal.Firmware.Tests.Web.WebFlows.OpenBindings + " " + PosTerminal.Firmware.Tests.Web.WebFlows.NewCardToEntry);
            StringAssert.Contains(terminal.Frame().CardName, TestCards.All[0].Name);
            Press(terminal, ConsoleKey.F6);
            StringAssert.Contains(terminal.Frame().CardName, TestCards.All[1].Name);
            Press(terminal, ConsoleKey.F3);
            Assert.AreEqual(1, board.CardReader.Swipes);
            board.Advance(50_000);
            string number = TestCards.All[1].Number;
            StringAssert.Contains(string.Join("\n", board.ScreenLines()), number.Substring(number.Length - 4), "the chosen card was read");
            Press(terminal, ConsoleKey.F4);
            Assert.AreEqual(2, board.CardReader.Swipes, "F4: a noisy swipe");
        }

        [TestMethod]
        public void F5PowerCyclesAndCtrlQQuits()
        {
            var (terminal, board) = New();
            Type(terminal, "m");
            Assert.AreNotEqual("idle", board.ScreenId);
            Press(terminal, ConsoleKey.F5);
            Assert.AreEqual("idle", board.ScreenId);
            Assert.IsFalse(terminal.Handle(new ConsoleKeyInfo('\u0011', ConsoleKey.Q, false, false, true)));
        }

        [TestMethod]
        public void TheFrameShowsTheLcdTheKeypadAsBoardJsonSaysAndTheStatus()
        {
            var (terminal, board) = New();
            string[] lines = Draw(terminal.Frame(), 100);
            string text = string.Join("\n", lines);
            foreach (string row in board.ScreenLines()) StringAssert.Contains(text, row.TrimEnd());
            BoardDescription description = BoardDescription.LoadDefault();
            foreach (string[] row in description.Keypad.Layout)
            {
                string[] caps = row.Where(n => n.Length > 0).Select(n => "[" + (n == "STAR" || n == "HASH" ? n : n) + "]").ToArray();
                string line = lines.Single(l => l.Contains(caps[0]) && l.Contains(caps[caps.Length - 1]));
                int[] at = caps.Select(c => line.IndexOf(c, StringComparison.Ordinal)).ToArray();
                CollectionAssert.AreEqual(at.OrderBy(x => x).ToArray(), at, "the keys of a row in board.json's order: " + line);
            }
            StringAssert.Contains(text, "[idle]  uptime 0 s  id PT000001  events board  flash test.flash");
        }

        [TestMethod]
        public void TheStatusLineShowsTheFleetLinkOnceThereIsOne()
        {
            var status = new StatusInfo("pins", "t.flash", 7023, "SHOP-7");
            Assert.AreEqual("[idle]  uptime 12 s  id SHOP-7  pins board  flash t.flash  console 127.0.0.1:7023", status.Line("idle", 12));
            string link = "offline";
            status.Link = () => link;
            StringAssert.EndsWith(status.Line("idle", 12), "  offline");
            link = "online";
            StringAssert.EndsWith(status.Line("idle", 13), "  online", "the line follows the link as it changes");
        }

        [TestMethod]
        public void ChineseTakesTwoCellsAndTheLcdFrameStaysSquare()
        {
            var frame = new TerminalFrame { LcdLines = new[] { "POS 终端", "就绪", "", "按MENU进入设置" }, Status = "s" };
            string[] lines = Draw(frame, 80);
            int[] rights = lines.Skip(1).Take(6).Select(l => TerminalView.Cells(l.TrimEnd())).ToArray();
            Assert.AreEqual(1, rights.Distinct().Count(), "the LCD's border lines up: " + string.Join(",", rights) + "\n" + string.Join("\n", lines));
            Assert.AreEqual(16 + 4, rights[0], "16 cells, the border and its padding");
        }

        [TestMethod]
        public void LongLinesAreCutNotWrapped()
        {
            var frame = new TerminalFrame { Status = "[idle]  uptime 1 s  " + new string('x', 300), ConsoleLines = new[] { new string('y', 300) } };
            string[] wide = Draw(frame, 60);
            Assert.IsTrue(wide.All(l => TerminalView.Cells(l) <= 60));
            Assert.AreEqual(Draw(new TerminalFrame { Status = "[idle]" }, 60).Length, wide.Length, "the frame keeps its height");
        }

        [TestMethod]
        public void EachFrameErasesWhatTheLastOneLeft()
        {
            // The status line shrinking ("terminal.flashh", "7777777" in issue 12): every line
            // ends with erase-to-end-of-line, the frame with erase-below.
            string frame = FrameWriter.Frame(new[] { "[idle]  uptime 7 s", "short" }, 40);
            Assert.AreEqual(FrameWriter.Home + "[idle]  uptime 7 s" + FrameWriter.EraseLineEnd + "\r\n" + "short" + FrameWriter.EraseLineEnd + FrameWriter.EraseBelow, frame);
            Assert.AreEqual(2, FrameWriter.Frame(new[] { "a", "b", "c" }, 2).Split("\r\n").Length, "no more lines than the terminal has");
        }

        [TestMethod]
        public void TheDrawingRendersInSpectresTestConsole()
        {
            var (terminal, _) = New();
            var console = new TestConsole().Width(100);
            console.Write(TerminalView.Render(terminal.Frame(), 100));
            StringAssert.Contains(console.Output, "LCD");
            StringAssert.Contains(console.Output, "[ENTER] Enter");
            StringAssert.Contains(console.Output, "F5 power cycle");
        }

        [TestMethod]
        public void TheTestCardsCarryValidCardNumbersButTheOneThatShowsTheError()
        {
            for (int i = 0; i < TestCards.All.Length; i++)
            {
                TestCards.Card card = TestCards.All[i];
                Assert.IsNull(PosTerminal.Virtual.Parts.Track2Encoder.CheckTrack(card.Track2), card.Name);
                bool last = i == TestCards.All.Length - 1;
                Assert.AreEqual(!last, PosTerminal.Firmware.Bindings.Luhn.IsValid(card.Number), card.Name);
            }
        }

        private static (InteractiveTerminal, EventBoard) New()
        {
            var board = new EventBoard(new SimFlash());
            board.PowerOn();
            return (new InteractiveTerminal(board, new StatusInfo("events", "test.flash", 0, board.TerminalId)), board);
        }

        private static string[] Draw(TerminalFrame frame, int width)
        {
            return FrameWriter.Lines(TerminalView.Render(frame, width), width, false);
        }

        private static void Type(InteractiveTerminal terminal, string text)
        {
            foreach (char c in text) terminal.Handle(new ConsoleKeyInfo(c, ConsoleKey.NoName, false, false, false));
        }

        private static void Press(InteractiveTerminal terminal, ConsoleKey key)
        {
            char c = key == ConsoleKey.Enter ? '\r' : key == ConsoleKey.Escape ? '\u001b' : key == ConsoleKey.Backspace ? '\b' : key == ConsoleKey.Tab ? '\t' : '\0';
            terminal.Handle(new ConsoleKeyInfo(c, key, false, false, false));
        }
    }
}

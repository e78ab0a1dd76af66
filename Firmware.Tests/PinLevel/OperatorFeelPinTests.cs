using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Text;
using PosTerminal.Hal;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Flash;
using PosTerminal.Virtual.Parts;
using PosTerminal.Virtual.Script;

namespace PosTerminal.Firmware.Tests.PinLevel
{
    /// <summary>
    /// Issue 12's operator points at the pins: the real MatrixKeypad (bouncing switches, a held
    /// CLEAR), the real St7920 (the scroll marks as GB2312 glyphs in DDRAM), the buzzer's PWM
    /// line timed by ToneBuzzer, and the idle clock's once-a-minute redraw.
    /// </summary>
    [TestClass]
    public sealed class OperatorFeelPinTests : PinLevelTest
    {
        private static PinBoard Press(PinBoard board, string keys)
        {
            board.PressKeys(keys);
            return board;
        }

        [TestMethod]
        public void EveryPressClicksFortyMillisecondsAndARefusalBeepsFourHundred()
        {
            PinBoard board = NewPinBoard(seed: 51);
            Press(board, "MENU 1 2 3");
            Tone[] clicks = board.Buzzer.TakeNew();
            Assert.AreEqual(4, clicks.Length, "one tone per press: at 160 ms a press they do not run together");
            foreach (Tone click in clicks) Assert.AreEqual(40, click.DurationMs, 5, "a click, timed by the main loop");
            Press(board, "ENTER");
            board.Advance(500_000);
            Tone refusal = board.Buzzer.TakeNew().Single();
            // The ENTER's click becomes the long beep when the refusal is known: after 验证中... /
            // Checking... is drawn (the password is derived behind it), which on the pin board's
            // 200 kHz LCD link takes about 10 ms of the click; then the long beep's own 400 ms.
            Assert.IsTrue(refusal.DurationMs >= 395 && refusal.DurationMs <= 420, "refusal " + refusal.DurationMs + " ms");
            Assert.IsFalse(board.Buzzer.Sounding);
            Assert.AreEqual(0, board.Buzzer.RedundantStarts);
        }

        [TestMethod]
        public void DigitsTypedOverAMessageReachTheEntryThroughTheKeypad()
        {
            PinBoard board = Press(NewPinBoard(seed: 52), "MENU 000000 ENTER");
            Assert.AreEqual("message", board.ScreenId);
            Press(board, "1234");
            Assert.AreEqual("login", board.ScreenId);
            Assert.AreEqual("****", board.ScreenLines()[1].TrimEnd());
        }

        [TestMethod]
        public void ClearHeldASecondOnTheKeypadEmptiesTheCardField()
        {
            PinBoard board = Press(NewPinBoard(seed: 53), "MENU 123456 ENTER 135790 ENTER 135790 ENTER ENTER 1 1 2 6222021234");
            Assert.AreEqual("card-entry", board.ScreenId);
            Assert.AreEqual("6222021234", board.ScreenLines()[1].TrimEnd(), "visible while typed");
            board.PressAndHold(Key.Clear, 600_000);
            Assert.AreEqual("622202123", board.ScreenLines()[1].TrimEnd(), "held 0.6 s: one CLEAR");
            board.PressAndHold(Key.Clear, 1_100_000);
            Assert.AreEqual("", board.ScreenLines()[1].TrimEnd(), "held 1.1 s: the field is empty");
        }

        [TestMethod]
        [DataRow(Language.Chinese)]
        [DataRow(Language.English)]
        public void TheScrollMarksAreGb2312ArrowsOnEvenCells(Language language)
        {
            var board = new PinBoard(new SimFlash(), BoardDescription.LoadDefault(), 54) { LanguageOverride = language };
            Watch(board.Lcd);
            board.PowerOn();
            Press(board, "MENU 123456 ENTER 135790 ENTER 135790 ENTER ENTER");
            Assert.AreEqual("settings", board.ScreenId);
            byte[] ddram = board.Lcd.Ddram();
            // Row 0 is DDRAM 0x80-0x87, bytes 0-15: ↓ (GB2312 A1FD) in the last address, ↑'s address blank.
            CollectionAssert.AreEqual(new byte[] { 0x20, 0x20, 0xA1, 0xFD }, ddram.Skip(12).Take(4).ToArray());
            Assert.IsTrue(board.ScreenLines()[0].EndsWith("↓"), "the controller's font draws it: " + board.ScreenLines()[0]);
            Press(board, "DOWN DOWN DOWN");
            CollectionAssert.AreEqual(new byte[] { 0xA1, 0xFC, 0xA1, 0xFD }, board.Lcd.Ddram().Skip(12).Take(4).ToArray(), "↑ A1FC and ↓ A1FD");
        }

        [TestMethod]
        public void TheIdleClockIsRedrawnOnceAMinuteAndIdlePassesStayFree()
        {
            PinBoard board = NewPinBoard(seed: 55);
            Tools.Checks.Security.Technician.Provision(board);
            board.SendConsoleLine("set-time 2026-11-25T10:00:30Z");
            board.Advance(100_000);
            Assert.AreEqual("11-25 10:00 UTC", board.ScreenLines()[2].TrimEnd());
            PinCounters before = board.ReadCounters();
            board.Advance(29_000_000);
            PinCounters quiet = board.ReadCounters() - before;
            Assert.AreEqual(0, quiet.SpiBytes, "no redraw within the minute");
            Assert.AreEqual(0, quiet.PollAllocatedBytes, "the clock check allocates nothing");
            before = board.ReadCounters();
            board.Advance(2_000_000);
            PinCounters turn = board.ReadCounters() - before;
            Assert.AreEqual("11-25 10:01 UTC", board.ScreenLines()[2].TrimEnd());
            Assert.IsTrue(turn.LcdInstructions > 0 && turn.LcdInstructions <= 17, "one row at most: " + turn.LcdInstructions);
        }

        /// <summary>
        /// Setting the clock again moves the idle clock at once, not at the old time's next
        /// minute (the screen had armed its redraw for that); then it sleeps to the new minute.
        /// </summary>
        [TestMethod]
        public void ANewWallClockIsShownAtOnce()
        {
            PinBoard board = NewPinBoard(seed: 57);
            Tools.Checks.Security.Technician.Provision(board);
            board.SendConsoleLine("set-time 2026-11-25T10:00:00Z");
            Assert.AreEqual("11-25 10:00 UTC", board.ScreenLines()[2].TrimEnd());
            board.SendConsoleLine("set-time 2026-12-26T11:00:00Z");
            Assert.AreEqual("12-26 11:00 UTC", board.ScreenLines()[2].TrimEnd(), "in the pass that took the line");
            board.SendConsoleLine("set-time 2026-12-26T09:59:50Z");
            Assert.AreEqual("12-26 09:59 UTC", board.ScreenLines()[2].TrimEnd(), "set back too");
            PinCounters before = board.ReadCounters();
            board.Advance(9_000_000);
            PinCounters quiet = board.ReadCounters() - before;
            Assert.AreEqual(0, quiet.SpiBytes + quiet.PollAllocatedBytes, "asleep until the new time's minute");
            board.Advance(2_000_000);
            Assert.AreEqual("12-26 10:00 UTC", board.ScreenLines()[2].TrimEnd(), "the new time's minute, not the old one's");
        }

        /// <summary>Paused with the clock known, idle shows Paused and sleeps as well (no redraw a pass).</summary>
        [TestMethod]
        public void APausedIdleScreenSleepsWithTheClockKnown()
        {
            PinBoard board = NewPinBoard(seed: 58);
            Tools.Checks.Security.Technician.Provision(board);
            board.SendConsoleLine("set-time 2026-11-25T10:00:00Z");
            Press(board, "MENU 123456 ENTER 135790 ENTER 135790 ENTER ENTER 8");
            board.Advance(3_000_000);
            board.Advance(100_000);
            Assert.AreEqual("idle", board.ScreenId);
            Assert.AreEqual(board.Terminal.Texts[Text.TextId.Paused], board.ScreenLines()[2].TrimEnd());
            long passes = board.Passes;
            PinCounters before = board.ReadCounters();
            board.Advance(10_000_000);
            PinCounters quiet = board.ReadCounters() - before;
            Assert.IsLessThanOrEqualTo(12L, board.Passes - passes, "about one pass a second");
            Assert.AreEqual(0, quiet.PollAllocatedBytes + quiet.SpiBytes);
        }

        [TestMethod]
        public void TheMessageTimerAndTheSessionWarningAllocateNothingBetweenRedraws()
        {
            PinBoard board = Press(NewPinBoard(seed: 56), "MENU 000000 ENTER");
            board.Advance(20_000);
            PinCounters before = board.ReadCounters();
            board.Advance(1_500_000);
            Assert.AreEqual("message", board.ScreenId);
            Assert.AreEqual(0, (board.ReadCounters() - before).PollAllocatedBytes, "a message waiting for its 2 s");
            board.Advance(49_000_000);
            Assert.AreEqual("session-warning", board.ScreenId);
            // Find the countdown's next redraw, then watch the 900 ms after it.
            string shown = board.ScreenLines()[1];
            for (int i = 0; i < 400 && board.ScreenLines()[1] == shown; i++) board.Advance(5_000);
            Assert.AreNotEqual(shown, board.ScreenLines()[1], "the countdown moved");
            before = board.ReadCounters();
            board.Advance(900_000);
            PinCounters within = board.ReadCounters() - before;
            Assert.AreEqual(0, within.PollAllocatedBytes + within.SpiBytes, "between two seconds of the countdown");
        }

        [TestMethod]
        [DataRow(Language.Chinese)]
        [DataRow(Language.English)]
        public void ThePosFeelScriptShowsEveryPointOnBothBoards(Language language)
        {
            string source = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "boards", "simulator", "scripts", "pos-feel.txt"));
            var pins = new PinBoard(new SimFlash(), BoardDescription.LoadDefault(), 57) { LanguageOverride = language };
            Watch(pins.Lcd);
            pins.PowerOn();
            var output = new StringWriter();
            Assert.AreEqual(0, new ScriptRunner(pins, output).Run(source), output.ToString());
            string text = output.ToString().Replace("\r", "");
            string[] lines = text.Split('\n');
            string T(TextId id) => Texts.Lookup(language, id);

            StringAssert.Contains(text, "11-25 09:59 UTC\n");
            StringAssert.Contains(text, "11-25 10:00 UTC\n");
            StringAssert.Contains(text, "beeps: 22", "one click per key of the first login");
            StringAssert.Contains(text, "beep long 40", "the wrong length's long beep");
            StringAssert.Contains(text, "89810000000000\n", "digits typed over the message went into the field");
            StringAssert.Contains(text, "\n898100000000001\n", "the detail screen: the merchant no. in full");
            StringAssert.Contains(text, "6222021234567890\n", "a card number visible while typed");
            StringAssert.Contains(text, "**7894", "and masked once saved");
            StringAssert.Contains(text, T(TextId.Duplicate));
            StringAssert.Contains(text, "[session-warning]");
            Assert.AreEqual("[idle]", lines.Last(l => l.StartsWith("[")));
            Assert.AreEqual("898100000000001", lines[System.Array.LastIndexOf(lines, "[idle]") + 1], "idle names the merchant");
            Assert.IsFalse(text.Contains("6222021234567894\n"), "the saved card never shows in full");

            // The event board runs the same script to the same screens (its clicks run together: 5 ms a key).
            var events = new EventBoard(new SimFlash()) { LanguageOverride = language };
            events.PowerOn();
            var eventsOut = new StringWriter();
            Assert.AreEqual(0, new ScriptRunner(events, eventsOut).Run(source));
            string[] Screens(string s) => s.Replace("\r", "").Split('\n').Where(l => l.StartsWith("[")).ToArray();
            CollectionAssert.AreEqual(Screens(text), Screens(eventsOut.ToString()));
        }
    }
}

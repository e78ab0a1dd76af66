using System.Collections.Generic;
using System.IO;
using System.Linq;
using PosTerminal.Firmware;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Ui;
using PosTerminal.Hal;
using PosTerminal.Virtual;
using PosTerminal.Simulator;
using PosTerminal.Virtual.Flash;
using PosTerminal.Virtual.Script;

namespace PosTerminal.Firmware.Tests.PinLevel
{
    [TestClass]
    public sealed class PinBoardTests : PinLevelTest
    {
        /// <summary>Records the keys the firmware receives and shows the last one on row 3.</summary>
        private sealed class KeyEchoScreen : Screen
        {
            public KeyEchoScreen(Terminal terminal) : base(terminal)
            {
            }

            public List<Key> Keys { get; } = new List<Key>();

            public override string Id { get { return "key-echo"; } }

            public override void Render(Frame frame)
            {
                frame[0] = "按键测试";
                frame[3] = Keys.Count == 0 ? "" : "key: " + Keys[Keys.Count - 1];
            }

            public override void OnKey(Key key)
            {
                Keys.Add(key);
            }
        }

        [TestMethod]
        public void BootsToIdleAndTheGlassShowsTheIdleText()
        {
            PinBoard board = NewPinBoard();
            Assert.AreEqual("idle", board.ScreenId);
            string[] glass = board.ScreenLines();
            Assert.AreEqual("POS 终端", glass[0].TrimEnd(), "the wide characters start on an even cell");
            Assert.AreEqual("终端ID PT000001", glass[1].TrimEnd(), "the terminal id, labelled");
            Assert.AreEqual("就绪", glass[2].TrimEnd(), "no wall clock yet");
        }

        [TestMethod]
        public void EveryKeyReachesTheFirmwareOnceThroughThePins()
        {
            PinBoard board = NewPinBoard(seed: 21);
            var echo = new KeyEchoScreen(board.Terminal);
            board.Terminal.Show(echo);
            // ClearHeld is the driver's report of a held CLEAR, not a key cap (MatrixKeypadTests).
            Key[] all = System.Enum.GetValues<Key>().Where(k => k != Key.None && k != Key.ClearHeld).ToArray();
            foreach (Key key in all) board.PressKey(key);
            CollectionAssert.AreEqual(all, echo.Keys);
            Assert.AreEqual("key: Fn", board.ScreenLines()[3].TrimEnd());
        }

        [TestMethod]
        public void MenuLeadsWhereItLeadsOnTheEventBoard()
        {
            // The flow lives on another branch; whatever MENU opens there must open here too.
            var events = new EventBoard(new SimFlash());
            events.PowerOn();
            events.PressKey(Key.Menu);
            PinBoard pins = NewPinBoard();
            pins.PressKey(Key.Menu);
            Assert.AreEqual(events.ScreenId, pins.ScreenId);
            CollectionAssert.AreEqual(
                events.ScreenLines().Select(l => l.Replace(" ", "")).ToArray(),
                pins.ScreenLines().Select(l => l.Replace(" ", "")).ToArray());
        }

        [TestMethod]
        public void IdleSecondCostsNoGpioNoSpiAndNoAllocation()
        {
            PinBoard board = NewPinBoard();
            board.PressKey(Key.D1);
            board.Advance(100_000);
            PinCounters before = board.ReadCounters();
            board.Advance(1_000_000);
            PinCounters idle = board.ReadCounters() - before;
            // The loop sleeps: nothing is due while idle, so only the once-a-second safety pass runs.
            Assert.AreEqual(1000 / MainLoop.MaxSleepMs, idle.Polls, "main-loop passes in an idle second");
            Assert.AreEqual(MainLoop.TickMs, board.ShortestWaitMs, "no wait shorter than one FreeRTOS tick");
            Assert.AreEqual(0, idle.GpioOperations);
            Assert.AreEqual(0, idle.SpiBytes);
            Assert.AreEqual(0, idle.PollAllocatedBytes);
        }

        [TestMethod]
        public void AKeyPressThatChangesOneFieldCostsAFractionOfARedraw()
        {
            PinBoard board = NewPinBoard(seed: 22);
            board.Terminal.Show(new KeyEchoScreen(board.Terminal));
            board.PressKey(Key.D1);
            PinCounters before = board.ReadCounters();
            board.PressKey(Key.D2);
            PinCounters press = board.ReadCounters() - before;
            Assert.IsTrue(press.LcdInstructions > 0 && press.LcdInstructions <= 68 / 4, "instructions: " + press.LcdInstructions);
            Assert.AreEqual(press.LcdInstructions * 3, press.SpiBytes);
            Assert.IsTrue(press.GpioOperations > 0, "the press was scanned");
        }

        [TestMethod]
        public void OnlyInitialisationClearsTheLcd()
        {
            PinBoard board = NewPinBoard(seed: 23);
            Assert.AreEqual(1, board.Lcd.Clears, "the driver's initialisation clears once");
            PinCounters before = board.ReadCounters();
            // From idle through login to settings and back: screens where every cell changes.
            foreach (Key key in new[] { Key.Menu, Key.D1, Key.D2, Key.D3, Key.Cancel, Key.Menu, Key.Cancel })
                board.PressKey(key);
            PinCounters keys = board.ReadCounters() - before;
            Assert.IsTrue(keys.LcdInstructions > 0, "the keys changed the screen");
            Assert.AreEqual(0, keys.LcdClears, "no key press clears the LCD and rewrites it");
        }

        [TestMethod]
        public void HoldingDownRepeatsThroughThePins()
        {
            PinBoard board = NewPinBoard(seed: 23);
            var echo = new KeyEchoScreen(board.Terminal);
            board.Terminal.Show(echo);
            board.Hold(Key.Down);
            board.Advance(1_000_000);
            board.Release(Key.Down);
            board.Advance(100_000);
            Assert.IsTrue(echo.Keys.Count >= 4 && echo.Keys.All(k => k == Key.Down), string.Join(",", echo.Keys));
        }

        [TestMethod]
        public void RebootShowsIdleAgainWithoutTimingViolations()
        {
            PinBoard board = NewPinBoard();
            board.PressKey(Key.D5);
            board.Reboot();
            Assert.AreEqual("idle", board.ScreenId);
            Assert.AreEqual("POS 终端", board.ScreenLines()[0].TrimEnd());
        }

        [TestMethod]
        public void PoweredOffBoardShowsABlankGlass()
        {
            PinBoard board = NewPinBoard();
            board.PowerOff();
            Assert.IsTrue(board.ScreenLines().All(l => l.Trim().Length == 0));
        }

        [TestMethod]
        public void ScriptRunsOnThePinBoard()
        {
            PinBoard board = NewPinBoard();
            var output = new StringWriter();
            int code = new ScriptRunner(board, output).Run("MENU\nwait 1\nscreen");
            Assert.AreEqual(0, code);
            StringAssert.StartsWith(output.ToString(), "[login]");
            StringAssert.Contains(output.ToString(), "请输入密码");
        }

        [TestMethod]
        public void BoardOptionChoosesTheBoard()
        {
            Options options;
            Assert.IsNull(Options.TryParse(new string[0], out options));
            Assert.AreEqual("pins", options.Board);
            Assert.IsNull(Options.TryParse(new[] { "--board", "events" }, out options));
            Assert.IsInstanceOfType<EventBoard>(Program.CreateBoard(options, new SimFlash()));
            Assert.IsNull(Options.TryParse(new[] { "--board", "pins" }, out options));
            Assert.IsInstanceOfType<PinBoard>(Program.CreateBoard(options, new SimFlash()));
            StringAssert.Contains(Options.TryParse(new[] { "--board", "wires" }, out options), "--board takes pins or events, not 'wires'");
        }
    }
}

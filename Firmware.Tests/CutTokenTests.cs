using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Storage;
using PosTerminal.Firmware.Ui;
using PosTerminal.Hal;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Flash;
using PosTerminal.Virtual.Script;

namespace PosTerminal.Firmware.Tests
{
    /// <summary>The script token 'cut N': the power dies on the Nth flash operation from now; 'reboot' brings it back.</summary>
    [TestClass]
    public sealed class CutTokenTests
    {
        /// <summary>A stand-in screen whose ENTER commits a 48-byte password record.</summary>
        private sealed class SavingScreen : Screen
        {
            private readonly Terminal _terminal;

            public SavingScreen(Terminal terminal) : base(terminal)
            {
                _terminal = terminal;
            }

            public override string Id { get { return "saving"; } }

            public override void Render(Frame frame)
            {
                frame[0] = "saving";
            }

            public override void OnKey(Key key)
            {
                if (key == Key.Enter) _terminal.Store.Write(RecordKeys.Password, LogStoreTests.Bytes(48, 9));
            }
        }

        [TestMethod]
        public void CutStopsTheTerminalUntilReboot()
        {
            var board = new EventBoard(new SimFlash());
            board.PowerOn();
            board.Terminal.Show(new SavingScreen(board.Terminal));
            var output = new StringWriter();
            int code = new ScriptRunner(board, output).Run("cut 10\nENTER\nscreen\n1 2 3\nscreen\nreboot\nscreen");
            Assert.AreEqual(0, code, output.ToString());
            string[] screens = output.ToString().Split('[');
            StringAssert.StartsWith(screens[1], "off]", "the write hit the cut: the terminal is off");
            Assert.AreEqual("off]", screens[2].Trim(), "keys do nothing and the LCD is blank while off");
            StringAssert.StartsWith(screens[3], "idle]", "reboot powers the terminal on again");
            Assert.IsGreaterThanOrEqualTo(10L, board.Flash.Operations);
            Assert.IsNull(board.Terminal.Store.Read(RecordKeys.Password), "the commit was cut in its body: the old state (none) stays");
        }

        [TestMethod]
        public void RebootDropsACutThatHasNotHappened()
        {
            var board = new EventBoard(new SimFlash());
            board.PowerOn();
            var output = new StringWriter();
            Assert.AreEqual(0, new ScriptRunner(board, output).Run("cut 5\nreboot"));
            Assert.IsFalse(board.Flash.CutPending);
            board.Terminal.Show(new SavingScreen(board.Terminal));
            board.PressKey(Key.Enter);
            Assert.IsTrue(board.PoweredOn);
            Assert.IsNotNull(board.Terminal.Store.Read(RecordKeys.Password));
        }

        [TestMethod]
        public void CutNeedsAPositiveCount()
        {
            var board = new EventBoard(new SimFlash());
            board.PowerOn();
            Assert.AreEqual(2, new ScriptRunner(board, new StringWriter()).Run("cut 0"));
            Assert.AreEqual(2, new ScriptRunner(board, new StringWriter()).Run("cut"));
            Assert.IsFalse(board.Flash.CutPending);
        }
    }
}

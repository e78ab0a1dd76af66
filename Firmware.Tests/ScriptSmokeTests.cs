using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Flash;
using PosTerminal.Virtual.Script;

namespace PosTerminal.Firmware.Tests
{
    [TestClass]
    public sealed class ScriptSmokeTests
    {
        [TestMethod]
        public void BootShowsIdleScreen()
        {
            var board = new EventBoard(new SimFlash());
            board.PowerOn();
            var output = new StringWriter();
            int code = new ScriptRunner(board, output).Run("screen");
            Assert.AreEqual(0, code);
            StringAssert.StartsWith(output.ToString(), "[idle]");
        }

        [TestMethod]
        public void UnknownTokenStopsTheRunWithAnError()
        {
            var board = new EventBoard(new SimFlash());
            board.PowerOn();
            var output = new StringWriter();
            int code = new ScriptRunner(board, output).Run("# comment\nscreen\nfrobnicate screen");
            Assert.AreEqual(2, code);
            Assert.AreEqual(0, CountOccurrences(output.ToString(), "[idle]"), "the script is parsed whole first: nothing runs, not even the tokens before the bad one");
        }

        private static int CountOccurrences(string text, string what)
        {
            int n = 0;
            for (int i = text.IndexOf(what); i >= 0; i = text.IndexOf(what, i + 1)) n++;
            return n;
        }
    }
}

using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Flash;
using PosTerminal.Virtual.Script;

namespace PosTerminal.Firmware.Tests
{
    /// <summary>The 'console LINE' script token, end to end through the simulated board.</summary>
    [TestClass]
    public sealed class ConsoleScriptTests
    {
        /// <summary>A new terminal (factory state): the technician code is provisioned, then the console logs in.</summary>
        private const string Login = "console set-technician-code 73920418\nconsole login 73920418\n";

        [TestMethod]
        public void EachOutputLineIsPrintedWithThePrefix()
        {
            string output = Run(Login + "console set-time 2026-11-25T10:00:00Z\nconsole log 1", out int code);
            Assert.AreEqual(0, code);
            string[] lines = output.TrimEnd().Split('\n');
            Assert.AreEqual("console> ok: technician code set", lines[0].TrimEnd());
            Assert.AreEqual("console> ok: logged in (logout, or 5 minutes without a line, ends it)", lines[1].TrimEnd());
            Assert.AreEqual("console> ok: wall clock set to 2026-11-25T10:00:00Z", lines[2].TrimEnd());
            StringAssert.StartsWith(lines[3], "console> #3 2026-11-25T10:00:00Z clock-set ok");
            Assert.AreEqual("console> entries: 1", lines[4].TrimEnd());
        }

        [TestMethod]
        public void WithoutALoginTheConsoleAnswersLoginFirst()
        {
            string output = Run("console set-time 2026-11-25T10:00:00Z\nconsole status", out int code);
            Assert.AreEqual(0, code);
            StringAssert.Contains(output, "console> error: login first");
            StringAssert.Contains(output, "console> terminal: unlocked");
        }

        [TestMethod]
        public void TheRestOfTheLineIsSentVerbatimWithoutItsComment()
        {
            string output = Run(Login + "console set-unlock-code 80417263\nconsole lock  lost at  market#3 # a comment\nconsole status", out int code);
            Assert.AreEqual(0, code);
            StringAssert.Contains(output, "console> terminal: locked (console: lost at  market#3)");
            Assert.IsFalse(output.Contains("comment"), output);
        }

        [TestMethod]
        public void ACommentIsNeverSent()
        {
            // 'log 2 # comment' would be refused ("log takes a number"): only 'log 2' goes.
            string output = Run(Login + "console set-time 2026-11-25T10:00:00Z\nconsole log 2 # comment", out int code);
            Assert.AreEqual(0, code);
            StringAssert.Contains(output, "console> entries: 2");
            Assert.IsFalse(output.Contains("error"), output);
        }

        [TestMethod]
        public void TheLockSurvivesARebootAndOnlyTheCodeLiftsIt()
        {
            string output = Run(Login +
                "console set-unlock-code 80417263\nconsole lock\nreboot\nconsole login 73920418\nconsole status\nconsole backup\n" +
                "console unlock 80417260\nconsole unlock 80417263\nconsole status", out int code);
            Assert.AreEqual(0, code);
            StringAssert.Contains(output, "console> terminal: locked (console: console)");
            StringAssert.Contains(output, "console> boot: 2");
            StringAssert.Contains(output, "console> " + Service.MaintenanceConsole.LockedRefusal);
            StringAssert.Contains(output, "console> error: wrong unlock code");
            StringAssert.Contains(output, "console> ok: terminal unlocked");
            StringAssert.Contains(output, "console> terminal: unlocked");
            Assert.IsFalse(output.Contains("80417263"), "the code never comes back");
        }

        [TestMethod]
        public void ConsoleWithoutALineStopsTheScript()
        {
            Run("console\nscreen", out int code);
            Assert.AreEqual(2, code);
        }

        [TestMethod]
        public void TokensAfterTheConsoleLineOnTheSameLineAreNotRunAsKeys()
        {
            string output = Run(Login + "console log 1 screen\nscreen", out int code);
            Assert.AreEqual(0, code);
            StringAssert.Contains(output, "console> error: log takes a number");
            Assert.AreEqual(1, output.Split("[idle]").Length - 1, "only the second line's screen token ran");
        }

        private static string Run(string script, out int code)
        {
            var board = new EventBoard(new SimFlash());
            board.PowerOn();
            var output = new StringWriter();
            code = new ScriptRunner(board, output).Run(script);
            return output.ToString();
        }
    }
}

using System;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Service;
using PosTerminal.Firmware.Tests.Support;

namespace PosTerminal.Firmware.Tests
{
    [TestClass]
    public sealed class MaintenanceConsoleTests
    {
        private const string Code = "80417263";

        [TestMethod]
        public void HelpListsEveryCommand()
        {
            var rig = new ConsoleRig();
            string help = rig.RunOne("help");
            foreach (string name in new[] { "status", "bindings", "log", "lock", "unlock", "set-unlock-code", "set-time", "factory-reset", "backup", "restore" })
            {
                StringAssert.Contains(help, name);
            }
        }

        [TestMethod]
        public void UnknownCommandIsAClearErrorAndChangesNothing()
        {
            var rig = new ConsoleRig();
            var before = rig.Store.Dump();
            Assert.AreEqual("error: unknown command 'frobnicate'; type help", rig.RunOne("frobnicate now"));
            Assert.AreEqual("error: unknown command; type help", rig.RunOne(Code), "a stray code is not echoed");
            Assert.AreEqual("", rig.RunOne("   "), "blank lines are ignored");
            CollectionAssert.AreEquivalent(before, rig.Store.Dump());
        }

        [TestMethod]
        public void CommandNamesAreCaseInsensitive()
        {
            var rig = new ConsoleRig();
            StringAssert.StartsWith(rig.RunOne("STATUS"), "terminal: unlocked");
        }

        [TestMethod]
        public void StatusShowsTheSecurityStateAndTheTerminalsLines()
        {
            var rig = new ConsoleRig();
            rig.Run("set-unlock-code " + Code);
            rig.Run("set-time 2026-11-25T10:00:00Z");
            rig.Run("lock lost in shop");
            string status = rig.RunOne("status");
            StringAssert.Contains(status, "terminal: locked (console: lost in shop)");
            StringAssert.Contains(status, "unlock code: set");
            StringAssert.Contains(status, "login lockout: none");
            StringAssert.Contains(status, "boot: 1");
            StringAssert.Contains(status, "wall clock: 2026-11-25T10:00:00Z");
            StringAssert.Contains(status, "audit: 4 entries, 0 dropped");
            StringAssert.Contains(status, "audit overwritten: 0 security, 0 routine");
            StringAssert.Contains(status, "bindings: 3");
        }

        [TestMethod]
        public void SetTimeSetsTheWallClockAndLogsIt()
        {
            var rig = new ConsoleRig();
            Assert.AreEqual("ok: wall clock set to 2026-11-25T10:00:00Z", rig.RunOne("set-time 2026-11-25T10:00:00Z"));
            Assert.IsTrue(rig.Clock.WallClockKnown);
            Assert.AreEqual(new DateTime(2026, 11, 25, 10, 0, 0), rig.Clock.UtcNow);
            StringAssert.Contains(rig.RunOne("log 1"), "clock-set ok from unknown");
        }

        [TestMethod]
        [DataRow("")]
        [DataRow("tomorrow")]
        [DataRow("2026-11-25 10:00:00")]
        [DataRow("2026-11-25T10:00:00")]
        [DataRow("2026-11-25T10:00:00+01:00")]
        [DataRow("2026-11-25T10:00:00.5Z")]
        [DataRow("2026-13-01T10:00:00Z")]
        [DataRow("2026-02-29T10:00:00Z")]
        [DataRow("2026-04-31T10:00:00Z")]
        [DataRow("2026-11-25T24:00:00Z")]
        [DataRow("2026-11-25T10:60:00Z")]
        [DataRow("1999-12-31T23:59:59Z")]
        [DataRow("2100-01-01T00:00:00Z")]
        [DataRow("２026-11-25T10:00:00Z")]
        public void BadTimesAreRefusedAndChangeNothing(string text)
        {
            var rig = new ConsoleRig();
            var before = rig.Store.Dump();
            StringAssert.StartsWith(rig.RunOne("set-time " + text), "error: time must be UTC as YYYY-MM-DDTHH:MM:SSZ");
            Assert.IsFalse(rig.Clock.WallClockKnown);
            CollectionAssert.AreEquivalent(before, rig.Store.Dump());
        }

        [TestMethod]
        public void LeapDayIsAccepted()
        {
            var rig = new ConsoleRig();
            StringAssert.StartsWith(rig.RunOne("set-time 2028-02-29T23:59:59Z"), "ok:");
        }

        [TestMethod]
        public void LockNeedsAnUnlockCodeAndWrongCodesChangeNothing()
        {
            var rig = new ConsoleRig();
            Assert.AreEqual("error: no unlock code set; set one first with set-unlock-code", rig.RunOne("lock"));
            Assert.IsFalse(rig.Security.Lock.IsLocked);
            Assert.AreEqual("error: weak code: at least 8 digits", rig.RunOne("set-unlock-code 1234"));
            Assert.AreEqual("error: weak code: not an ascending or descending run", rig.RunOne("set-unlock-code 12345678"));
            Assert.AreEqual("ok: unlock code set", rig.RunOne("set-unlock-code " + Code));
            Assert.AreEqual("error: a code is already set; use set-unlock-code CURRENT NEW", rig.RunOne("set-unlock-code 59173048"));
            Assert.AreEqual("ok: terminal locked", rig.RunOne("lock"));
            Assert.AreEqual("error: already locked", rig.RunOne("lock"));

            byte[] lockRecord = rig.Store.Read(Storage.RecordKeys.TerminalLock);
            Assert.AreEqual("error: wrong unlock code", rig.RunOne("unlock 80417264"));
            CollectionAssert.AreEqual(lockRecord, rig.Store.Read(Storage.RecordKeys.TerminalLock));
            Assert.IsTrue(rig.Security.Lock.IsLocked);
            Assert.AreEqual("error: usage: unlock CODE", rig.RunOne("unlock"));
            Assert.AreEqual("error: usage: unlock CODE", rig.RunOne("unlock 1 2"));
            Assert.AreEqual("ok: terminal unlocked", rig.RunOne("unlock " + Code));
            Assert.AreEqual("error: terminal is not locked", rig.RunOne("unlock " + Code));
        }

        [TestMethod]
        public void ALockedTerminalRefusesEverythingButReadingAndUnlocking()
        {
            var rig = new ConsoleRig();
            rig.Run("set-unlock-code " + Code);
            rig.Run("lock");
            var before = rig.Store.Dump();
            foreach (string line in new[] { "set-time 2026-11-25T10:00:00Z", "factory-reset", "backup", "restore {}", "bindings", "set-unlock-code " + Code + " 59173048" })
            {
                Assert.AreEqual(MaintenanceConsole.LockedRefusal, rig.RunOne(line), line);
            }
            CollectionAssert.AreEquivalent(before, rig.Store.Dump());
            Assert.IsFalse(rig.Clock.WallClockKnown);
            Assert.AreEqual(0, rig.Host.Replacements);
            StringAssert.StartsWith(rig.RunOne("status"), "terminal: locked");
            StringAssert.Contains(rig.RunOne("log"), "entries:");
        }

        [TestMethod]
        public void TooManyWrongUnlockCodesMakeTheConsoleWait()
        {
            var rig = new ConsoleRig();
            rig.Run("set-unlock-code " + Code);
            rig.Run("lock");
            for (int i = 0; i < LoginGuard.FreeAttempts; i++) rig.Run("unlock 1357924" + i);
            Assert.AreEqual("error: too many wrong codes; try again in 1:00", rig.RunOne("unlock " + Code));
            StringAssert.Contains(rig.RunOne("status"), "unlock code lockout: 1:00 left");
            rig.Clock.AdvanceMicros(60L * 1000000);
            Assert.AreEqual("ok: terminal unlocked", rig.RunOne("unlock " + Code));
        }

        [TestMethod]
        public void FactoryResetNeedsItsConfirmationOnTheNextLine()
        {
            var rig = new ConsoleRig();
            var before = rig.Store.Dump();
            Assert.AreEqual("error: type factory-reset first, then factory-reset confirm", rig.RunOne("factory-reset confirm"));
            Assert.AreEqual("error: usage: factory-reset, then factory-reset confirm", rig.RunOne("factory-reset now"));
            StringAssert.Contains(rig.RunOne("factory-reset"), "Type 'factory-reset confirm'");
            string[] next = rig.Run("status");
            Assert.AreEqual("factory reset cancelled", next[0]);
            StringAssert.StartsWith(next[1], "terminal:", "the other line still runs");
            Assert.AreEqual("error: type factory-reset first, then factory-reset confirm", rig.RunOne("factory-reset confirm"));
            Assert.AreEqual(0, rig.Host.Replacements);
            CollectionAssert.AreEquivalent(before, rig.Store.Dump());

            rig.Run("factory-reset");
            Assert.AreEqual("ok: factory reset done", rig.RunOne("factory-reset confirm"));
            Assert.AreEqual(1, rig.Host.Replacements);
            StringAssert.Contains(rig.RunOne("log 1"), "factory-reset ok");
        }

        /// <summary>Changed by issue 10 (a factory reset used to clear the lockouts): every guard's count survives it.</summary>
        [TestMethod]
        public void FactoryResetKeepsTheLockoutsTheCodesAndTheLog()
        {
            var rig = new ConsoleRig();
            rig.Run("set-unlock-code " + Code);
            rig.Security.Password.Replace(PasswordHash.Create(rig.Crypto, "246813", 4));
            for (int i = 0; i < 5; i++) rig.Commands.OperatorLogin("999999");
            rig.Run("unlock 11111111");
            Assert.IsTrue(rig.Security.Guard.IsLocked);
            rig.Run("factory-reset");
            Assert.AreEqual("ok: factory reset done", rig.RunOne("factory-reset confirm"));
            Assert.IsTrue(rig.Security.Guard.IsLocked, "the login lockout runs on");
            Assert.AreEqual(5, rig.Security.Guard.FailedCount);
            Assert.IsTrue(rig.Security.Lock.HasUnlockCode);
            Assert.IsTrue(rig.Security.Technician.IsSet);
            rig.Reboot();
            Assert.AreEqual(5, rig.Security.Guard.FailedCount, "kept in flash");
            Assert.IsTrue(rig.Security.Technician.IsSet);
            rig.Run("login " + ConsoleRig.TechnicianCode);
            string log = rig.RunOne("log");
            StringAssert.Contains(log, "login-failure failed");
            StringAssert.Contains(log, "factory-reset ok");
        }

        [TestMethod]
        public void LogTakesACountAndRefusesNonsense()
        {
            var rig = new ConsoleRig();
            rig.Run("set-time 2026-11-25T10:00:00Z");
            rig.Run("set-time 2026-11-25T11:00:00Z");
            string[] lines = rig.Run("log 1");
            Assert.AreEqual(2, lines.Length);
            StringAssert.StartsWith(lines[0], "#2 2026-11-25T11:00:00Z clock-set ok");
            StringAssert.Contains(lines[0], "(x2)", "a repeat updates the newest entry instead of taking a slot");
            Assert.AreEqual("entries: 1", lines[1]);
            foreach (string bad in new[] { "log x", "log 0", "log " + (Audit.AuditLog.Capacity + 1), "log -1" })
            {
                StringAssert.StartsWith(rig.RunOne(bad), "error: log takes a number", bad);
            }
        }

        [TestMethod]
        public void BindingsComeFromTheTerminal()
        {
            var rig = new ConsoleRig();
            string[] lines = rig.Run("bindings");
            Assert.AreEqual("bindings: 3", lines.Last());
            Assert.AreEqual("2 card 6222 **** **** 1234", lines[1]);
            Assert.AreEqual("1 merchant 1020 **** 0708 terminal **** 3344", lines[0]);
        }

        [TestMethod]
        public void SecretsNeverAppearInTheOutput()
        {
            var rig = new ConsoleRig();
            rig.Run("set-unlock-code " + Code);
            rig.Run("set-unlock-code 80417264 59173048");
            rig.Run("set-unlock-code " + Code + " 59173048");
            rig.Run("lock");
            rig.Run("unlock 80417299");
            rig.Run("unlock 59173048");
            rig.Run("status");
            rig.Run("log");
            rig.Run("backup");
            string all = string.Join("\n", rig.AllOutput);
            foreach (string secret in new[] { Code, "59173048", "80417264", "80417299" })
            {
                Assert.IsFalse(all.Contains(secret), "output shows " + secret);
            }
            Assert.IsFalse(Bytes.ContainsText(rig.Store.AllBytes(), Code));
            Assert.IsFalse(Bytes.ContainsText(rig.Store.AllBytes(), "59173048"));
        }
    }
}

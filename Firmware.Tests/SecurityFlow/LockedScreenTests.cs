using System;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Tests.Flow;
using PosTerminal.Firmware.Text;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Tests.SecurityFlow
{
    /// <summary>The lost/stolen lock on the terminal: the locked screen, its unlock code, reboots, the console.</summary>
    [TestClass]
    public sealed class LockedScreenTests
    {
        private const string Code = "80417263";

        private static TerminalDriver Locked()
        {
            var t = new TerminalDriver(Language.English);
            t.Technician().FirstLogin().Keys("CANCEL");
            CollectionAssert.AreEqual(new[] { "ok: unlock code set" }, t.Console("set-unlock-code " + Code));
            CollectionAssert.AreEqual(new[] { "ok: terminal locked" }, t.Console("lock reported stolen"));
            return t.Expect("locked", "Terminal locked", "Unlock code", "Call support");
        }

        [TestMethod]
        public void TheLockedScreenRefusesEveryKeyButTheUnlockCode()
        {
            var t = Locked();
            byte[] before = t.FlashImage();
            foreach (Key key in Enum.GetValues<Key>().Where(k => k != Key.None && (k < Key.D0 || k > Key.D9)))
            {
                t.Board.PressKey(key);
                t.Expect("locked", "Terminal locked");
            }
            t.Terminal.CardSwiped(TerminalDriver.Card16);
            t.Keys("wait 120").Expect("locked", "Terminal locked");
            Assert.IsFalse(t.Terminal.SessionOpen);
            Assert.AreEqual("", t.Lines[2], "nothing typed");
            CollectionAssert.AreEqual(before, t.FlashImage(), "no key wrote anything");
        }

        [TestMethod]
        public void TheLockSurvivesRebootsAndTheRightCodeLiftsIt()
        {
            var t = Locked();
            t.Keys("reboot").Expect("locked", "Terminal locked");
            t.Keys("reboot MENU").Expect("locked");
            t.Keys(Code).Expect("locked", "********");
            t.Keys("ENTER").Expect("message", "Unlocked").Keys("ENTER").Expect("idle");
            t.Keys("reboot").Expect("idle");
            t.Login();
            t.Technician();
            StringAssert.Contains(string.Join("\n", t.Console("log 3")), "unlock ok keypad");
        }

        [TestMethod]
        public void WrongCodesAreSaidOnTheScreenThenCostAWait()
        {
            var t = Locked();
            t.Keys("11223354 ENTER").Expect("locked", "Wrong code", "4 tries left");
            Assert.AreEqual("", t.Lines[2], "the entry is cleared");
            t.Keys("1").Expect("locked", "Unlock code", "Call support");
            t.Keys("ENTER").Expect("locked", "Unlock code", "8-16 digits");
            Assert.AreEqual(4, t.Terminal.Security.Lock.UnlockTriesBeforeLock, "a too-short entry costs no try");
            t.Keys("CANCEL");
            for (int i = 0; i < 4; i++) t.Keys("11223354 ENTER");
            t.Expect("locked", "Wait 1:00", "Wrong code");
            t.Keys("wait 1 " + Code + " ENTER").Expect("locked", "Wait 0:59");
            Assert.AreEqual("", t.Lines[2], "digits are refused during the wait");
            t.Keys("wait 30").Expect("locked", "Wait 0:29");
            t.Keys("reboot").Expect("locked", "Wait 0:3");
            t.Keys("wait 40 " + Code + " ENTER").Expect("message", "Unlocked");
        }

        [TestMethod]
        public void ALockFromTheConsoleEndsAnOpenSessionAtOnce()
        {
            var t = new TerminalDriver(Language.English);
            t.Technician().FirstLogin().OpenBindings();
            t.Console("set-unlock-code " + Code);
            t.Console("lock");
            t.Expect("locked");
            Assert.IsFalse(t.Terminal.SessionOpen);
            CollectionAssert.AreEqual(new[] { "ok: terminal unlocked" }, t.Console("unlock " + Code));
            t.Expect("idle");
            Assert.IsFalse(t.Terminal.SessionOpen, "unlocking does not bring the session back");
        }

        [TestMethod]
        public void WithoutAnUnlockCodeTheConsoleCannotLock()
        {
            var t = new TerminalDriver(Language.English);
            CollectionAssert.AreEqual(new[] { "error: login first" }, t.Console("lock"));
            t.Technician();
            CollectionAssert.AreEqual(new[] { "error: no unlock code set; set one first with set-unlock-code" }, t.Console("lock"));
            t.Expect("idle");
        }

        [TestMethod]
        public void ALockedTerminalRefusesTheOperatorsConsoleCommands()
        {
            var t = Locked();
            foreach (string command in new[] { "backup", "bindings", "factory-reset", "set-unlock-code 12345678 87654321", "set-time 2026-11-25T10:00:00Z" })
            {
                CollectionAssert.AreEqual(new[] { Service.MaintenanceConsole.LockedRefusal }, t.Console(command), command);
            }
            t.Expect("locked");
        }
    }
}

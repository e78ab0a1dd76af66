using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Tests.Flow;
using PosTerminal.Firmware.Text;

namespace PosTerminal.Firmware.Tests.SecurityFlow
{
    /// <summary>Issue 10, "Why" item 1: every takeover path reproduced on main, now refused on the terminal.</summary>
    [TestClass]
    public sealed class TakeoverTests
    {
        private const string UnlockCode = "80417263";

        /// <summary>An operator's terminal: a technician code, a password, two bindings; the console left logged out.</summary>
        private static TerminalDriver Owned(out string[] backup)
        {
            var t = new TerminalDriver(Language.English);
            t.Technician().FirstLogin().OpenBindings().BindCard(TerminalDriver.Card16).BindMerchant(TerminalDriver.MerchantNo, TerminalDriver.TerminalNo);
            t.Keys("CANCEL CANCEL");
            backup = t.Console("backup");
            Assert.IsTrue(backup.Length > 3 && backup.All(l => l.StartsWith("{\"Line\":")), string.Join("\n", backup));
            CollectionAssert.AreEqual(new[] { "ok: logged out" }, t.Console("logout"));
            return t;
        }

        [TestMethod]
        public void FactoryResetThenRestoreThenTheFactoryPasswordTakesNothing()
        {
            var t = Owned(out string[] backup);
            byte[] before = t.FlashImage();
            string[] attack = new[] { "factory-reset", "factory-reset confirm", "restore", "restore foreign" }
                .Concat(backup).Concat(new[] { "restore confirm" }).ToArray();
            foreach (string line in attack)
            {
                CollectionAssert.AreEqual(new[] { "error: login first" }, t.Console(line), line);
            }
            CollectionAssert.AreEqual(before, t.FlashImage(), "nothing changed");
            t.Keys("MENU 123456 ENTER").Expect("message", "Wrong password");
            Assert.AreEqual(2, t.StoredBindings().Length);
            Assert.IsFalse(t.Terminal.SessionOpen);
        }

        [TestMethod]
        public void SetTimeCannotFlushTheLog()
        {
            var t = Owned(out _);
            t.Technician();
            t.Console("factory-reset");
            CollectionAssert.AreEqual(new[] { "ok: factory reset done" }, t.Console("factory-reset confirm"));
            t.Console("logout");
            for (int i = 0; i < 32; i++) CollectionAssert.AreEqual(new[] { "error: login first" }, t.Console("set-time 2026-11-25T10:00:00Z"));
            Assert.IsFalse(t.Board.Clock.WallClockKnown);

            // A logged-in console with 1,000 routine commands: set-time, backups, views, wrong logins.
            string[] routine = { "set-time 2026-11-25T10:00:00Z", "status", "backup", "bindings", "log 1", "set-time 2027-01-01T00:00:00Z" };
            t.Technician();
            for (int i = 0; i < 1000; i++)
            {
                if (i % 100 == 99) t.Technician();
                t.Console(routine[i % routine.Length]);
            }
            string[] log = t.Console("log");
            Assert.IsTrue(log.Any(l => l.Contains("factory-reset ok")), string.Join("\n", log));
            string status = string.Join("\n", t.Console("status"));
            StringAssert.Matches(status, new System.Text.RegularExpressions.Regex("audit overwritten: 0 security, [1-9][0-9]* routine"));
        }

        /// <summary>
        /// The flush the audit found: 20 x (lock, unlock CODE) by a logged-in technician pushed a
        /// factory reset out of the 32-entry security ring. 1,000 mixed security commands now
        /// (lock, unlock, set-unlock-code, wrong technician logins, wrong keypad passwords and
        /// unlock codes), and the factory reset is still in `log`, pinned.
        /// </summary>
        [TestMethod]
        public void MixedSecurityCommandsCannotFlushAFactoryReset()
        {
            var t = Owned(out _);
            t.Technician();
            t.Console("factory-reset");
            CollectionAssert.AreEqual(new[] { "ok: factory reset done" }, t.Console("factory-reset confirm"));
            string reset = t.Console("log").First(l => l.Contains(" factory-reset ok"));
            Flood(t);
            string[] log = t.Console("log");
            Assert.IsTrue(log.Contains(reset + " (pinned)"), "the factory reset, only its pin left:\n" + string.Join("\n", log));
            StringAssert.Matches(string.Join("\n", t.Console("status")), new System.Text.RegularExpressions.Regex("audit overwritten: [1-9][0-9]+ security"));
            t.Keys("reboot");
            t.Technician();
            Assert.IsTrue(t.Console("log").Contains(reset + " (pinned)"), "after a reboot too");
        }

        /// <summary>Likewise a restore, and a foreign one: a later restore of the terminal's own backup does not replace the foreign one's entry.</summary>
        [TestMethod]
        public void MixedSecurityCommandsCannotFlushARestore()
        {
            var t = Owned(out string[] backup);
            var other = new TerminalDriver(Language.English);
            other.Board.TerminalId = "PT000002";
            other.Keys("reboot").Technician().FirstLogin().OpenBindings().BindMerchant("898100000000002", "87654321");
            other.Keys("CANCEL CANCEL");
            string[] foreign = other.Console("backup");
            t.Technician();
            t.Console("restore foreign");
            foreach (string line in foreign) t.Console(line);
            CollectionAssert.AreEqual(new[] { "ok: restored" }, t.Console("restore confirm"));
            t.Technician();
            t.Console("restore");
            foreach (string line in backup) t.Console(line);
            CollectionAssert.AreEqual(new[] { "ok: restored" }, t.Console("restore confirm"));
            string[] before = t.Console("log");
            string foreignEntry = before.First(l => l.Contains(" restore ok foreign PT000002"));
            string ownEntry = before.First(l => l.Contains(" restore ok ") && !l.Contains("foreign"));
            Flood(t);
            string[] log = t.Console("log");
            Assert.IsTrue(log.Contains(foreignEntry + " (pinned)"), "the foreign restore:\n" + string.Join("\n", log));
            Assert.IsTrue(log.Contains(ownEntry + " (pinned)"), "the own restore:\n" + string.Join("\n", log));
        }

        // 1,000 security commands on a logged-in console and the keypad: lock, unlock, code changes, failed logins.
        private static void Flood(TerminalDriver t)
        {
            string a = UnlockCode, b = "80417264";
            StringAssert.StartsWith(t.Console("set-unlock-code " + a)[0], "ok");
            int commands = 0;
            while (commands < 1000)
            {
                StringAssert.StartsWith(t.Console("lock")[0], "ok");
                t.Keys("11223344 ENTER wait 3"); // a wrong unlock code on the locked screen
                StringAssert.StartsWith(t.Console("unlock " + a)[0], "ok");
                StringAssert.StartsWith(t.Console("set-unlock-code " + a + " " + b)[0], "ok");
                string swap = a;
                a = b;
                b = swap;
                StringAssert.StartsWith(t.Console("login 00000000")[0], "error");
                t.Technician();
                t.Keys("MENU 999999 ENTER wait 3 CANCEL"); // a wrong password on the keypad
                commands += 7;
            }
        }

        [TestMethod]
        public void AFactoryResetNeitherLiftsALockNorClearsTheUnlockGuard()
        {
            var t = Owned(out _);
            t.Technician().Console("set-unlock-code " + UnlockCode);
            t.Console("lock stolen");
            t.Expect("locked");
            for (int i = 0; i < 3; i++) t.Keys("1122335" + i + " ENTER");
            Assert.AreEqual(3, t.Terminal.Security.Lock.UnlockCode.Guard.FailedCount);
            t.Console("factory-reset");
            CollectionAssert.AreEqual(new[] { Service.MaintenanceConsole.LockedRefusal }, t.Console("factory-reset confirm"));
            Assert.AreEqual(3, t.Terminal.Security.Lock.UnlockCode.Guard.FailedCount);
            t.Keys("reboot").Expect("locked");
            Assert.AreEqual(3, t.Terminal.Security.Lock.UnlockCode.Guard.FailedCount);
        }

        [TestMethod]
        public void AnAnonymousConsoleCannotSetAnUnlockCodeAndLock()
        {
            var t = Owned(out _);
            CollectionAssert.AreEqual(new[] { "error: login first" }, t.Console("set-unlock-code 11335577"));
            CollectionAssert.AreEqual(new[] { "error: login first" }, t.Console("lock"));
            t.Expect("idle");
            Assert.IsFalse(t.Terminal.Security.Lock.HasUnlockCode);
        }

        [TestMethod]
        public void SettingTheClockBackDoesNotHideTheReminder()
        {
            var t = new TerminalDriver(Language.English);
            t.Technician().Console("set-time 2026-01-01T08:00:00Z");
            t.FirstLogin().Keys("CANCEL");
            t.Console("set-time 2026-04-10T08:00:00Z"); // 99 days
            t.Console("set-time 2026-01-02T08:00:00Z"); // back: the password would look 1 day old
            t.Keys("MENU " + TerminalDriver.Password + " ENTER").Expect("message", "Change password", "99 days old");
            StringAssert.Contains(string.Join("\n", t.Console("log 2")), "clock-set ok from 04-10 08:00 (x2)");
        }

        [TestMethod]
        public void AnOperatorSessionLetsTheConsoleSetTheFirstTechnicianCodeAndTheLcdSaysSo()
        {
            var t = new TerminalDriver(Language.English);
            t.FirstLogin().OpenBindings().BindDevice(TerminalDriver.Serial).Keys("CANCEL CANCEL").Expect("idle");
            CollectionAssert.AreEqual(new[] { "error: login first" }, t.Console("set-technician-code 59173048"), "no session, not factory");
            t.Login();
            CollectionAssert.AreEqual(new[] { "ok: technician code set" }, t.Console("set-technician-code 59173048"));
            t.Expect("message", "Tech code set").Keys("ENTER").Expect("settings");
        }
    }
}

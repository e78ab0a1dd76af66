using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Commands;
using PosTerminal.Firmware.Storage;
using PosTerminal.Firmware.Tests.Flow;
using PosTerminal.Firmware.Tests.Support;
using PosTerminal.Firmware.Text;

namespace PosTerminal.Firmware.Tests.SecurityFlow
{
    /// <summary>
    /// Issue 10 item 4 on the terminal: a security record or binding slot that does not read
    /// back is taken on the safe side, said on the LCD and in the audit log (once). The store's
    /// own damage signal (IsDamaged) is exercised with MemoryRecordStore in the unit tests and
    /// here through the command layer; on the terminal a record that does not decode stands in
    /// until LogStore reports damage (storage's branch).
    /// </summary>
    [TestClass]
    public sealed class FailClosedTests
    {
        private static readonly byte[] Garbage = { 2, 9, 9, 9, 9 };

        private static TerminalDriver Owned()
        {
            var t = new TerminalDriver(Language.English);
            t.Technician().FirstLogin().OpenBindings().BindCard(TerminalDriver.Card16).Keys("CANCEL CANCEL");
            t.Console("set-unlock-code 80417263");
            return t;
        }

        [TestMethod]
        public void ADamagedPasswordRefusesLoginsUntilATechnicianResetsIt()
        {
            var t = Owned();
            t.Terminal.Store.Write(RecordKeys.Password, Garbage);
            t.Keys("reboot").Expect("idle", "Service needed");
            t.Keys("MENU").Expect("login");
            t.Keys(TerminalDriver.Password + " ENTER").Expect("message", "Service needed");
            t.Keys("ENTER").Expect("idle", "Service needed");
            t.Keys("MENU 123456 ENTER").Expect("message", "Service needed", "Call support");
            t.Keys("reboot").Expect("idle", "Service needed");
            t.Technician();
            string[] log = t.Console("log");
            Assert.AreEqual(1, log.Count(l => l.Contains("storage-damage failed password")), "reported once, not at every boot:\n" + string.Join("\n", log));
            StringAssert.Contains(string.Join("\n", t.Console("status")), "password: damaged (reset-password needed)");
            CollectionAssert.AreEqual(new[] { "ok: operator password replaced; it must be changed at the next login" }, t.Console("reset-password 581302"));
            t.Keys("ENTER").Expect("idle", "MENU: settings");
            t.Keys("MENU 581302 ENTER").Expect("change-password", "Replace default");
        }

        [TestMethod]
        public void ADamagedBindingSlotShowsDamagedBindsNothingAndCanBeDeregistered()
        {
            var t = Owned();
            t.Terminal.Store.Write(RecordKeys.FirstBinding + 3, Garbage);
            t.Keys("reboot").Expect("idle", "Storage damaged");
            t.Login().OpenBindings().Expect("bindings", "Bindings 1/8", "2 Card **7894", "3 ! damaged");
            t.Keys("3").Expect("binding", "Damaged binding", "Not in use", " 1 Deregister");
            t.Keys("1 ENTER " + TerminalDriver.Password + " ENTER").Expect("message", "Deregistered");
            t.Keys("ENTER").Expect("bindings", "Bindings 1/8");
            Assert.IsFalse(t.Screen.Contains("damaged"));
            Assert.IsNull(t.Terminal.Store.Read(RecordKeys.FirstBinding + 3));
            t.Technician();
            string log = string.Join("\n", t.Console("log"));
            StringAssert.Contains(log, "storage-damage failed binding 4");
            StringAssert.Contains(log, "binding-deregistered ok damaged slot 4");
        }

        /// <summary>
        /// Security README, "Fail closed": a damaged technician code on a locked terminal. No
        /// console login, and set-technician-code is refused while locked; the unlock code on the
        /// keypad, then an operator session, opens the first-code path again.
        /// </summary>
        [TestMethod]
        public void ADamagedTechnicianCodeOnALockedTerminalWaitsForTheUnlockCode()
        {
            var t = Owned();
            StringAssert.StartsWith(t.Console("lock stolen")[0], "ok");
            t.Terminal.Store.Write(RecordKeys.TechnicianCode, Garbage);
            t.Keys("reboot").Expect("locked");
            Assert.AreEqual(PosTerminal.Firmware.Service.MaintenanceConsole.TechnicianCodeDamagedLocked, t.Console("login " + TerminalDriver.TechnicianCode)[0], "the way out a locked terminal has");
            StringAssert.StartsWith(t.Console("set-technician-code 55554444")[0], "error");
            Assert.IsFalse(t.Terminal.Security.Technician.IsSet);
            t.Keys("80417263 ENTER").Expect("message", "Unlocked");
            t.Keys("ENTER").Login();
            Assert.IsTrue(t.Terminal.SessionOpen);
            CollectionAssert.AreEqual(new[] { "ok: technician code set" }, t.Console("set-technician-code 55554444"));
            StringAssert.StartsWith(t.Console("login 55554444")[0], "ok: logged in");
        }

        /// <summary>And with the unlock code damaged too: nothing in the firmware gets back in (README: only an erase of the flash).</summary>
        [TestMethod]
        public void ADamagedTechnicianAndUnlockCodeOnALockedTerminalLeaveNoWayIn()
        {
            var t = Owned();
            StringAssert.StartsWith(t.Console("lock stolen")[0], "ok");
            t.Terminal.Store.Write(RecordKeys.TechnicianCode, Garbage);
            t.Terminal.Store.Write(RecordKeys.UnlockCode, Garbage);
            t.Keys("reboot").Expect("locked");
            Assert.AreEqual(PosTerminal.Firmware.Service.MaintenanceConsole.TechnicianCodeDamagedLocked, t.Console("login " + TerminalDriver.TechnicianCode)[0], "the way out a locked terminal has");
            foreach (string line in new[] { "set-technician-code 55554444", "set-unlock-code 11335577", "unlock 80417263", "factory-reset" })
                CollectionAssert.AreEqual(new[] { "error: login first" }, t.Console(line), line);
            t.Keys("80417263 ENTER wait 3");
            t.Expect("locked");
            Assert.IsTrue(t.Terminal.Commands.IsLocked);
        }

        [TestMethod]
        public void ADamagedLockRecordLocksAndSaysSo()
        {
            var t = Owned();
            t.Terminal.Store.Write(RecordKeys.TerminalLock, Garbage);
            t.Keys("reboot").Expect("locked", "Terminal locked", "Storage damaged");
            t.Keys("80417263 ENTER").Expect("message", "Unlocked");
        }

        [TestMethod]
        public void ADamagedGuardStartsAtItsLongestLock()
        {
            var t = Owned();
            t.Terminal.Store.Write(RecordKeys.LoginGuard, Garbage);
            t.Keys("reboot MENU").Expect("login", "Login locked", "Wait 60:00");
        }

        /// <summary>The store's own signal: a slot whose tombstone may be lost never brings the binding back.</summary>
        [TestMethod]
        public void ADamagedTombstoneNeverResurrectsTheBinding()
        {
            var store = new MemoryRecordStore();
            ConsoleRig.Seed(store, ConsoleRig.Merchant, ConsoleRig.Card);
            store.Damaged.Add(RecordKeys.FirstBinding + 1);
            var rig = new ConsoleRig(store);
            Assert.AreEqual(1, rig.Bindings.Count);
            Assert.AreEqual(1, rig.Bindings.DamagedCount);
            CollectionAssert.AreEqual(new[] { "1 merchant 1020 **** 0708 terminal **** 3344", "2 damaged (deregister it to clear)", "bindings: 2" },
                rig.Run("bindings"));
            rig.Commands.OperatorLogin("123456");
            Assert.AreEqual(CommandStatus.Done, rig.Commands.Bind(Channel.Keypad, ConsoleRig.Card), "the card is not bound: binding it again works");
            Assert.AreEqual(2, rig.Bindings.SlotOf(ConsoleRig.Card), "in a free slot, never through the damaged one");
            Assert.IsTrue(rig.Bindings.IsDamaged(1));
            StringAssert.Contains(string.Join("\n", rig.Run("log")), "storage-damage failed binding 2");
            StringAssert.Contains(string.Join("\n", rig.Run("status")), "bindings: 2/8 (1 damaged)");
        }

        [TestMethod]
        public void EveryDamagedSecurityRecordIsReportedOnce()
        {
            var store = new MemoryRecordStore();
            new ConsoleRig(store).Run("set-unlock-code 80417263");
            int[] keys = { RecordKeys.Password, RecordKeys.LoginGuard, RecordKeys.TechnicianCode, RecordKeys.TechnicianGuard,
                RecordKeys.UnlockCode, RecordKeys.UnlockGuard, RecordKeys.TerminalLock };
            foreach (int key in keys) store.Damaged.Add(key);
            var rig = new ConsoleRig(store, login: false);
            Assert.IsTrue(rig.Commands.ReportDamage(), "damage found");
            Assert.IsTrue(rig.Security.Lock.IsLocked, "locked");
            Assert.IsTrue(rig.Security.Password.Damaged);
            Assert.IsTrue(rig.Security.Technician.Damaged);
            Assert.AreEqual(Security.LoginGuard.MaxLockMs, rig.Security.Guard.RemainingLockMs);
            Assert.AreEqual(Security.LoginGuard.MaxLockMs, rig.Security.Technician.Guard.RemainingLockMs);
            Assert.AreEqual(Security.LoginGuard.MaxLockMs, rig.Security.Lock.UnlockRetryMs);
            string[] entries = rig.Security.Audit.ConsoleLines(20);
            foreach (string name in new[] { "password", "login guard", "technician code", "technician guard", "unlock code", "unlock guard", "lock" })
            {
                Assert.AreEqual(1, entries.Count(e => e.EndsWith("storage-damage failed " + name)), name + " in\n" + string.Join("\n", entries));
            }
            int count = rig.Security.Audit.Count;
            rig.Commands.ReportDamage();
            new ConsoleRig(store, login: false).Commands.ReportDamage();
            Assert.AreEqual(count, new ConsoleRig(store, login: false).Security.Audit.Count, "a reboot does not report it again");
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Commands;
using PosTerminal.Firmware.Service;
using PosTerminal.Firmware.Storage;
using PosTerminal.Firmware.Tests.Support;

namespace PosTerminal.Firmware.Tests
{
    /// <summary>
    /// The console's refusals say what happened and what to do, truthfully: the commands a
    /// locked terminal names are the ones that run, a full store is not reported as a wait, and
    /// each damaged secret names the way back that the code really implements.
    /// </summary>
    [TestClass]
    public sealed class ConsoleGuidanceTests
    {
        private const string UnlockCode = "80417263";

        // ---- locked ----

        [TestMethod]
        public void TheLockedRefusalNamesExactlyTheCommandsThatRunWhileLocked()
        {
            AssertLockedListIsTrue(damagedCode: false, MaintenanceConsole.LockedRefusal);
        }

        [TestMethod]
        public void WithADamagedUnlockCodeTheLockedRefusalAddsSetUnlockCodeAndTheWayOut()
        {
            AssertLockedListIsTrue(damagedCode: true, MaintenanceConsole.LockedRefusalCodeDamaged);
            StringAssert.Contains(MaintenanceConsole.LockedRefusalCodeDamaged, "To unlock: set-unlock-code NEW then unlock NEW");
        }

        [TestMethod]
        public void TheLockedRefusalSaysHowToUnlock()
        {
            StringAssert.Contains(MaintenanceConsole.LockedRefusal, "unlock CODE");
            StringAssert.Contains(MaintenanceConsole.LockedRefusal, "the unlock code on its keypad");
            StringAssert.Contains(MaintenanceConsole.LockedRefusal, "the fleet's unlock");
        }

        /// <summary>The path LockedRefusalCodeDamaged gives really unlocks.</summary>
        [TestMethod]
        public void TheDamagedCodeWayOutUnlocks()
        {
            ConsoleRig rig = LockedRig(damagedCode: true);
            Assert.AreEqual(MaintenanceConsole.LockedRefusalCodeDamaged, rig.RunOne("bindings"));
            Assert.AreEqual("ok: unlock code set", rig.RunOne("set-unlock-code 59173048"));
            Assert.AreEqual("ok: terminal unlocked", rig.RunOne("unlock 59173048"));
        }

        private static void AssertLockedListIsTrue(bool damagedCode, string refusal)
        {
            string[] named = NamedCommands(refusal);
            var running = new List<string>();
            ConsoleRig probe = LockedRig(damagedCode);
            foreach (ConsoleCommand command in probe.Console.Commands)
            {
                ConsoleRig rig = LockedRig(damagedCode);
                string answer = rig.Run(command.Name + ArgumentFor(command.Name)).FirstOrDefault();
                Assert.IsTrue(rig.Security.Lock.IsLocked, command.Name + " left the terminal locked");
                if (answer == MaintenanceConsole.LockedRefusal || answer == MaintenanceConsole.LockedRefusalCodeDamaged)
                {
                    Assert.AreEqual(refusal, answer, command.Name + ": the refusal for this state");
                    continue;
                }
                running.Add(command.Name);
                if (command.Name == "lock") Assert.AreEqual("error: already locked", answer);
            }
            // lock runs too, but only to answer "already locked": it is not listed as working.
            CollectionAssert.AreEquivalent(named.Concat(new[] { "lock" }).ToArray(), running.ToArray(),
                "the commands the refusal names are the ones that run while locked: " + refusal);
        }

        /// <summary>"only a, b and c work" → a, b, c.</summary>
        private static string[] NamedCommands(string refusal)
        {
            int start = refusal.IndexOf("only ") + 5;
            int end = refusal.IndexOf(" work", start);
            Assert.IsTrue(start > 5 && end > start, "the refusal lists the commands: " + refusal);
            return refusal.Substring(start, end - start).Replace(" and ", ", ").Split(", ");
        }

        private static string ArgumentFor(string command)
        {
            switch (command)
            {
                case "login": return " " + ConsoleRig.TechnicianCode;
                case "unlock": return " 13572468"; // wrong on purpose: the probe must stay locked
                case "set-unlock-code": return " 59173048";
                default: return string.Empty;
            }
        }

        private static ConsoleRig LockedRig(bool damagedCode)
        {
            var rig = new ConsoleRig();
            Assert.AreEqual("ok: unlock code set", rig.RunOne("set-unlock-code " + UnlockCode));
            Assert.AreEqual("ok: terminal locked", rig.RunOne("lock"));
            if (!damagedCode) return rig;
            rig.Store.Damaged.Add(RecordKeys.UnlockCode);
            var damaged = new ConsoleRig(rig.Store);
            Assert.IsTrue(damaged.Security.Lock.UnlockCode.Damaged);
            Assert.IsTrue(damaged.Security.Lock.IsLocked);
            return damaged;
        }

        [TestMethod]
        public void UnlockWithNoStoredCodeSaysOnlyTheFleetCanUnlock()
        {
            ConsoleRig locked = LockedRig(damagedCode: false);
            locked.Store.Delete(RecordKeys.UnlockCode);
            var rig = new ConsoleRig(locked.Store);
            Assert.AreEqual("error: locked, but no unlock code is stored, so no code can unlock it; only the fleet's unlock can. Report it",
                rig.RunOne("unlock " + UnlockCode));
            Assert.IsTrue(rig.Security.Lock.IsLocked);
        }

        // ---- a full store is not a wait ----

        [TestMethod]
        public void SetUnlockCodeOnAFullStoreSaysStorageFullNotAWaitOfNothing()
        {
            var rig = new ConsoleRig();
            rig.Run("set-unlock-code " + UnlockCode);
            var before = rig.Store.Dump();
            rig.Store.Full = true;
            string answer = rig.RunOne("set-unlock-code " + UnlockCode + " 59173048");
            Assert.AreEqual("error: storage full: the code was not checked or not stored; nothing changed. Take a backup and report it: the store does not fill up in normal use", answer);
            Assert.DoesNotContain("try again", answer);
            Assert.DoesNotContain("0:00", answer);
            CollectionAssert.AreEquivalent(before, rig.Store.Dump());
            rig.Store.Full = false;
            Assert.AreEqual("ok: unlock code set", rig.RunOne("set-unlock-code " + UnlockCode + " 59173048"), "the old code still stands");
        }

        [TestMethod]
        public void ALoginOrUnlockTheStoreCannotRecordSaysSo()
        {
            var rig = new ConsoleRig();
            rig.Run("set-unlock-code " + UnlockCode);
            rig.Run("lock");
            rig.Store.Full = true;
            Assert.AreEqual(MaintenanceConsole.TryNotRecorded, rig.RunOne("unlock " + UnlockCode));
            Assert.IsTrue(rig.Security.Lock.IsLocked, "an unrecorded try is not compared");
            rig.Run("logout");
            Assert.AreEqual(MaintenanceConsole.TryNotRecorded, rig.RunOne("login " + ConsoleRig.TechnicianCode));
            Assert.IsFalse(rig.Commands.TechnicianLoggedIn);
            StringAssert.StartsWith(MaintenanceConsole.TryNotRecorded, "error: storage full: this try could not be recorded");
        }

        [TestMethod]
        public void TheGeneralStorageFullLineSaysWhatToDo()
        {
            string line = MaintenanceConsole.Message(CommandStatus.StorageFull);
            StringAssert.StartsWith(line, "error: storage full; nothing changed");
            StringAssert.Contains(line, "Take a backup and report it");
        }

        // ---- the backup secret ----

        [TestMethod]
        public void EveryLineAboutADamagedBackupSecretNamesNewBackupSecretAndItsCost()
        {
            var store = new MemoryRecordStore();
            string[] old = new ConsoleRig(store).Run("backup");
            store.Damaged.Add(RecordKeys.TerminalSecret);
            var rig = new ConsoleRig(store, seed: 2);
            string backup = rig.RunOne("backup");
            StringAssert.StartsWith(backup, "error: the backup secret is damaged");
            StringAssert.Contains(backup, "Type new-backup-secret");
            StringAssert.Contains(backup, "earlier backups then restore only with 'restore foreign'");
            string status = rig.Run("status").Single(l => l.StartsWith("backup secret: "));
            StringAssert.Contains(status, "new-backup-secret");
            rig.Run("restore");
            string refused = rig.Paste(old).Single(l => l.Contains("Header.Key"));
            StringAssert.Contains(refused, "new-backup-secret makes a new one; earlier backups stay foreign");
            StringAssert.StartsWith(rig.RunOne("new-backup-secret"), "ok: new backup secret made", "the command the lines name does it");
        }

        // ---- the technician code ----

        [TestMethod]
        public void ADamagedTechnicianCodeSaysHowToSetItAgainAndThatWayWorks()
        {
            MemoryRecordStore store = new ConsoleRig().Store;
            store.Damaged.Add(RecordKeys.TechnicianCode);
            var rig = new ConsoleRig(store, login: false);
            Assert.IsTrue(rig.Security.Technician.Damaged);
            Assert.IsFalse(rig.Commands.InFactoryState, "the rig has bindings: only the operator's session opens the way");

            Assert.AreEqual(MaintenanceConsole.TechnicianCodeDamaged, rig.RunOne("login " + ConsoleRig.TechnicianCode));
            StringAssert.Contains(MaintenanceConsole.TechnicianCodeDamaged, "set-technician-code NEW while the operator is logged in on the keypad");
            CollectionAssert.Contains(rig.Run("status"),
                "console: not logged in; technician code damaged: set-technician-code NEW while the operator is logged in on the keypad");

            Assert.AreEqual("error: login first", rig.RunOne("set-technician-code 59173048"), "not without the operator");
            rig.OperatorSession();
            CollectionAssert.Contains(rig.Run("status"), "console: not logged in; technician code damaged: set-technician-code NEW");
            Assert.AreEqual("ok: technician code set", rig.RunOne("set-technician-code 59173048"));
            Assert.AreEqual("ok: logged in (logout, or 5 minutes without a line, ends it)", rig.RunOne("login 59173048"));
            // The whole detail fits AuditEntry.MaxDetail (it was cut to "replaced damaged ope").
            StringAssert.EndsWith(rig.Run("log 3").First(l => l.Contains("technician-code-set")), "technician-code-set ok damaged via operator");
        }

        // ---- the fleet link ----

        [TestMethod]
        public void SetFleetKeyWithoutAFleetLinkNamesTheFilesAndTheReset()
        {
            var rig = new ConsoleRig();
            Assert.IsNull(rig.Commands.Fleet);
            string answer = rig.RunOne("set-fleet-key " + new string('a', 64));
            Assert.AreEqual(MaintenanceConsole.NoFleetLink, answer);
            StringAssert.StartsWith(answer, "error: this terminal has no fleet link: ");
            StringAssert.Contains(answer, @"I:\fleet.json");
            StringAssert.Contains(answer, @"I:\fleet-ca.pem");
            StringAssert.Contains(answer, "reset the board, then set the key");
            Assert.DoesNotContain(new string('a', 64), answer, "the key is not echoed");
        }

        // ---- every line fits the console ----

        [TestMethod]
        public void EveryNamedConsoleLineFitsTheConsole()
        {
            var lines = typeof(MaintenanceConsole).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()).ToList();
            lines.AddRange(System.Enum.GetValues<CommandStatus>().Select(MaintenanceConsole.Message));
            Assert.IsGreaterThan(25, lines.Count);
            foreach (string line in lines) Assert.IsLessThanOrEqualTo(200, line.Length, line);
        }
    }
}

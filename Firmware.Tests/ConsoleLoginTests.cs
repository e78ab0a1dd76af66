using System;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Commands;
using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Service;
using PosTerminal.Firmware.Storage;
using PosTerminal.Firmware.Tests.Support;

namespace PosTerminal.Firmware.Tests
{
    /// <summary>Issue 10 item 2: the technician's console login, its guard, its session, and the technician code's rules.</summary>
    [TestClass]
    public sealed class ConsoleLoginTests
    {
        private const string Code = ConsoleRig.TechnicianCode;

        /// <summary>Every command but help, status and login, with arguments that would otherwise work.</summary>
        public static readonly string[] Protected =
        {
            "bindings", "log", "log 1", "lock", "lock stolen", "unlock 80417263", "set-unlock-code 80417263",
            "set-unlock-code 80417263 59173048", "set-technician-code 59173048", "set-technician-code " + Code + " 59173048",
            "reset-password 246813", "set-time 2026-11-25T10:00:00Z", "set-time nonsense", "factory-reset",
            "factory-reset confirm", "backup", "restore {}", "logout", "frobnicate", "80417263",
        };

        [TestMethod]
        public void WithoutALoginEverythingButHelpStatusAndLoginAnswersLoginFirst()
        {
            var rig = new ConsoleRig(login: false);
            var before = rig.Store.Dump();
            foreach (string line in Protected)
            {
                Assert.AreEqual("error: login first", rig.RunOne(line), line);
            }
            CollectionAssert.AreEquivalent(before, rig.Store.Dump(), "nothing stored changed");
            Assert.AreEqual(0, rig.Host.Replacements);
            Assert.IsFalse(rig.Clock.WallClockKnown);
            StringAssert.Contains(rig.RunOne("help"), "login CODE");
            StringAssert.StartsWith(rig.RunOne("status"), "terminal: unlocked");
        }

        [TestMethod]
        public void AnonymousStatusShowsNoIdentifiers()
        {
            var rig = new ConsoleRig();
            rig.Run("set-unlock-code 80417263");
            rig.Run("set-time 2026-11-25T10:00:00Z");
            rig.Run("lock stolen from Zhang San shop 12");
            rig.Run("logout");
            string status = rig.RunOne("status");
            StringAssert.StartsWith(status, "terminal: locked");
            Assert.IsFalse(status.Any(char.IsDigit), "no number at all: " + status);
            foreach (string secretish in new[] { "PT000001", "Zhang", "stolen", "0708", "1234", "5544" })
            {
                Assert.IsFalse(status.Contains(secretish), secretish + " in: " + status);
            }
        }

        [TestMethod]
        public void ALoginOpensTheSessionAndLogoutEndsIt()
        {
            var rig = new ConsoleRig(login: false);
            Assert.AreEqual("error: wrong technician code", rig.RunOne("login 73920419"));
            Assert.AreEqual("error: login first", rig.RunOne("bindings"));
            Assert.AreEqual("ok: logged in (logout, or 5 minutes without a line, ends it)", rig.RunOne("login " + Code));
            Assert.AreEqual("bindings: 3", rig.Run("bindings").Last());
            Assert.AreEqual("ok: logged out", rig.RunOne("logout"));
            Assert.AreEqual("error: login first", rig.RunOne("bindings"));
            Assert.AreEqual("error: usage: login CODE", rig.RunOne("login"));
            Assert.IsFalse(string.Join("\n", rig.AllOutput).Contains(Code), "the code is never echoed");
        }

        [TestMethod]
        public void FiveMinutesWithoutALineEndTheSession()
        {
            var rig = new ConsoleRig();
            rig.Clock.AdvanceMicros(TerminalCommands.TechnicianTimeoutMs * 1000 - 1000000);
            Assert.AreEqual("bindings: 3", rig.Run("bindings").Last(), "a line within 5 minutes keeps it");
            rig.Clock.AdvanceMicros(TerminalCommands.TechnicianTimeoutMs * 1000 - 1000000);
            Assert.AreEqual("bindings: 3", rig.Run("bindings").Last());
            rig.Clock.AdvanceMicros(TerminalCommands.TechnicianTimeoutMs * 1000);
            rig.Commands.Poll();
            Assert.IsFalse(rig.Commands.TechnicianLoggedIn);
            Assert.AreEqual("error: login first", rig.RunOne("bindings"));
            StringAssert.Contains(rig.Security.Audit.ConsoleLines(1)[0], "technician-logout ok timeout");
        }

        [TestMethod]
        public void LoginGuessesGoThroughAGuardThatSurvivesRebootsAndFactoryReset()
        {
            var rig = new ConsoleRig(login: false);
            for (int i = 0; i < LoginGuard.FreeAttempts; i++) rig.Run("login 1357924" + i);
            Assert.AreEqual("error: too many wrong codes; try again in 1:00", rig.RunOne("login " + Code));
            rig.Reboot();
            StringAssert.StartsWith(rig.RunOne("login " + Code), "error: too many wrong codes", "a reboot buys nothing");
            rig.Clock.AdvanceMicros(61L * 1000000);
            rig.Commands.Poll();
            StringAssert.StartsWith(rig.RunOne("login " + Code), "ok: logged in");
            // Three wrong codes (from a second console, say), then a factory reset: the count stays.
            for (int i = 0; i < 3; i++) rig.Security.Technician.Check("2468013" + i);
            rig.Run("factory-reset");
            Assert.AreEqual("ok: factory reset done", rig.RunOne("factory-reset confirm"));
            Assert.AreEqual(3, rig.Security.Technician.Guard.FailedCount);
            rig.Reboot();
            Assert.AreEqual(3, rig.Security.Technician.Guard.FailedCount, "in flash");
        }

        /// <summary>A power cut at any commit of a wrong console login never forgets the try.</summary>
        [TestMethod]
        public void ACutDuringAWrongLoginGivesNoFreeTry()
        {
            for (int commit = 1; commit <= 3; commit++)
            {
                var store = new MemoryRecordStore();
                var clock = new Virtual.VirtualClock();
                var rig = new ConsoleRig(store, clock, login: false);
                rig.Run("login 13579240");
                int before = rig.Security.Technician.Guard.FailedCount;
                store.CutAtCommit = commit;
                try { rig.Run("login 13579241"); } catch (PowerCutException) { }
                store.CutAtCommit = null;
                clock.PowerOn();
                var rebooted = new ConsoleRig(store, clock, login: false);
                int after = rebooted.Security.Technician.Guard.FailedCount;
                Assert.IsTrue(after == before + 1 || (commit == 1 && after == before), "cut at commit " + commit + ": " + before + " -> " + after);
            }
        }

        [TestMethod]
        public void TheFirstTechnicianCodeNeedsFactoryStateOrAnOperatorSession()
        {
            // Not factory state (bindings), no operator session: nobody may set it without a login.
            var rig = new ConsoleRig(login: false, technicianCode: false);
            Assert.AreEqual("error: login first", rig.RunOne("set-technician-code 59173048"));
            Assert.IsFalse(rig.Security.Technician.IsSet);

            // An operator session open on the keypad: the console may set it, and the LCD says so.
            Assert.AreEqual(LoginOutcome.AcceptedMustChange, rig.Commands.OperatorLogin("123456"));
            Assert.AreEqual("ok: technician code set", rig.RunOne("set-technician-code 59173048"));
            CollectionAssert.AreEqual(new[] { Text.TextId.TechnicianCodeSet }, rig.Host.Notices);
            StringAssert.Contains(rig.Security.Audit.ConsoleLines(1)[0], "technician-code-set ok first via operator");

            // Once set, the code-only form is gone even with the session open.
            Assert.AreEqual("error: login first", rig.RunOne("set-technician-code 60284159"));
            rig.Commands.EndOperatorSession();
            Assert.AreEqual("error: login first", rig.RunOne("set-technician-code 59173048 60284159"));
        }

        [TestMethod]
        public void InFactoryStateTheFirstCodeNeedsNoSession()
        {
            var rig = new ConsoleRig(login: false, bindings: false, technicianCode: false);
            Assert.IsTrue(rig.Commands.InFactoryState);
            Assert.AreEqual("error: weak code: at least 8 digits", rig.RunOne("set-technician-code 1234"));
            Assert.AreEqual("ok: technician code set", rig.RunOne("set-technician-code 59173048"));
            Assert.AreEqual(0, rig.Host.Notices.Count, "no session to tell");
            Assert.AreEqual("error: login first", rig.RunOne("set-technician-code 60284159"), "only the first");
        }

        [TestMethod]
        public void ChangingTheTechnicianCodeNeedsTheCurrentOne()
        {
            var rig = new ConsoleRig();
            Assert.AreEqual("error: a code is already set; use set-technician-code CURRENT NEW", rig.RunOne("set-technician-code 59173048"));
            Assert.AreEqual("error: wrong current code", rig.RunOne("set-technician-code 59173049 59173048"));
            Assert.AreEqual("error: weak code: must differ from the current code", rig.RunOne("set-technician-code " + Code + " " + Code));
            Assert.AreEqual("ok: technician code set", rig.RunOne("set-technician-code " + Code + " 59173048"));
            rig.Run("logout");
            Assert.AreEqual("error: wrong technician code", rig.RunOne("login " + Code));
            StringAssert.StartsWith(rig.RunOne("login 59173048"), "ok: logged in");
        }

        [TestMethod]
        public void LockNeedsALoginAndAnUnlockCode()
        {
            var rig = new ConsoleRig(login: false);
            Assert.AreEqual("error: login first", rig.RunOne("set-unlock-code 80417263"));
            Assert.AreEqual("error: login first", rig.RunOne("lock"));
            Assert.IsFalse(rig.Security.Lock.IsLocked);
            Assert.IsFalse(rig.Security.Lock.HasUnlockCode, "the bricking path (set a code, lock) is closed");
            rig.Run("login " + Code);
            Assert.AreEqual("error: no unlock code set; set one first with set-unlock-code", rig.RunOne("lock"));
            rig.Run("set-unlock-code 80417263");
            Assert.AreEqual("ok: terminal locked", rig.RunOne("lock"));
        }

        [TestMethod]
        public void AResetPasswordMustBeChangedAtTheNextLogin()
        {
            var rig = new ConsoleRig();
            rig.Security.ChangePassword("246813");
            Assert.AreEqual("error: weak password: not an ascending or descending run", rig.RunOne("reset-password 123456"));
            Assert.AreEqual("ok: operator password replaced; it must be changed at the next login", rig.RunOne("reset-password 581302"));
            Assert.AreEqual(LoginOutcome.WrongPassword, rig.Commands.OperatorLogin("246813"));
            Assert.AreEqual(LoginOutcome.AcceptedMustChange, rig.Commands.OperatorLogin("581302"));
            StringAssert.Contains(string.Join("\n", rig.Security.Audit.ConsoleLines(5)), "password-reset ok");
        }

        [TestMethod]
        public void EveryConsoleCommandIsAnOperationOfTheTable()
        {
            var rig = new ConsoleRig();
            foreach (ConsoleCommand command in rig.Console.Commands)
            {
                if (command.Name == "help") continue;
                Assert.IsNotNull(Authorization.Of(command.Operation), command.Name);
            }
        }
    }
}

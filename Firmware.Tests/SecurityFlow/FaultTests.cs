using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Storage;
using PosTerminal.Firmware.Tests.Flow;
using PosTerminal.Firmware.Text;

namespace PosTerminal.Firmware.Tests.SecurityFlow
{
    /// <summary>
    /// Issue 9 item 9, never dead: a flash I/O error or a full store on any screen never stops
    /// the terminal. The operator sees System error (or the screen's own Storage full), the
    /// terminal goes back to idle, a fault that keeps coming shows the service screen, and the
    /// console keeps working and shows the last fault.
    /// </summary>
    [TestClass]
    public sealed class FaultTests
    {
        /// <summary>From a logged-in settings screen: the keys to each screen.</summary>
        private static readonly string[][] Screens =
        {
            new[] { "idle", "CANCEL" },
            new[] { "login", "CANCEL MENU" },
            new[] { "message", "CANCEL MENU 000000 ENTER" },
            new[] { "settings", "" },
            new[] { "bindings", "1" },
            new[] { "new-binding", "1 1" },
            new[] { "binding-entry", "1 1 1" },
            new[] { "card-entry", "1 1 2" },
            new[] { "binding-review", "1 1 3 " + TerminalDriver.Serial + " ENTER" },
            new[] { "binding", "1 2" },
            new[] { "deregister-confirm", "1 2 1" },
            new[] { "deregister-password", "1 2 1 ENTER" },
            new[] { "change-password", "2" },
            new[] { "language", "3" },
            new[] { "device-info", "4" },
            new[] { "audit-log", "5" },
            new[] { "password-age", "6" },
            new[] { "buzzer", "7" },
        };

        private static readonly string[] Probes = { "ENTER", "1", "2", TerminalDriver.Password + " ENTER", "24681357 ENTER", "DOWN ENTER", "CANCEL" };

        private static TerminalDriver Ready()
        {
            var t = new TerminalDriver(Language.English);
            t.Technician().FirstLogin().OpenBindings().BindCard(TerminalDriver.Card16).Keys("CANCEL");
            return t;
        }

        [TestMethod]
        public void AFlashErrorOnEveryScreenLeavesTheTerminalRunning()
        {
            foreach (string[] screen in Screens)
            {
                foreach (string probe in Probes)
                {
                    var t = Ready();
                    t.Keys(screen[1]).Expect(screen[0]);
                    t.Board.FaultyFlash.FailNext = 1;
                    t.Board.FaultyFlash.WritesOnly = true;
                    t.Keys(probe);
                    string id = t.Id;
                    t.Board.FaultyFlash.Heal();
                    t.Keys("wait 4");
                    Assert.IsTrue(t.Board.PoweredOn);
                    if (t.Board.FaultyFlash.Failures > 0 && id == "system-error")
                    {
                        StringAssert.Contains(string.Join("\n", t.Technician().Console("status")), "last fault:");
                    }
                    // Still a working terminal: back to idle, log in, the binding intact.
                    t.Keys("CANCEL CANCEL CANCEL CANCEL CANCEL CANCEL").Expect("idle");
                    t.Login().OpenBindings().Expect("bindings");
                    Assert.AreEqual(1, t.StoredBindings().Length, screen[0] + " " + probe);
                }
            }
        }

        [TestMethod]
        public void AFlashErrorOnTheLockedScreenLeavesItLocked()
        {
            var t = Ready();
            t.Console("set-unlock-code 80417263");
            t.Console("lock");
            t.Expect("locked");
            t.Board.FaultyFlash.FailNext = 1;
            t.Board.FaultyFlash.WritesOnly = true;
            t.Keys("11223344 ENTER");
            t.Board.FaultyFlash.Heal();
            t.Keys("wait 4").Expect("locked");
            t.Keys("80417263 ENTER").Expect("message", "Unlocked");
        }

        [TestMethod]
        public void AFaultShowsSystemErrorThenIdleAndIsInTheLog()
        {
            var t = Ready();
            t.Keys("3");
            t.Board.FaultyFlash.FailNext = 1;
            t.Board.FaultyFlash.WritesOnly = true;
            t.Keys("2").Expect("system-error", "System error");
            Assert.IsFalse(t.Terminal.SessionOpen, "the session ends");
            t.Keys("wait 3").Expect("idle");
            string[] status = t.Technician().Console("status");
            Assert.IsTrue(status.Any(l => l.StartsWith("last fault: boot 1 ") && l.Contains("IOException")), string.Join("\n", status));
            StringAssert.Contains(string.Join("\n", t.Console("log 3")), "fault failed IOException");
        }

        [TestMethod]
        public void AFaultThatKeepsComingShowsTheServiceScreenAndTheConsoleStillWorks()
        {
            var t = Ready();
            t.Board.FaultyFlash.FailAll = true;
            t.Board.FaultyFlash.WritesOnly = true;
            t.Keys("3 2").Expect("system-error");
            t.Keys("MENU MENU " + TerminalDriver.Password + " ENTER").Expect("system-error");
            t.Keys("MENU MENU " + TerminalDriver.Password + " ENTER").Expect("service", "Service needed", "Console works");
            t.Keys("MENU 1 ENTER").Expect("service");
            Assert.AreEqual("bindings: 1", t.Console("bindings").Last(), "the console answers");
            Assert.IsTrue(t.Console("status").Any(l => l.StartsWith("last fault: ")));
            t.Board.FaultyFlash.Heal();
            t.Keys("reboot").Expect("idle");
            t.Login();
        }

        [TestMethod]
        public void AFlashErrorWhileReactivatingLeavesThePauseAndTheTerminalRunning()
        {
            var t = Ready();
            t.Keys("8").Expect("message", "Paused");
            t.Keys("ENTER").Expect("idle", "Paused");
            t.Login().Keys("8").Expect("reactivate-password");
            t.Board.FaultyFlash.FailNext = 1;
            t.Board.FaultyFlash.WritesOnly = true;
            t.Keys(TerminalDriver.Password + " ENTER").Expect("system-error");
            t.Board.FaultyFlash.Heal();
            t.Keys("wait 4").Expect("idle", "Paused");
            Assert.IsTrue(t.Terminal.Lifecycle.IsPaused, "the attempt failed before anything changed");
            t.Login().Keys("8 " + TerminalDriver.Password + " ENTER").Expect("message", "Active again");
            Assert.IsFalse(t.Terminal.Lifecycle.IsPaused);
        }

        /// <summary>A power cut is the end of the program, not a fault: it passes every guard of Terminal.Poll (console, fleet, screen).</summary>
        [TestMethod]
        public void APowerCutIsNeverCaughtAsAFault()
        {
            var t = Ready();
            t.Board.Flash.ScheduleCut(1);
            t.Console("set-time 2026-11-25T10:00:00Z");   // the console's pass writes (the clock's record)
            Assert.IsFalse(t.Board.PoweredOn, "the console's guard let the cut through");
            t.Keys("reboot").Expect("idle");
            t.Board.Flash.ScheduleCut(1);
            t.Keys("MENU " + TerminalDriver.Password + " ENTER");   // the login's attempt is written first
            Assert.IsFalse(t.Board.PoweredOn, "the screen's guard let the cut through");
            t.Keys("reboot").Expect("idle");
            string status = string.Join("\n", t.Technician().Console("status"));
            Assert.IsFalse(status.Contains("last fault"), status);
        }

        [TestMethod]
        public void AFullStoreOnEveryScreenSaysStorageFullAndChangesNothing()
        {
            foreach (string[] screen in Screens)
            {
                var t = Ready();
                Fill(t.Terminal.Store);
                t.Keys(screen[1]).Expect(screen[0]);
                byte[] before = t.FlashImage();
                foreach (string probe in Probes) t.Keys(probe);
                Assert.IsTrue(t.Board.PoweredOn);
                Assert.AreEqual(1, t.StoredBindings().Length, screen[0]);
                t.Keys("CANCEL CANCEL CANCEL CANCEL CANCEL CANCEL").Expect("idle");
            }
        }

        [TestMethod]
        public void AFullStoreRefusesABindingWithItsMessage()
        {
            var t = Ready();
            Fill(t.Terminal.Store);
            t.Keys("1 1 3 " + TerminalDriver.Serial + " ENTER ENTER").Expect("message", "Storage full", "Call support");
            Assert.AreEqual(1, t.StoredBindings().Length);
        }

        // Fills the store with records of keys the firmware does not use, until it refuses one.
        private static void Fill(IRecordStore store)
        {
            for (int key = 0x7000; ; key++)
            {
                try
                {
                    store.Write(key, new byte[200]);
                }
                catch (StoreFullException)
                {
                    for (int small = 0x7F00; ; small++)
                    {
                        try { store.Write(small, new byte[1]); }
                        catch (StoreFullException) { return; }
                    }
                }
            }
        }
    }
}

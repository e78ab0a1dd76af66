using System.Collections.Generic;
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
        /// <summary>
        /// Every screen id of README.md "Screen ids": from the logged-in settings screen, the way
        /// there (keys; "> line" a console line; "!fault" a flash error caught on the language
        /// screen; "!service" the same fault three times), then keys there that write to flash
        /// and the place the failing write is raised (Terminal.LastFaultPlace: the screen, or
        /// checking for the derivations behind it), or null where no key writes (only the
        /// console's line does). checking is never at rest: it is the place of the rows that derive.
        /// </summary>
        private static readonly string[][] Screens =
        {
            new[] { "idle", "CANCEL", "MENU " + TerminalDriver.Password + " ENTER", "checking" },
            new[] { "login", "CANCEL MENU", TerminalDriver.Password + " ENTER", "checking" },
            new[] { "message", "CANCEL MENU 000000 ENTER", TerminalDriver.Password + " ENTER", "checking" },
            new[] { "settings", "", "8", "settings" },
            new[] { "bindings", "1", null, null },
            new[] { "new-binding", "1 1", null, null },
            new[] { "binding-entry", "1 1 1", null, null },
            new[] { "card-entry", "1 1 2", null, null },
            new[] { "binding-review", "1 1 3 " + TerminalDriver.Serial + " ENTER", "ENTER", "binding-review" },
            new[] { "binding", "1 2", null, null },
            new[] { "deregister-confirm", "1 2 1", null, null },
            new[] { "deregister-password", "1 2 1 ENTER", TerminalDriver.Password + " ENTER", "checking" },
            new[] { "change-password", "2", "246813 ENTER 246813 ENTER", "checking" },
            new[] { "language", "3", "2", "language" },
            new[] { "device-info", "4", null, null },
            new[] { "audit-log", "5", null, null },
            new[] { "password-age", "6", "90 ENTER", "password-age" },
            new[] { "buzzer", "7", "2", "buzzer" },
            new[] { "reactivate-password", "8 ENTER MENU " + TerminalDriver.Password + " ENTER 8", TerminalDriver.Password + " ENTER", "checking" },
            new[] { "session-warning", "wait 51", null, null },
            new[] { "locked", "> set-unlock-code 80417263 | > lock", "11223344 ENTER", "checking" },
            new[] { "system-error", "!fault", null, null },
            new[] { "service", "!service", null, null },
        };

        /// <summary>A console line that writes (the clock's record) on any screen: the console's guard catches its failure.</summary>
        private const string ConsoleWrite = "set-time 2026-11-25T10:00:00Z";

        /// <summary>Bad and good input of every kind, for the full store.</summary>
        private static readonly string[] Probes = { "ENTER", "1", "2", TerminalDriver.Password + " ENTER", "24681357 ENTER", "DOWN ENTER", "90 ENTER", "CANCEL" };

        private static TerminalDriver Ready()
        {
            var t = new TerminalDriver(Language.English);
            t.Technician().FirstLogin().OpenBindings().BindCard(TerminalDriver.Card16).Keys("CANCEL");
            return t;
        }

        /// <summary>From settings to the screen of row (see Screens).</summary>
        private static TerminalDriver Go(TerminalDriver t, string[] row)
        {
            foreach (string step in row[1].Split('|'))
            {
                string s = step.Trim();
                if (s.StartsWith(">")) t.Console(s.Substring(1).Trim());
                else if (s == "!fault" || s == "!service")
                {
                    t.Board.FaultyFlash.WritesOnly = true;
                    t.Board.FaultyFlash.FailAll = true;
                    t.Keys("3 2").Expect("system-error");
                    if (s == "!service")
                    {
                        for (int i = 0; i < 3; i++) t.Keys("MENU MENU " + TerminalDriver.Password + " ENTER");
                    }
                    t.Board.FaultyFlash.Heal();
                }
                else t.Keys(s);
            }
            return t.Expect(row[0]);
        }

        /// <summary>Back from any screen to a working terminal: idle, a login, the binding intact.</summary>
        private static void StillWorks(TerminalDriver t, string what)
        {
            if (t.Id == "service") t.Keys("reboot");
            if (t.Id == "locked") t.Keys("80417263 ENTER").Expect("message", "Unlocked");
            t.Keys("CANCEL CANCEL CANCEL CANCEL CANCEL CANCEL").Expect("idle");
            t.Login().OpenBindings().Expect("bindings");
            Assert.AreEqual(1, t.StoredBindings().Length, what);
        }

        [TestMethod]
        public void EveryScreenIdIsCovered()
        {
            string readme = System.IO.File.ReadAllText(System.IO.Path.Combine(TestPaths.RepoRoot, "README.md"));
            int from = readme.IndexOf("Screen ids (printed by `screen`):", System.StringComparison.Ordinal);
            int to = readme.IndexOf("\n\n", from, System.StringComparison.Ordinal);
            string text = System.Text.RegularExpressions.Regex.Replace(readme.Substring(from, to - from), @"\([^()]*\)", "");
            string[] ids = text.Substring(text.IndexOf(':') + 1).Split(new[] { ',', ' ', '\n', '.' }, System.StringSplitOptions.RemoveEmptyEntries);
            Assert.IsGreaterThan(20, ids.Length, string.Join(" ", ids));
            var covered = Screens.Select(r => r[0]).Concat(Screens.Select(r => r[3])).ToHashSet();
            foreach (string id in ids) Assert.IsTrue(covered.Contains(id), "no fault test on " + id);
        }

        /// <summary>
        /// On every screen: a flash write that fails (its own key's write where a key writes
        /// there, and a console line's), each injected failure seen to fire, caught where it was
        /// raised, shown (System error; the locked and service screens stay), in status, and the
        /// terminal works on.
        /// </summary>
        [TestMethod]
        public void AFlashErrorOnEveryScreenLeavesTheTerminalRunning()
        {
            foreach (string[] row in Screens)
            {
                // Locked, the console takes no set-time: a wrong unlock code's try is its write.
                string line = row[0] == "locked" ? "unlock 11223344" : ConsoleWrite;
                var probes = new List<string[]> { new[] { "> " + line, Terminal.ConsolePlace } };
                if (row[2] != null) probes.Add(new[] { row[2], row[3] });
                foreach (string[] probe in probes)
                {
                    string what = row[0] + " / " + probe[0];
                    var t = Go(Ready(), row);
                    t.Board.FaultyFlash.FailNext = 1;
                    t.Board.FaultyFlash.WritesOnly = true;
                    int failures = t.Board.FaultyFlash.Failures;
                    if (probe[0].StartsWith(">")) t.Console(probe[0].Substring(1).Trim());
                    else t.Keys(probe[0]);
                    Assert.AreEqual(failures + 1, t.Board.FaultyFlash.Failures, what + ": the injected error fired");
                    Assert.AreEqual(probe[1], t.Terminal.LastFaultPlace, what + ": caught where it was raised");
                    // Locked, the locked screen comes back in the same pass (Terminal.FollowLock) or at once after System error.
                    if (row[0] == "service") t.Expect("service");
                    else if (row[0] != "locked" || t.Id != "locked") t.Expect("system-error", "System error");
                    t.Board.FaultyFlash.Heal();
                    t.Keys("wait 4");
                    Assert.IsTrue(t.Board.PoweredOn, what);
                    Assert.AreEqual(row[0] == "service" || row[0] == "locked" ? row[0] : "idle", t.Id, what);
                    string status = string.Join("\n", t.Technician().Console("status"));
                    StringAssert.Contains(status, "last fault: boot 1 ", what);
                    StringAssert.Contains(status, "IOException", what);
                    StillWorks(t, what);
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

        /// <summary>A flash that fails every write: the language's write, then logins; the third failing login is the third same fault.</summary>
        [TestMethod]
        public void AFaultThatKeepsComingShowsTheServiceScreenAndTheConsoleStillWorks()
        {
            var t = Ready();
            t.Board.FaultyFlash.FailAll = true;
            t.Board.FaultyFlash.WritesOnly = true;
            t.Keys("3 2").Expect("system-error");
            Assert.AreEqual("language", t.Terminal.LastFaultPlace);
            t.Keys("MENU MENU " + TerminalDriver.Password + " ENTER").Expect("system-error");
            Assert.AreEqual("checking", t.Terminal.LastFaultPlace, "the login's attempt record, written behind Checking...");
            t.Keys("MENU MENU " + TerminalDriver.Password + " ENTER").Expect("system-error", "System error");
            t.Keys("MENU MENU " + TerminalDriver.Password + " ENTER").Expect("service", "Service needed", "Console works");
            t.Keys("MENU 1 ENTER").Expect("service");
            t.Keys("wait 4").Expect("service");
            Assert.AreEqual("bindings: 1", t.Console("bindings").Last(), "the console answers");
            Assert.IsTrue(t.Console("status").Any(l => l.StartsWith("last fault: ")));
            t.Console(ConsoleWrite);
            t.Expect("service"); // a further fault (the console's write) keeps it there
            t.Board.FaultyFlash.Heal();
            t.Keys("reboot").Expect("idle");
            t.Login();
        }

        /// <summary>From settings: to the screen by keys, then the keys whose write fails once, with error (null: IOException). Ends on what the fault shows.</summary>
        private static TerminalDriver FailOnce(TerminalDriver t, string to, string write, string place, System.Func<string, int, System.Exception> error = null)
        {
            t.Keys(to);
            t.Board.FaultyFlash.Error = error;
            t.Board.FaultyFlash.FailNext = 1;
            t.Board.FaultyFlash.WritesOnly = true;
            int failures = t.Board.FaultyFlash.Failures;
            t.Keys(write);
            Assert.AreEqual(failures + 1, t.Board.FaultyFlash.Failures, "the injected error fired");
            Assert.AreEqual(place, t.Terminal.LastFaultPlace);
            t.Board.FaultyFlash.Heal();
            return t;
        }

        /// <summary>Issue 9: only the same fault repeating shows the service screen; another type or another place is another fault.</summary>
        [TestMethod]
        public void ThreeDifferentFaultsInAMinuteEachShowSystemErrorThenIdle()
        {
            var t = Ready();
            long start = t.Board.Clock.UptimeMs;
            FailOnce(t, "3", "2", "language").Expect("system-error", "System error").Keys("wait 4").Expect("idle");
            FailOnce(t.Login(), "7", "2", "buzzer").Expect("system-error", "System error").Keys("wait 4").Expect("idle");
            FailOnce(t.Login(), "3", "2", "language", (what, at) => new System.TimeoutException("injected " + what))
                .Expect("system-error", "System error").Keys("wait 4").Expect("idle");
            Assert.IsLessThan(Terminal.FaultWindowMs, t.Board.Clock.UptimeMs - start, "all three within a minute");
            StringAssert.Contains(string.Join("\n", t.Technician().Console("status")), "TimeoutException");
            StillWorks(t, "after three different faults");
        }

        [TestMethod]
        public void TheSameFaultThreeTimesInAMinuteShowsTheServiceScreen()
        {
            var t = Ready();
            long start = t.Board.Clock.UptimeMs;
            FailOnce(t, "3", "2", "language").Expect("system-error").Keys("wait 4").Expect("idle");
            FailOnce(t.Login(), "3", "2", "language").Expect("system-error").Keys("wait 4").Expect("idle");
            FailOnce(t.Login(), "3", "2", "language").Expect("service", "Service needed", "Console works");
            Assert.IsLessThan(Terminal.FaultWindowMs, t.Board.Clock.UptimeMs - start);
            t.Keys("wait 4 MENU").Expect("service");
            Assert.AreEqual("bindings: 1", t.Technician().Console("bindings").Last(), "the console answers");
        }

        [TestMethod]
        public void TheSameFaultAMinuteLaterStartsOver()
        {
            var t = Ready();
            FailOnce(t, "3", "2", "language").Expect("system-error").Keys("wait 4").Expect("idle");
            FailOnce(t.Login(), "3", "2", "language").Expect("system-error").Keys("wait 4").Expect("idle");
            t.Keys("wait 61");
            FailOnce(t.Login(), "3", "2", "language").Expect("system-error", "System error").Keys("wait 4").Expect("idle");
            FailOnce(t.Login(), "3", "2", "language").Expect("system-error").Keys("wait 4").Expect("idle");
            FailOnce(t.Login(), "3", "2", "language").Expect("service");
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

        /// <summary>
        /// On every screen, with the store full: every kind of input, and each screen's own
        /// writing keys. Every record the firmware keeps is compared before and after: none is
        /// added or resized (the flash bytes may change: compaction), and the LCD tells
        /// the outcome of the screen's own write.
        /// </summary>
        [TestMethod]
        public void AFullStoreOnEveryScreenSaysStorageFullAndChangesNothing()
        {
            foreach (string[] row in Screens)
            {
                var keys = new List<string>(Probes);
                if (row[2] != null) keys.Add(row[2]);
                foreach (string probe in keys)
                {
                    string what = row[0] + " / " + probe;
                    var t = Go(Ready(), row);
                    Fill(t.Terminal.Store);
                    byte[] before = t.FlashImage();
                    Dictionary<int, string> records = Records(t);
                    int loginTries = t.Terminal.Commands.LoginTriesBeforeLock;
                    t.Keys(probe);
                    Assert.IsTrue(t.Board.PoweredOn, what);
                    // No record is added and none changes size: a full store refuses anything new (the
                    // fault's own audit entry and last-fault record too). What it still takes is a
                    // record rewritten at its own size, into the space its older version frees (a
                    // guard's count of tries, a setting, an audit ring slot), or a record deleted.
                    Dictionary<int, string> now = Records(t);
                    CollectionAssert.IsSubsetOf(now.Keys.ToArray(), records.Keys.ToArray(), what + ": a record added");
                    foreach (int key in now.Keys)
                    {
                        Assert.AreEqual(records[key].Length, now[key].Length, what + ": record " + key.ToString("X2") + " changed size");
                    }
                    if (now.Count < records.Count) Assert.AreEqual("message", t.Id, what + ": a record deleted (reactivation) is told done");
                    if (records[RecordKeys.LoginGuard] != now[RecordKeys.LoginGuard])
                        Assert.AreNotEqual(loginTries, t.Terminal.Commands.LoginTriesBeforeLock, what + ": the login guard's record is its tries");
                    if (probe == row[2] && row[3] != "checking")
                    {
                        // The LCD tells the outcome: refused (Storage full, System error), or done when
                        // the record fitted in its older version's space (then checked above).
                        bool refused = t.Screen.Contains("Storage full") || t.Id == "system-error" || t.Id == "service";
                        bool told = refused || t.Id == "message" || t.Screen.Contains("Saved");
                        Assert.IsTrue(told, what + ": the outcome on the LCD\n" + t.Screen);
                    }
                    Assert.AreEqual(1, t.StoredBindings().Length, what);
                }
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

        /// <summary>Every record the firmware can write (keys below 0x100), hex, as a freshly booted store reads them.</summary>
        private static Dictionary<int, string> Records(TerminalDriver t)
        {
            var store = new LogStore(t.Board.Flash.Snapshot());
            var records = new Dictionary<int, string>();
            for (int key = 0; key < 0x100; key++)
            {
                byte[] value = store.Read(key);
                if (value != null) records[key] = System.Convert.ToHexString(value) + (store.IsDamaged(key) ? " damaged" : "");
            }
            return records;
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

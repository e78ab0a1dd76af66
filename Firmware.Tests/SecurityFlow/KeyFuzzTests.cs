using System;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Ui;
using PosTerminal.Hal;
using PosTerminal.Tools.Checks.Security;

namespace PosTerminal.Firmware.Tests.SecurityFlow
{
    /// <summary>
    /// Random keys with random reboots: no exception, no screen behind the login without the
    /// password, no deregistration without its confirmation. 1,000,000 keys take about 20 s
    /// on the fast board, so the normal run presses them all.
    /// </summary>
    [TestClass]
    public sealed class KeyFuzzTests
    {
        public const long KeyCount = 1000000;

        [TestMethod]
        public void RandomKeysNeverBreakTheRules()
        {
            FuzzReport report = KeyFuzz.Run(KeyCount, 20261125);
            Console.WriteLine(report);
            Assert.AreEqual(0, report.Violations.Count, string.Join("\n", report.Violations));
            Assert.AreEqual(KeyCount, report.Keys);
            // The run must have reached what it checks, or it proves nothing.
            Assert.IsTrue(report.Logins > 100, report.ToString());
            Assert.IsTrue(report.Deregistrations > 10, report.ToString());
            Assert.IsTrue(report.Reboots > 20, report.ToString());
            Assert.IsTrue(report.ScreensBehindLogin.Count >= 10, string.Join(", ", report.ScreensBehindLogin));
        }

        /// <summary>
        /// The fuzz's "N of M screens behind the login" counts against its own list: every
        /// screen id the firmware has (Firmware/Ui, read from the source) is in exactly one of
        /// its two lists, so a new screen cannot go unwatched or uncounted.
        /// </summary>
        [TestMethod]
        public void TheFuzzClassifiesEveryScreenTheFirmwareHas()
        {
            var ids = new System.Collections.Generic.SortedSet<string>(StringComparer.Ordinal);
            foreach (string file in System.IO.Directory.GetFiles(System.IO.Path.Combine(TestPaths.RepoRoot, "Firmware", "Ui"), "*.cs"))
            {
                foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(System.IO.File.ReadAllText(file),
                    @"override string Id \{ get \{ return ""([a-z-]+)""; \} \}"))
                    ids.Add(m.Groups[1].Value);
            }
            Assert.AreEqual(24, ids.Count, string.Join(", ", ids));
            CollectionAssert.AreEquivalent(ids.ToArray(), KeyFuzz.BehindLogin.Concat(KeyFuzz.OutsideLogin).ToArray());
        }

        [TestMethod]
        public void TheFuzzNoticesSettingsWithoutALogin()
        {
            var fuzz = new KeyFuzz(7);
            Assert.AreEqual("idle", fuzz.Board.ScreenId);
            fuzz.Board.Terminal.Show(new SettingsScreen(fuzz.Board.Terminal)); // a backdoor
            fuzz.Press(Key.Down);
            Assert.AreEqual(1, fuzz.Report.Violations.Count);
            StringAssert.Contains(fuzz.Report.Violations[0], "settings shown without the password");
        }

        [TestMethod]
        public void TheFuzzNoticesADeregistrationWithoutItsConfirmation()
        {
            var fuzz = new KeyFuzz(7);
            Terminal terminal = fuzz.Board.Terminal;
            var batch = new Storage.RecordBatch();
            int slot;
            terminal.Bindings.StageAdd(batch, new Binding(BindingKind.Device, "12345678", null), out slot);
            terminal.Store.Commit(batch);
            terminal.Bindings.Added(slot, new Binding(BindingKind.Device, "12345678", null));
            terminal.Show(new DeregisteringScreen(terminal));
            fuzz.Press(Key.Down);
            Assert.AreEqual(1, fuzz.Report.Violations.Count);
            StringAssert.Contains(fuzz.Report.Violations[0], "a binding disappeared after DOWN on buggy");
        }

        /// <summary>A screen with the bug the fuzz looks for: any key deregisters.</summary>
        private sealed class DeregisteringScreen : Screen
        {
            private readonly Terminal _terminal;

            public DeregisteringScreen(Terminal terminal) : base(terminal) { _terminal = terminal; }

            public override string Id { get { return "buggy"; } }

            public override void Render(Frame frame) { }

            public override void OnKey(Key key)
            {
                _terminal.Store.Delete(Storage.RecordKeys.FirstBinding);
                _terminal.Bindings.Removed(0);
            }
        }
    }
}

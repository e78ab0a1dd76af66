using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Storage;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Flash;
using PosTerminal.Tools.Checks.Security;

namespace PosTerminal.Firmware.Tests.SecurityFlow
{
    /// <summary>
    /// Backup and restore on the simulated terminal, through its console held to the device
    /// UART's 200 characters: forged documents refused by field with the flash untouched; the
    /// terminal's own backup restores; cards are kept; another terminal's needs 'restore foreign'.
    /// </summary>
    [TestClass]
    public sealed class RestoreTamperTests
    {
        [TestMethod]
        public void EveryForgedOrMalformedBackupIsRefusedByFieldAndTheFlashIsUntouched()
        {
            var probe = new RestoreProbe();
            var problems = new List<string>();
            foreach (string[] c in RestoreProbe.Cases)
            {
                string problem = probe.Check(c[0], c[1]);
                if (problem != null) problems.Add(problem);
            }
            Assert.AreEqual(0, problems.Count, string.Join("\n", problems));
        }

        [TestMethod]
        public void TheProbeNoticesABackupThatIsTaken()
        {
            var probe = new RestoreProbe();
            string problem = probe.CheckRefused("own", probe.Backup, "End.Mac");
            StringAssert.StartsWith(problem, "own: not refused: ");
            StringAssert.Contains(problem, "restore preview");
        }

        [TestMethod]
        public void ABackupThroughA200CharacterConsoleRestoresTheSameBindingsAndSettings()
        {
            EventBoard board = RestoreProbe.BoundBoard("PT000001");
            Assert.AreEqual(200, board.ConsolePort.MaxLineChars, "the device UART's limit");
            board.SendConsoleLine("set-time 2026-11-25T10:00:00Z");
            board.PressKeys("MENU 135790 ENTER 6 30 ENTER ENTER CANCEL CANCEL");
            string[] before = Terminal.DescribeStoredBindings(board.Flash.Snapshot());
            string[] backup = board.SendConsoleLine("backup");
            Assert.IsTrue(backup.All(l => l.Length <= 200));
            Assert.AreEqual(30, board.Terminal.Security.Policy.MaxAgeDays);

            board.SendConsoleLine("factory-reset");
            board.SendConsoleLine("factory-reset confirm");
            Assert.AreEqual(0, board.Terminal.Bindings.Count);
            Assert.AreEqual(90, board.Terminal.Security.Policy.MaxAgeDays);

            board.SendConsoleLine("restore");
            var output = new List<string>();
            foreach (string line in backup) output.AddRange(board.SendConsoleLine(line));
            Assert.AreEqual("type 'restore confirm' to apply it; any other line cancels", output.Last(), string.Join("\n", output));
            StringAssert.Contains(output[0], "backup of PT000001 made 2026-11-25T10:00:00Z, Mac verified");
            CollectionAssert.AreEqual(new[]
            {
                "card 6222 **** **** 7894: not restored (backups hold cards only truncated); bind it again by swiping",
                "ok: restored",
            }, board.SendConsoleLine("restore confirm"));

            board.Reboot();
            Technician.LogIn(board);
            CollectionAssert.AreEqual(before.Where(b => !b.StartsWith("card")).ToArray(),
                Terminal.DescribeStoredBindings(board.Flash.Snapshot()), "the merchant and the device, from flash");
            Assert.AreEqual(Text.Language.English, board.Terminal.Settings.Language);
            Assert.AreEqual(30, board.Terminal.Security.Policy.MaxAgeDays);
            StringAssert.Contains(string.Join("\n", board.SendConsoleLine("log 3")), "restore ok 2 bindings");
        }

        [TestMethod]
        public void ALongerLineNeverReachesTheConsole()
        {
            EventBoard board = RestoreProbe.BoundBoard("PT000001");
            CollectionAssert.AreEqual(new[] { "error: line too long (at most 200 characters); nothing was done" }, board.SendConsoleLine("status " + new string('x', 194)));
        }

        [TestMethod]
        public void RestoringOntoTheSameTerminalKeepsItsCards()
        {
            EventBoard board = RestoreProbe.BoundBoard("PT000001");
            string[] backup = board.SendConsoleLine("backup");
            board.PressKeys("MENU 135790 ENTER 1 3 1 ENTER 135790 ENTER ENTER CANCEL CANCEL");   // the device deregistered (the password again)
            board.PressKeys("MENU 135790 ENTER 1 1 2 6228480012345678903 ENTER ENTER ENTER CANCEL CANCEL");   // a second card
            Assert.AreEqual(3, board.Terminal.Bindings.Count, string.Join("\n", Terminal.DescribeStoredBindings(board.Flash.Snapshot())));

            board.SendConsoleLine("restore");
            var preview = new List<string>();
            foreach (string line in backup) preview.AddRange(board.SendConsoleLine(line));
            CollectionAssert.AreEqual(new[]
            {
                "  add device **** 4321",
                "  keep card 6228 **** **** 8903 (cards are never restored or removed)",
                "  keep card 6222 **** **** 7894 (cards are never restored or removed)",
                "  unchanged: 1 binding",
            }, preview.Skip(1).Take(4).ToArray(), string.Join("\n", preview));
            Assert.AreEqual("ok: restored", board.SendConsoleLine("restore confirm").Last());
            board.Reboot();
            CollectionAssert.AreEquivalent(new[]
            {
                "merchant 8981 **** 0001 terminal **** 5678", "device **** 4321", "card 6222 **** **** 7894", "card 6228 **** **** 8903",
            }, Terminal.DescribeStoredBindings(board.Flash.Snapshot()));
        }

        [TestMethod]
        public void AReplacementTerminalTakesTheOldOnesBackupOnlyAsForeign()
        {
            string[] backup = RestoreProbe.BoundBoard("PT000001").SendConsoleLine("backup");
            var replacement = new EventBoard(new SimFlash()) { TerminalId = "PT000002" };
            replacement.PowerOn();
            Technician.Provision(replacement);
            byte[] before = (byte[])replacement.Flash.Image.Clone();

            replacement.SendConsoleLine("restore");
            var output = new List<string>();
            foreach (string line in backup) output.AddRange(replacement.SendConsoleLine(line));
            CollectionAssert.AreEqual(new[]
            {
                "error: restore refused, nothing changed:",
                "  line 1: Header.Terminal: made on PT000001, this is PT000002; only 'restore foreign' takes it",
            }, output);
            CollectionAssert.AreEqual(before, replacement.Flash.Image.ToArray());

            replacement.SendConsoleLine("restore foreign");
            output.Clear();
            foreach (string line in backup) output.AddRange(replacement.SendConsoleLine(line));
            StringAssert.Contains(output[0], "FOREIGN: made on PT000001, this is PT000002");
            Assert.AreEqual("ok: restored", replacement.SendConsoleLine("restore confirm").Last());
            replacement.Reboot();
            Technician.LogIn(replacement);
            CollectionAssert.AreEqual(new[] { "merchant 8981 **** 0001 terminal **** 5678", "device **** 4321" },
                Terminal.DescribeStoredBindings(replacement.Flash.Snapshot()));
            StringAssert.Contains(string.Join("\n", replacement.SendConsoleLine("log 3")), "restore ok foreign PT000001");
        }

        [TestMethod]
        public void TheSecretSurvivesAFactoryResetAndARebootAndStaysOutOfTheBackup()
        {
            EventBoard board = RestoreProbe.BoundBoard("PT000001");
            string key = board.Terminal.Commands.Secret.KeyId;
            byte[] secret = board.Terminal.Store.Read(RecordKeys.TerminalSecret).Skip(1).Take(32).ToArray();
            string[] backup = board.SendConsoleLine("backup");
            board.SendConsoleLine("factory-reset");
            board.SendConsoleLine("factory-reset confirm");
            board.Reboot();
            Technician.LogIn(board);
            Assert.AreEqual(key, board.Terminal.Commands.Secret.KeyId);
            CollectionAssert.Contains(board.SendConsoleLine("status"), "backup secret: ok");
            string hex = System.Convert.ToHexString(secret).ToLowerInvariant();
            Assert.IsFalse(string.Join("\n", backup).Contains(hex.Substring(0, 16)));
            board.SendConsoleLine("restore");
            string preview = string.Join("\n", backup.SelectMany(board.SendConsoleLine));
            StringAssert.Contains(preview, "Mac verified");
        }
    }
}

using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Flash;
using PosTerminal.Tools.Checks.Security;

namespace PosTerminal.Firmware.Tests.SecurityFlow
{
    /// <summary>Restore on the terminal itself: bad documents refused by field with the flash untouched; a good one restores.</summary>
    [TestClass]
    public sealed class RestoreTamperTests
    {
        [TestMethod]
        public void EveryBadDocumentIsRefusedByFieldAndTheFlashIsUntouched()
        {
            var probe = new RestoreProbe();
            foreach (string[] c in RestoreProbe.Cases)
            {
                string problem = probe.Check(c[0], c[1]);
                Assert.IsNull(problem, problem);
            }
        }

        [TestMethod]
        public void TheProbeNoticesADocumentThatIsAccepted()
        {
            var probe = new RestoreProbe();
            StringAssert.StartsWith(probe.CheckRefused("untouched", probe.Backup, "Checksum"), "untouched: not refused");
        }

        [TestMethod]
        public void TheUntouchedBackupRestoresMerchantsAndDevicesAndListsTheCards()
        {
            var probe = new RestoreProbe();
            var target = new EventBoard(new SimFlash());
            // One-line backups are longer than the device's console line (see OneLineBackupLimit).
            target.ConsolePort.MaxLineChars = Virtual.Parts.SimConsolePort.OneLineBackupLimit;
            target.PowerOn();
            target.PressKeys("MENU 123456 ENTER 135790 ENTER 135790 ENTER ENTER 1 1 3 11223344 ENTER ENTER ENTER CANCEL CANCEL");
            Assert.AreEqual(1, target.Terminal.Bindings.Count);
            string[] output = target.SendConsoleLine("restore " + probe.Backup);
            CollectionAssert.AreEqual(new[]
            {
                "card 6222********7894: not restored (backups hold no card numbers); bind it again",
                "ok: restored",
            }, output);
            target.Reboot();
            CollectionAssert.AreEqual(new[] { "merchant 8981 **** 0001 terminal **** 5678", "device **** 4321" },
                Terminal.DescribeStoredBindings(target.Flash.Snapshot()));
            Assert.AreEqual(Text.Language.English, target.Terminal.Language, "the backup's language");
            StringAssert.Contains(string.Join("\n", target.SendConsoleLine("log 1")), "restore ok 3 bindings");
        }
    }
}

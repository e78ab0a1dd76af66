using System;
using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Text;
using PosTerminal.Virtual.Flash;

namespace PosTerminal.Firmware.Tests.Flow
{
    /// <summary>Issue 4 item 3: a store repaired at boot is said on the LCD and in the audit log.</summary>
    [TestClass]
    public sealed class StorageNoticeTests
    {
        [TestMethod]
        public void CleanBootShowsTheUsualIdleHint()
        {
            var t = new TerminalDriver(Language.English).FirstLogin().OpenBindings()
                .BindMerchant(TerminalDriver.MerchantNo, TerminalDriver.TerminalNo).Keys("reboot");
            t.Expect("idle", "MENU: settings");
        }

        [TestMethod]
        public void DamagedRecordIsDroppedAndTheTerminalSaysItRepairedTheStore()
        {
            var flash = new SimFlash();
            var t = new TerminalDriver(Language.English, flash).FirstLogin().OpenBindings()
                .BindMerchant(TerminalDriver.MerchantNo, TerminalDriver.TerminalNo);
            Assert.AreEqual(1, t.StoredBindings().Length);

            // Flip one bit inside the binding record's merchant number, as a worn cell would.
            int at = IndexOf(flash.Image, Encoding.ASCII.GetBytes(TerminalDriver.MerchantNo));
            Assert.IsTrue(at >= 0, "the merchant number should be stored as digits");
            flash.Image[at + 3] &= 0xFE;

            t.Keys("reboot").Expect("idle", "Storage repaired", "POS terminal");
            string[] log = t.Terminal.Security.Audit.ConsoleLines(5);
            Assert.IsTrue(log.Any(l => l.Contains("storage", StringComparison.OrdinalIgnoreCase)), string.Join("\n", log));
            t.Keys("5").Expect("idle", "MENU: settings");
        }

        [TestMethod]
        public void FlashWithNothingIntactBootsToFactoryStateAndSaysSo()
        {
            var flash = new SimFlash();
            new Random(7).NextBytes(flash.Image);
            var t = new TerminalDriver(Language.English, flash);
            t.Expect("idle", "Storage reset", "POS terminal");
            t.Keys("MENU 123456 ENTER").Expect("change-password");
        }

        private static int IndexOf(byte[] haystack, byte[] needle)
        {
            for (int i = 0; i + needle.Length <= haystack.Length; i++)
            {
                if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
            }
            return -1;
        }
    }
}

using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Tools.Checks.Security;

namespace PosTerminal.Firmware.Tests.SecurityFlow
{
    /// <summary>No password, unlock code or full card number in the raw flash image or on the console.</summary>
    [TestClass]
    public sealed class FlashSecretTests
    {
        [TestMethod]
        public void ASessionWithEverySecretLeavesNoneInFlashOrOnTheConsole()
        {
            SecretScanReport report = SecretSession.Run();
            Console.WriteLine(report.Output);
            Assert.IsTrue(report.ScriptOk, report.Output);
            Assert.AreEqual(0, report.Found.Count, string.Join("\n", report.Found));
            // The session did what it claims: two cards bound after one was deregistered, a backup, the lock lifted.
            Assert.AreEqual(2, report.Bindings, report.Output);
            StringAssert.Contains(report.Output, "console> ok: terminal locked");
            StringAssert.Contains(report.Output, "\"CardMasked\":\"6228***********8903\"");
            StringAssert.Contains(report.Output, "unlock ok keypad");
            StringAssert.Contains(report.Output, "bindings: 2");
        }

        [TestMethod]
        [DataRow("ascii")]
        [DataRow("utf16le")]
        [DataRow("utf16be")]
        [DataRow("bcd")]
        [DataRow("bcd-swapped")]
        [DataRow("bcd-f-padded")]
        [DataRow("binary-le")]
        [DataRow("binary-be")]
        public void TheScanFindsEachFormItLooksFor(string form)
        {
            const string secret = "6228480012345678903";
            byte[] image = new byte[4096];
            Array.Fill(image, (byte)0xFF);
            Assert.AreEqual(0, SecretScan.Find(image, secret).Count);
            SecretScan.Forms(secret)[form].CopyTo(image, 1001);
            CollectionAssert.Contains(SecretScan.Find(image, secret), form);
        }
    }
}

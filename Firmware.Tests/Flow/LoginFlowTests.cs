using System;
using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Storage;
using PosTerminal.Firmware.Text;

namespace PosTerminal.Firmware.Tests.Flow
{
    /// <summary>idle → login → (forced) change-password → settings, wrong passwords and the lockout.</summary>
    [TestClass]
    public sealed class LoginFlowTests
    {
        [TestMethod]
        public void MenuOnIdleOpensLoginAndDigitsShowAsStars()
        {
            var t = new TerminalDriver(Language.English);
            t.Expect("idle", "ID PT000001").Keys("MENU").Expect("login", "Enter password");
            t.Keys("1234").Expect("login", "****");
            Assert.IsFalse(t.Screen.Contains("1234"), t.Screen);
            t.Keys("CLEAR").Expect("login");
            Assert.AreEqual("***", t.Lines[1]);
        }

        [TestMethod]
        public void OtherKeysOnIdleDoNothing()
        {
            var t = new TerminalDriver();
            t.Keys("1 ENTER CANCEL UP DOWN FN STAR HASH CLEAR").Expect("idle");
        }

        [TestMethod]
        public void FactoryPasswordForcesAChangeBeforeAnythingElse()
        {
            var t = new TerminalDriver(Language.English);
            t.Keys("MENU 123456 ENTER").Expect("change-password", "New password", "Replace default");
            t.Keys("135790 ENTER").Expect("change-password", "Repeat password");
            t.Keys("135790 ENTER").Expect("message", "Password changed");
            t.Keys("ENTER").Expect("settings");
        }

        [TestMethod]
        public void CancellingTheForcedChangeEndsTheSessionAndTheNextLoginForcesItAgain()
        {
            var t = new TerminalDriver();
            byte[] before = t.FlashImage();
            t.Keys("MENU 123456 ENTER CANCEL").Expect("idle");
            Assert.IsFalse(t.Terminal.SessionOpen);
            t.Keys("MENU 123456 ENTER").Expect("change-password");
            t.Keys("135790 ENTER CANCEL").Expect("change-password"); // one level back: the new password again
            Assert.AreEqual(PosTerminal.Firmware.Ui.Frame.Align("输入新密码"), t.Lines[0]);
            t.Keys("CANCEL").Expect("idle");
            Assert.IsTrue(t.Terminal.Security.Password.MustChange);
            CollectionAssert.AreEqual(StoreWithoutSecurityLog(before), StoreWithoutSecurityLog(t.FlashImage()));
        }

        [TestMethod]
        public void ChangedPasswordReplacesTheFactoryOneAcrossReboots()
        {
            var t = new TerminalDriver(Language.English);
            t.FirstLogin().Keys("CANCEL").Expect("idle");
            t.Keys("reboot MENU 123456 ENTER").Expect("message", "Wrong password", "4 tries left");
            t.Keys("ENTER").Login();
        }

        [TestMethod]
        public void StoredPasswordIsASaltedDigestNotTheDigits()
        {
            var t = new TerminalDriver();
            t.FirstLogin();
            byte[] image = t.FlashImage();
            Assert.IsFalse(Contains(image, Encoding.ASCII.GetBytes(TerminalDriver.Password)), "password digits stored in flash");
            byte[] record = t.Terminal.Store.Read(RecordKeys.Password);
            Assert.IsNotNull(record);
            byte[] unsalted = System.Security.Cryptography.SHA256.HashData(Encoding.ASCII.GetBytes(TerminalDriver.Password));
            Assert.IsFalse(Contains(record, unsalted), "the digest must be salted");
        }

        [TestMethod]
        public void WeakNewPasswordsAreRefusedAndNothingIsStored()
        {
            var t = new TerminalDriver(Language.English);
            byte[] before = null;
            t.Keys("MENU 123456 ENTER");
            before = t.FlashImage();
            string[,] cases =
            {
                { "111111", "All digits same" },
                { "234567", "No 123456 runs" },
                { "987654", "No 123456 runs" },
                { "789012", "No 123456 runs" },
                { "12345", "6-12 digits" },
                { "", "6-12 digits" },
            };
            for (int i = 0; i < cases.GetLength(0); i++)
            {
                t.Keys(cases[i, 0] + " ENTER").Expect("message", cases[i, 1]);
                StringAssert.Contains(t.Screen, cases[i, 0].Length < 6 ? "Wrong length" : "Weak password");
                t.Keys("ENTER").Expect("change-password", "New password");
                Assert.AreEqual("", t.Lines[1], "entry cleared");
            }
            CollectionAssert.AreEqual(before, t.FlashImage());
            Assert.IsTrue(t.Terminal.Security.Password.MustChange);
        }

        [TestMethod]
        public void PasswordEntryStopsAtTwelveDigits()
        {
            var t = new TerminalDriver();
            t.Keys("MENU 123456 ENTER 1357913579135").Expect("change-password");
            Assert.AreEqual(new string('*', 12), t.Lines[1]);
        }

        [TestMethod]
        public void MismatchedConfirmationIsRefusedAndNothingIsStored()
        {
            var t = new TerminalDriver(Language.English);
            t.Keys("MENU 123456 ENTER");
            byte[] before = t.FlashImage();
            t.Keys("135790 ENTER 135791 ENTER").Expect("message", "Entries differ", "Enter it again");
            t.Keys("ENTER").Expect("change-password", "New password");
            CollectionAssert.AreEqual(before, t.FlashImage());
            Assert.IsTrue(t.Terminal.Security.Password.MustChange);
        }

        [TestMethod]
        public void PasswordCanBeChangedAgainFromSettings()
        {
            var t = new TerminalDriver(Language.English);
            t.FirstLogin().Keys("2").Expect("change-password", "New password");
            Assert.IsFalse(t.Screen.Contains("Replace default"));
            t.Keys("CANCEL").Expect("settings");
            t.Keys("UP UP DOWN ENTER 24681357 ENTER 24681357 ENTER").Expect("message", "Password changed");
            t.Keys("ENTER").Expect("settings").Keys("CANCEL").Expect("idle");
            t.Keys("MENU 24681357 ENTER").Expect("settings");
        }

        [TestMethod]
        public void WrongPasswordShowsAttemptsLeftAndChangesOnlyTheAttemptCount()
        {
            var t = new TerminalDriver(Language.English);
            t.FirstLogin().Keys("CANCEL");
            byte[] before = t.FlashImage();
            t.Keys("MENU 111111 ENTER").Expect("message", "Wrong password", "4 tries left");
            t.Keys("ENTER").Expect("login", "4 tries left");
            Assert.AreEqual("", t.Lines[1], "entry cleared");
            t.Keys("222222 ENTER").Expect("message", "3 tries left");
            Assert.AreEqual(2, t.Terminal.Security.Guard.FailedCount);
            CollectionAssert.AreEqual(StoreWithoutSecurityLog(before), StoreWithoutSecurityLog(t.FlashImage()));
            t.Keys("ENTER " + TerminalDriver.Password + " ENTER").Expect("settings");
            Assert.AreEqual(0, t.Terminal.Security.Guard.FailedCount);
        }

        [TestMethod]
        public void FiveWrongAttemptsLockLoginsForSixtySecondsOfVirtualTime()
        {
            var t = new TerminalDriver(Language.English);
            t.FirstLogin().Keys("CANCEL MENU");
            for (int i = 0; i < 4; i++) t.Keys("000000 ENTER ENTER");
            t.Keys("000000 ENTER").Expect("message", "Wrong password", "Locked for 1:00");
            t.Keys("ENTER").Expect("login", "Login locked", "Wait 1:00");
            t.Keys(TerminalDriver.Password + " ENTER").Expect("login", "Login locked");
            t.Keys("wait 20").Expect("login", "Wait 0:40");
            t.Keys("CANCEL MENU").Expect("login", "Login locked");
            t.Keys("wait 39").Expect("login", "Wait 0:01");
            t.Keys("wait 1").Expect("login", "Enter password");
            t.Keys(TerminalDriver.Password + " ENTER").Expect("settings");
        }

        [TestMethod]
        public void AttemptCountSurvivesRebootsSoRebootingGivesNoFreeTries()
        {
            var t = new TerminalDriver(Language.English);
            t.FirstLogin().Keys("CANCEL");
            t.Keys("MENU 000000 ENTER ENTER 000000 ENTER ENTER 000000 ENTER ENTER reboot");
            t.Keys("MENU").Expect("login", "2 tries left");
            t.Keys("000000 ENTER ENTER reboot MENU 000000 ENTER").Expect("message", "Locked for 1:00");
            // The lockout resumes after a reboot from its last committed remaining time (every 10 s): never shorter.
            t.Keys("reboot MENU").Expect("login", "Login locked", "Wait 1:00");
            t.Keys("wait 60").Expect("idle"); // the session timeout also ran out
            t.Login();
        }

        private static bool Contains(byte[] haystack, byte[] needle)
        {
            for (int i = 0; i + needle.Length <= haystack.Length; i++)
            {
                if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) return true;
            }
            return false;
        }

        /// <summary>
        /// Every operator record (not the boot count, the attempt count or the audit log, which
        /// a login writes), as a freshly booted terminal's store reads them.
        /// </summary>
        internal static string[] StoreWithoutSecurityLog(byte[] image)
        {
            var flash = new PosTerminal.Virtual.Flash.SimFlash();
            image.CopyTo(flash.Image, 0);
            var board = new PosTerminal.Virtual.EventBoard(flash);
            board.PowerOn();
            IRecordStore store = board.Terminal.Store;
            return Enumerable.Range(0, RecordKeys.BootCount).Concat(new[] { RecordKeys.PasswordAge, RecordKeys.TerminalLock, RecordKeys.UnlockCode })
                .Select(k => k + ":" + (store.Read(k) == null ? "-" : Convert.ToHexString(store.Read(k)))).ToArray();
        }
    }
}

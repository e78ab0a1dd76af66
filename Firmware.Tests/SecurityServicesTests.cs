using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Audit;
using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Storage;
using PosTerminal.Firmware.Tests.Support;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Flash;

namespace PosTerminal.Firmware.Tests
{
    [TestClass]
    public sealed class SecurityServicesTests
    {
        [TestMethod]
        public void FactoryPasswordLogsInOnlyToChangeIt()
        {
            var security = new SecurityServices(new MemoryRecordStore(), new VirtualClock(), new SimCrypto());
            Assert.AreEqual(LoginOutcome.WrongPassword, security.Login("654321"));
            Assert.AreEqual(4, security.Guard.AttemptsLeft);
            Assert.AreEqual(LoginOutcome.AcceptedMustChange, security.Login("123456"));
            Assert.AreEqual(0, security.Guard.FailedCount);
        }

        [TestMethod]
        public void LoginsAreAuditedAndTheFifthFailureLocksOut()
        {
            var crypto = new SimCrypto();
            var security = new SecurityServices(new MemoryRecordStore(), new VirtualClock(), crypto);
            security.Passwords.Replace(PasswordHash.Create(crypto, "246813", 4));
            Assert.AreEqual(LoginOutcome.Accepted, security.Login("246813"));
            for (int i = 0; i < 5; i++) Assert.AreEqual(LoginOutcome.WrongPassword, security.Login("999999"));
            Assert.AreEqual(60000, security.Guard.RemainingLockMs);
            Assert.AreEqual(LoginOutcome.LockedOut, security.Login("246813"));
            AuditEntry[] log = security.Audit.ReadNewestFirst(32);
            Assert.AreEqual(7, log.Length, "refused tries are not logged");
            Assert.AreEqual(AuditEvent.Lockout, log[0].Event);
            Assert.AreEqual("60 s", log[0].Detail);
            Assert.AreEqual(AuditEvent.LoginFailure, log[1].Event);
            Assert.AreEqual("try 5", log[1].Detail);
            Assert.AreEqual(AuditEvent.LoginSuccess, log[6].Event);
        }

        [TestMethod]
        public void ALockedTerminalRefusesLoginsAndFactoryReset()
        {
            var security = new SecurityServices(new MemoryRecordStore(), new VirtualClock(), new SimCrypto());
            security.Lock.SetUnlockCode(null, "80417263", out _);
            security.Lock.Lock(LockSource.Network, "stolen");
            Assert.AreEqual(LoginOutcome.TerminalLocked, security.Login("123456"));
            Assert.AreEqual(0, security.Guard.FailedCount);
            Assert.IsFalse(security.FactoryReset());
        }

        [TestMethod]
        public void AReminderAfterTheMaximumAge()
        {
            var clock = new VirtualClock();
            var crypto = new SimCrypto();
            var security = new SecurityServices(new MemoryRecordStore(), clock, crypto);
            security.SetWallClock(UtcTime.ToUnixSeconds(new System.DateTime(2026, 1, 1)));
            Assert.IsTrue(security.ChangePassword("246813"));
            Assert.AreEqual(SecretProblem.SameAsPrevious, security.CheckNewPassword("246813"));
            Assert.AreEqual(SecretProblem.None, security.CheckNewPassword("246814"));
            clock.AdvanceMicros(90L * 86400 * 1000000);
            Assert.AreEqual(LoginOutcome.AcceptedChangeReminder, security.Login("246813"));
        }

        [TestMethod]
        public void BindingEventsAreLoggedMasked()
        {
            var store = new MemoryRecordStore();
            var security = new SecurityServices(store, new VirtualClock(), new SimCrypto());
            security.BindingAdded("card", "6222020000001234");
            security.BindingDeregistered("merchant", "102030405060708");
            string[] lines = security.Audit.ConsoleLines(2);
            StringAssert.EndsWith(lines[0], "binding-deregistered ok merchant *0708");
            StringAssert.EndsWith(lines[1], "binding-added ok card *1234");
            Assert.IsFalse(Bytes.ContainsText(store.AllBytes(), "6222020000001234"));
        }

        [TestMethod]
        public void EachPowerOnCountsOneBoot()
        {
            var store = new MemoryRecordStore();
            var clock = new VirtualClock();
            for (int boot = 1; boot <= 3; boot++)
            {
                clock.PowerOn();
                Assert.AreEqual((uint)boot, new SecurityServices(store, clock, new SimCrypto()).Boot.Count);
            }
        }

        /// <summary>The raw flash image after a session of security work holds neither the password nor the code.</summary>
        [TestMethod]
        public void TheFlashImageHoldsNoPasswordOrCode()
        {
            var flash = new SimFlash();
            var store = new LogStore(flash);
            var crypto = new SimCrypto();
            var clock = new VirtualClock();
            var security = new SecurityServices(store, clock, crypto);
            security.ChangePassword("52718390");
            security.Login("52718391");
            security.Login("52718390");
            security.Lock.SetUnlockCode(null, "80417263", out _);
            security.Lock.Lock(LockSource.Console, "lost");
            security.Lock.Unlock(LockSource.Console, "80417264");
            security.Lock.Unlock(LockSource.Console, "80417263");
            foreach (string secret in new[] { "52718390", "52718391", "80417263", "80417264" })
            {
                Assert.IsFalse(Bytes.ContainsText(flash.Image, secret), secret + " found in flash");
            }
            Assert.IsTrue(Bytes.ContainsText(flash.Image, "try 1"), "the scan does see plain text (an audit detail)");
        }
    }
}

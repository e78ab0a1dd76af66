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
        public void TheFifthFailureLocksOut()
        {
            var crypto = new SimCrypto();
            var security = new SecurityServices(new MemoryRecordStore(), new VirtualClock(), crypto);
            security.Password.Replace(PasswordHash.Create(crypto, "246813", 4));
            Assert.AreEqual(LoginOutcome.Accepted, security.Login("246813"));
            for (int i = 0; i < 5; i++) Assert.AreEqual(LoginOutcome.WrongPassword, security.Login("999999"));
            Assert.AreEqual(60000, security.Guard.RemainingLockMs);
            Assert.AreEqual(LoginOutcome.LockedOut, security.Login("246813"));
            Assert.AreEqual(0, security.Audit.Count, "the state writes no audit entry: the command layer does");
        }

        [TestMethod]
        public void ALockedTerminalRefusesLogins()
        {
            var security = new SecurityServices(new MemoryRecordStore(), new VirtualClock(), new SimCrypto());
            security.Lock.SetUnlockCode(null, "80417263", out _);
            security.Lock.Lock(LockSource.Network, "stolen");
            Assert.AreEqual(LoginOutcome.TerminalLocked, security.Login("123456"));
            Assert.AreEqual(0, security.Guard.FailedCount);
        }

        [TestMethod]
        public void ADamagedPasswordNeedsService()
        {
            var store = new MemoryRecordStore();
            var crypto = new SimCrypto();
            new SecurityServices(store, new VirtualClock(), crypto).ChangePassword("246813");
            store.Damaged.Add(RecordKeys.Password);
            var security = new SecurityServices(store, new VirtualClock(), crypto);
            Assert.AreEqual(LoginOutcome.ServiceNeeded, security.Login("246813"));
            Assert.AreEqual(LoginOutcome.ServiceNeeded, security.Login("123456"));
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
            security.Lock.Unlock("80417264");
            security.Lock.Unlock("80417263");
            foreach (string secret in new[] { "52718390", "52718391", "80417263", "80417264" })
            {
                Assert.IsFalse(Bytes.ContainsText(flash.Image, secret), secret + " found in flash");
            }
            security.Audit.Record(AuditEvent.LoginFailure, AuditOutcome.Failed, "try 1");
            Assert.IsTrue(Bytes.ContainsText(flash.Image, "try 1"), "the scan does see plain text (an audit detail)");
        }
    }
}

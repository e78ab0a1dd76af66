using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Storage;
using PosTerminal.Firmware.Tests.Support;
using PosTerminal.Virtual;

namespace PosTerminal.Firmware.Tests
{
    [TestClass]
    public sealed class PasswordPolicyTests
    {
        private static readonly DateTime Noon = new DateTime(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);
        private const long Day = 86400L * 1000000;

        [TestMethod]
        [DataRow("135790", SecretProblem.None)]
        [DataRow("890123", SecretProblem.Run)]
        [DataRow("321098", SecretProblem.Run)]
        [DataRow("891234", SecretProblem.None)]
        [DataRow("902468135791", SecretProblem.None)]
        [DataRow("12345a", SecretProblem.NotDigits)]
        [DataRow("", SecretProblem.NotDigits)]
        [DataRow("１２３４５６", SecretProblem.NotDigits)]
        [DataRow("13579", SecretProblem.TooShort)]
        [DataRow("1357924680135", SecretProblem.TooLong)]
        [DataRow("777777", SecretProblem.AllSameDigit)]
        [DataRow("000000000000", SecretProblem.AllSameDigit)]
        [DataRow("123456", SecretProblem.Run)]
        [DataRow("456789", SecretProblem.Run)]
        [DataRow("0123456789", SecretProblem.Run)]
        [DataRow("987654", SecretProblem.Run)]
        [DataRow("3210", SecretProblem.TooShort)]
        public void ShapeRulesGiveDistinctReasons(string candidate, SecretProblem expected)
        {
            Assert.AreEqual(expected, PasswordPolicy.CheckDigits(candidate, PasswordPolicy.MinLength, PasswordPolicy.MaxLength));
            Assert.AreEqual(expected, NewPolicy(new MemoryRecordStore(), new VirtualClock()).Check(candidate, null));
        }

        [TestMethod]
        public void NullIsNotDigits()
        {
            Assert.AreEqual(SecretProblem.NotDigits, PasswordPolicy.CheckDigits(null, 6, 12));
        }

        [TestMethod]
        public void ThePreviousPasswordIsRefusedByHash()
        {
            var crypto = new SimCrypto();
            var policy = new PasswordPolicy(new MemoryRecordStore(), new VirtualClock(), crypto);
            var store = new MemoryRecordStore();
            var previous = new GuardedSecret(store, new VirtualClock(), crypto, RecordKeys.Password, RecordKeys.LoginGuard, PasswordPolicy.FactoryPassword);
            previous.Replace(PasswordHash.Create(crypto, "246813", 8));
            Assert.AreEqual(SecretProblem.SameAsPrevious, policy.Check("246813", previous));
            Assert.AreEqual(SecretProblem.None, policy.Check("246814", previous));
        }

        [TestMethod]
        public void FactoryPasswordMustBeChangedAtLogin()
        {
            var policy = NewPolicy(new MemoryRecordStore(), new VirtualClock());
            Assert.AreEqual(LoginAdvice.ChangeRequired, policy.AdviceAfterLogin(true));
            Assert.AreEqual(LoginAdvice.None, policy.AdviceAfterLogin(false));
        }

        [TestMethod]
        public void ReminderComesAfterNinetyDaysOfWallClock()
        {
            var store = new MemoryRecordStore();
            var clock = new VirtualClock();
            clock.SetWallClock(Noon);
            var policy = NewPolicy(store, clock);
            policy.RecordPasswordChanged();
            clock.AdvanceMicros(89 * Day);
            Assert.AreEqual(89, policy.PasswordAgeDays);
            Assert.AreEqual(LoginAdvice.None, policy.AdviceAfterLogin(false));
            clock.AdvanceMicros(Day);
            Assert.AreEqual(LoginAdvice.ChangeReminder, policy.AdviceAfterLogin(false));
            Assert.AreEqual(LoginAdvice.ChangeReminder, NewPolicy(store, clock).AdviceAfterLogin(false), "survives a new policy over the store");
        }

        /// <summary>
        /// Changed by issue 10 (was NoWallClockMeansNoReminder, age -1): without a clock the age
        /// is counted up to the latest time the terminal knew, so it is never overstated.
        /// </summary>
        [TestMethod]
        public void WithoutAWallClockTheAgeStopsAtTheLatestTimeKnown()
        {
            var store = new MemoryRecordStore();
            var clock = new VirtualClock();
            clock.SetWallClock(Noon);
            NewPolicy(store, clock).RecordPasswordChanged();
            clock.PowerOn(); // no RTC: the wall clock is lost
            clock.AdvanceMicros(400 * Day);
            var policy = NewPolicy(store, clock);
            Assert.AreEqual(0, policy.PasswordAgeDays);
            Assert.IsFalse(policy.ReminderDue());
            Assert.AreEqual(LoginAdvice.None, policy.AdviceAfterLogin(false));
        }

        /// <summary>Issue 10: setting the clock back (or losing it at power-off) cannot hide a reminder that was due.</summary>
        [TestMethod]
        public void SettingTheClockBackDoesNotHideTheReminder()
        {
            var store = new MemoryRecordStore();
            var clock = new VirtualClock();
            clock.SetWallClock(Noon);
            var policy = NewPolicy(store, clock);
            policy.RecordPasswordChanged();
            clock.SetWallClock(Noon.AddDays(120));
            policy.NoteWallClock();
            Assert.AreEqual(LoginAdvice.ChangeReminder, policy.AdviceAfterLogin(false));
            clock.SetWallClock(Noon.AddDays(-30));
            Assert.AreEqual(120, policy.PasswordAgeDays, "the latest time seen counts");
            Assert.AreEqual(LoginAdvice.ChangeReminder, policy.AdviceAfterLogin(false));
            clock.PowerOn();
            Assert.AreEqual(LoginAdvice.ChangeReminder, NewPolicy(store, clock).AdviceAfterLogin(false), "nor a reboot without a clock");
            policy.RecordPasswordChanged();
            Assert.AreEqual(LoginAdvice.None, NewPolicy(store, clock).AdviceAfterLogin(false), "a new password is not born old");
        }

        [TestMethod]
        public void AgeOfAPasswordChangedWithoutClockStartsWhenTheClockBecomesKnown()
        {
            var store = new MemoryRecordStore();
            var clock = new VirtualClock();
            var policy = NewPolicy(store, clock);
            policy.RecordPasswordChanged();
            clock.AdvanceMicros(200 * Day);
            clock.SetWallClock(Noon);
            Assert.AreEqual(LoginAdvice.None, policy.AdviceAfterLogin(false), "first login with a clock: stamped, not reminded");
            clock.AdvanceMicros(89 * Day);
            Assert.AreEqual(LoginAdvice.None, policy.AdviceAfterLogin(false));
            clock.AdvanceMicros(Day);
            Assert.AreEqual(LoginAdvice.ChangeReminder, policy.AdviceAfterLogin(false));
        }

        [TestMethod]
        public void MaximumAgeIsConfigurableAndPersisted()
        {
            var store = new MemoryRecordStore();
            var clock = new VirtualClock();
            clock.SetWallClock(Noon);
            var policy = NewPolicy(store, clock);
            Assert.AreEqual(90, policy.MaxAgeDays);
            Assert.IsTrue(policy.SetMaxAgeDays(30));
            policy.RecordPasswordChanged();
            clock.AdvanceMicros(30 * Day);
            var reloaded = NewPolicy(store, clock);
            Assert.AreEqual(30, reloaded.MaxAgeDays);
            Assert.IsTrue(reloaded.ReminderDue());
            Assert.IsTrue(reloaded.SetMaxAgeDays(0));
            Assert.IsFalse(reloaded.ReminderDue(), "0 = never");
        }

        [TestMethod]
        public void OutOfRangeMaximumAgeChangesNothing()
        {
            var store = new MemoryRecordStore();
            var policy = NewPolicy(store, new VirtualClock());
            policy.SetMaxAgeDays(45);
            var before = store.Dump();
            Assert.IsFalse(policy.SetMaxAgeDays(-1));
            Assert.IsFalse(policy.SetMaxAgeDays(PasswordPolicy.MaxMaxAgeDays + 1));
            Assert.AreEqual(45, policy.MaxAgeDays);
            CollectionAssert.AreEquivalent(before, store.Dump());
        }

        [TestMethod]
        public void ResetForgetsAgeAndConfiguration()
        {
            var store = new MemoryRecordStore();
            var policy = NewPolicy(store, new VirtualClock());
            policy.SetMaxAgeDays(10);
            var batch = new RecordBatch();
            policy.StageReset(batch);
            store.Commit(batch);
            policy.ResetCommitted();
            Assert.AreEqual(90, policy.MaxAgeDays);
            Assert.IsNull(store.Read(RecordKeys.PasswordAge));
        }

        private static PasswordPolicy NewPolicy(MemoryRecordStore store, VirtualClock clock)
        {
            return new PasswordPolicy(store, clock, new SimCrypto());
        }
    }
}

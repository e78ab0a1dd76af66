using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Storage;
using PosTerminal.Hal;
using PosTerminal.Simulator;

namespace PosTerminal.Firmware.Tests.Model
{
    [TestClass]
    public sealed class PasswordVaultTests
    {
        private readonly List<string> _log = new List<string>();
        private readonly VirtualClock _clock = new VirtualClock();
        private MemoryStore _store;

        [TestInitialize]
        public void Init()
        {
            _store = new MemoryStore(_log);
        }

        private PasswordVault NewVault()
        {
            return new PasswordVault(_store, new LoggingCrypto(_log), _clock);
        }

        [TestMethod]
        public void FactoryPasswordWorksUntilChangedAndMustBeChanged()
        {
            PasswordVault vault = NewVault();
            Assert.IsTrue(vault.MustChange);
            Assert.AreEqual(LoginResult.Accepted, vault.TryLogin(PasswordVault.FactoryPassword));
            Assert.IsTrue(vault.Change("135790"));
            Assert.IsFalse(vault.MustChange);
            Assert.AreEqual(LoginResult.Wrong, vault.TryLogin(PasswordVault.FactoryPassword));
            Assert.AreEqual(LoginResult.Accepted, NewVault().TryLogin("135790"));
        }

        [TestMethod]
        public void TheAttemptIsCountedBeforeThePasswordIsChecked()
        {
            PasswordVault vault = NewVault();
            vault.Change("135790");
            _log.Clear();
            vault.TryLogin("000000");
            int counted = _log.IndexOf("write " + RecordKeys.LoginFailures);
            int hashed = _log.IndexOf("sha256");
            Assert.IsTrue(counted >= 0 && hashed >= 0 && counted < hashed, string.Join(", ", _log));
        }

        [TestMethod]
        public void AnAttemptThatCannotBeCountedIsNotChecked()
        {
            PasswordVault vault = NewVault();
            _store.Full = true;
            _log.Clear();
            Assert.AreEqual(LoginResult.StorageFull, vault.TryLogin(PasswordVault.FactoryPassword));
            Assert.IsFalse(_log.Contains("sha256"));
        }

        [TestMethod]
        public void FifthWrongAttemptLocksForSixtySecondsThenAFreshRound()
        {
            PasswordVault vault = NewVault();
            for (int i = 1; i <= 4; i++)
            {
                Assert.AreEqual(LoginResult.Wrong, vault.TryLogin("999999"));
                Assert.AreEqual(5 - i, vault.AttemptsLeft);
            }
            Assert.AreEqual(LoginResult.LockedOut, vault.TryLogin("999999"));
            Assert.AreEqual(60, vault.LockoutSecondsLeft);
            _clock.AdvanceMicros(59_001_000);
            Assert.AreEqual(1, vault.LockoutSecondsLeft);
            Assert.AreEqual(LoginResult.LockedOut, vault.TryLogin(PasswordVault.FactoryPassword));
            Assert.AreEqual(5, vault.Failures, "refused attempts during a lockout are not counted");
            _clock.AdvanceMicros(1_000_000);
            Assert.IsFalse(vault.IsLockedOut);
            Assert.AreEqual(5, vault.AttemptsLeft);
            Assert.AreEqual(LoginResult.Accepted, vault.TryLogin(PasswordVault.FactoryPassword));
            Assert.AreEqual(0, vault.Failures);
            Assert.AreEqual(0, NewVault().Failures);
        }

        [TestMethod]
        public void ALockoutIsServedAgainAfterAReboot()
        {
            PasswordVault vault = NewVault();
            for (int i = 0; i < 5; i++) vault.TryLogin("999999");
            _clock.AdvanceMicros(120_000_000);
            _clock.PowerOn();
            PasswordVault rebooted = NewVault();
            Assert.IsTrue(rebooted.IsLockedOut);
            Assert.AreEqual(60, rebooted.LockoutSecondsLeft);
        }

        [TestMethod]
        public void NewPasswordRules()
        {
            PasswordVault vault = NewVault();
            Assert.AreEqual(PasswordProblem.None, vault.CheckNew("135790"));
            Assert.AreEqual(PasswordProblem.None, vault.CheckNew("112233445566"));
            Assert.AreEqual(PasswordProblem.Length, vault.CheckNew("13579"));
            Assert.AreEqual(PasswordProblem.Length, vault.CheckNew("1357913579135"));
            Assert.AreEqual(PasswordProblem.NotDigits, vault.CheckNew("13579a"));
            Assert.AreEqual(PasswordProblem.AllSameDigit, vault.CheckNew("000000"));
            Assert.AreEqual(PasswordProblem.RunOfDigits, vault.CheckNew("123456"));
            Assert.AreEqual(PasswordProblem.RunOfDigits, vault.CheckNew("987654"));
            Assert.AreEqual(PasswordProblem.RunOfDigits, vault.CheckNew("3456789012"));
            Assert.AreEqual(PasswordProblem.RunOfDigits, vault.CheckNew("210987"));
            Assert.AreEqual(PasswordProblem.None, vault.CheckNew("123457"));
        }

        [TestMethod]
        public void SameNewPasswordGetsADifferentSaltEachTime()
        {
            PasswordVault vault = NewVault();
            vault.Change("135790");
            byte[] first = _store.Read(RecordKeys.Password);
            vault.Change("135790");
            CollectionAssert.AreNotEqual(first, _store.Read(RecordKeys.Password));
        }

        /// <summary>SHA-256 and randomness that note in the shared log when a digest is computed.</summary>
        private sealed class LoggingCrypto : ICrypto
        {
            private readonly SimCrypto _inner = new SimCrypto();
            private readonly List<string> _log;

            public LoggingCrypto(List<string> log)
            {
                _log = log;
            }

            public void Sha256(byte[] data, int offset, int count, byte[] output)
            {
                _log.Add("sha256");
                _inner.Sha256(data, offset, count, output);
            }

            public void Random(byte[] buffer)
            {
                _inner.Random(buffer);
            }
        }
    }
}

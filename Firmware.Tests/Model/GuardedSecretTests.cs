using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Tests.Support;
using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Storage;
using PosTerminal.Virtual;

namespace PosTerminal.Firmware.Tests.Model
{
    /// <summary>A secret and its guard: the operator password (factory 123456), fail-closed reads. (Was PasswordVaultTests.)</summary>
    [TestClass]
    public sealed class GuardedSecretTests
    {
        private readonly MemoryRecordStore _store = new MemoryRecordStore();
        private readonly SimCrypto _crypto = new SimCrypto();
        private readonly VirtualClock _clock = new VirtualClock();

        private GuardedSecret Password()
        {
            return new GuardedSecret(_store, _clock, _crypto, RecordKeys.Password, RecordKeys.LoginGuard, PasswordPolicy.FactoryPassword);
        }

        [TestMethod]
        public void NoRecordMeansTheFactoryPassword()
        {
            GuardedSecret password = Password();
            Assert.IsTrue(password.MustChange);
            Assert.IsTrue(password.IsFactory);
            Assert.IsNull(password.Current);
            Assert.IsFalse(password.Damaged);
            Assert.AreEqual(SecretCheck.Match, password.Check("123456"));
        }

        [TestMethod]
        public void AReplacedHashIsWhatANewSecretReads()
        {
            Password().Replace(PasswordHash.Create(_crypto, "135790", 4));
            GuardedSecret rebooted = Password();
            Assert.IsFalse(rebooted.MustChange);
            Assert.AreEqual(SecretCheck.Match, rebooted.Check("135790"));
            Assert.AreEqual(SecretCheck.Wrong, rebooted.Check("135791"));
            Assert.AreEqual(SecretCheck.Wrong, rebooted.Check("123456"), "the factory password is gone");
        }

        [TestMethod]
        public void AFullStoreChangesNothing()
        {
            GuardedSecret password = Password();
            password.Replace(PasswordHash.Create(_crypto, "135790", 4));
            _store.Full = true;
            Assert.ThrowsExactly<StoreFullException>(() => password.Replace(PasswordHash.Create(_crypto, "246813", 4)));
            Assert.IsTrue(password.IsCurrent("135790"));
            _store.Full = false;
            Assert.IsTrue(Password().IsCurrent("135790"));
        }

        [TestMethod]
        public void AnUnreadableRecordNeverFallsBackToTheFactoryPassword()
        {
            _store.Write(RecordKeys.Password, new byte[] { 2, 0, 0, 1 });
            GuardedSecret password = Password();
            Assert.IsTrue(password.Damaged);
            Assert.IsFalse(password.IsFactory);
            Assert.AreEqual(SecretCheck.Damaged, password.Check(PasswordPolicy.FactoryPassword));
        }

        /// <summary>Issue 10: a damaged newest record never brings back an older value (the store may still read one).</summary>
        [TestMethod]
        public void ADamagedRecordNeverBringsBackTheOlderPassword()
        {
            Password().Replace(PasswordHash.Create(_crypto, "135790", 4));
            _store.Damaged.Add(RecordKeys.Password);
            GuardedSecret password = Password();
            Assert.IsTrue(password.Damaged);
            Assert.AreEqual(SecretCheck.Damaged, password.Check("135790"), "the older value the store still reads is not used");
            Assert.AreEqual(SecretCheck.Damaged, password.Check("123456"));
            password.Replace(PasswordHash.Create(_crypto, "246813", 4));
            Assert.AreEqual(SecretCheck.Match, Password().Check("246813"), "set again, it works");
        }

        [TestMethod]
        public void TheAttemptIsRecordedBeforeTheComparison()
        {
            GuardedSecret password = Password();
            password.Replace(PasswordHash.Create(_crypto, "135790", 4));
            for (int i = 0; i < LoginGuard.FreeAttempts; i++) Assert.AreEqual(SecretCheck.Wrong, password.Check("000000"));
            Assert.AreEqual(SecretCheck.LockedOut, password.Check("135790"));
            Assert.AreEqual(SecretCheck.LockedOut, Password().Check("135790"), "across a reboot");
        }

        [TestMethod]
        public void ClearingGoesBackToTheFactoryPassword()
        {
            GuardedSecret password = Password();
            password.Replace(PasswordHash.Create(_crypto, "135790", 4));
            var batch = new RecordBatch();
            password.StageClear(batch);
            _store.Commit(batch);
            password.Cleared();
            Assert.IsTrue(password.MustChange);
            Assert.IsNull(_store.Read(RecordKeys.Password));
            Assert.IsTrue(Password().IsFactory);
        }
    }
}

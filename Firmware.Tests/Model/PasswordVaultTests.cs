using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Tests.Support;
using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Storage;
using PosTerminal.Virtual;

namespace PosTerminal.Firmware.Tests.Model
{
    /// <summary>The thin vault: where the password hash lives. Rules and lockout are tested with SecurityServices.</summary>
    [TestClass]
    public sealed class PasswordVaultTests
    {
        private readonly MemoryRecordStore _store = new MemoryRecordStore();
        private readonly SimCrypto _crypto = new SimCrypto();

        [TestMethod]
        public void NoRecordMeansTheFactoryPassword()
        {
            var vault = new PasswordVault(_store);
            Assert.IsTrue(vault.MustChange);
            Assert.IsNull(vault.Current);
            Assert.IsFalse(vault.Unreadable);
        }

        [TestMethod]
        public void AReplacedHashIsWhatANewVaultReads()
        {
            Assert.IsTrue(new PasswordVault(_store).Replace(PasswordHash.Create(_crypto, "135790", 4)));
            var rebooted = new PasswordVault(_store);
            Assert.IsFalse(rebooted.MustChange);
            Assert.IsTrue(rebooted.Current.Matches(_crypto, "135790"));
            Assert.IsFalse(rebooted.Current.Matches(_crypto, "135791"));
        }

        [TestMethod]
        public void AFullStoreChangesNothing()
        {
            var vault = new PasswordVault(_store);
            vault.Replace(PasswordHash.Create(_crypto, "135790", 4));
            _store.Full = true;
            Assert.IsFalse(vault.Replace(PasswordHash.Create(_crypto, "246813", 4)));
            Assert.IsTrue(vault.Current.Matches(_crypto, "135790"));
            _store.Full = false;
            Assert.IsTrue(new PasswordVault(_store).Current.Matches(_crypto, "135790"));
        }

        [TestMethod]
        public void AnUnreadableRecordNeverFallsBackToTheFactoryPassword()
        {
            _store.Write(RecordKeys.Password, new byte[] { 1, 1, 0, 1 });
            var security = new SecurityServices(_store, new VirtualClock(), _crypto);
            Assert.IsTrue(security.Passwords.Unreadable);
            Assert.IsFalse(security.Passwords.MustChange);
            Assert.AreEqual(LoginOutcome.WrongPassword, security.Login(PasswordPolicy.FactoryPassword));
            security.FactoryReset();
            Assert.AreEqual(LoginOutcome.AcceptedMustChange, security.Login(PasswordPolicy.FactoryPassword));
        }

        [TestMethod]
        public void ResetGoesBackToTheFactoryPassword()
        {
            var vault = new PasswordVault(_store);
            vault.Replace(PasswordHash.Create(_crypto, "135790", 4));
            vault.Reset();
            Assert.IsTrue(vault.MustChange);
            Assert.IsNull(_store.Read(RecordKeys.Password));
        }
    }
}

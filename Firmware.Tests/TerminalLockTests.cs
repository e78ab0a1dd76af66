using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Storage;
using PosTerminal.Firmware.Tests.Support;
using PosTerminal.Virtual;

namespace PosTerminal.Firmware.Tests
{
    [TestClass]
    public sealed class TerminalLockTests
    {
        private const string Code = "80417263";

        [TestMethod]
        public void WithoutAnUnlockCodeTheTerminalCannotBeLocked()
        {
            var store = new MemoryRecordStore();
            var terminalLock = NewLock(store, new VirtualClock());
            Assert.IsFalse(terminalLock.HasUnlockCode);
            Assert.AreEqual(LockResult.NoUnlockCode, terminalLock.Lock(LockSource.Console, "lost"));
            Assert.IsFalse(terminalLock.IsLocked);
            Assert.IsNull(store.Read(RecordKeys.TerminalLock));
        }

        [TestMethod]
        public void LockedStateSurvivesARebootAndTheRightCodeUnlocks()
        {
            var store = new MemoryRecordStore();
            var clock = new VirtualClock();
            var terminalLock = NewLock(store, clock);
            SetCode(terminalLock, Code);
            Assert.AreEqual(LockResult.Locked, terminalLock.Lock(LockSource.Network, "reported stolen"));
            Assert.AreEqual(LockResult.AlreadyLocked, terminalLock.Lock(LockSource.Console, "again"));

            clock.PowerOn();
            var rebooted = NewLock(store, clock);
            Assert.IsTrue(rebooted.IsLocked);
            Assert.AreEqual(LockSource.Network, rebooted.Source);
            Assert.AreEqual("reported stolen", rebooted.Reason);
            Assert.AreEqual(UnlockResult.WrongCode, rebooted.Unlock("80417264"));
            Assert.IsTrue(rebooted.IsLocked);
            Assert.AreEqual(UnlockResult.Unlocked, rebooted.Unlock(Code));
            Assert.IsFalse(rebooted.IsLocked);
            Assert.AreEqual(UnlockResult.NotLocked, rebooted.Unlock(Code));

            clock.PowerOn();
            Assert.IsFalse(NewLock(store, clock).IsLocked);
        }

        [TestMethod]
        public void WrongCodesLockOutUnlockingEvenWithTheRightCode()
        {
            var store = new MemoryRecordStore();
            var clock = new VirtualClock();
            var terminalLock = NewLock(store, clock);
            SetCode(terminalLock, Code);
            terminalLock.Lock(LockSource.Console, "lost");
            for (int i = 0; i < LoginGuard.FreeAttempts; i++)
            {
                Assert.AreEqual(UnlockResult.WrongCode, terminalLock.Unlock("1111111" + i));
            }
            Assert.AreEqual(UnlockResult.TryLater, terminalLock.Unlock(Code));
            clock.PowerOn();
            terminalLock = NewLock(store, clock);
            Assert.AreEqual(UnlockResult.TryLater, terminalLock.Unlock(Code), "a reboot does not reset the count");
            clock.AdvanceMicros(LoginGuard.FirstLockMs * 1000);
            Assert.AreEqual(UnlockResult.Unlocked, terminalLock.Unlock(Code));
        }

        [TestMethod]
        [DataRow("1234567", SecretProblem.TooShort)]
        [DataRow("12345678901234567", SecretProblem.TooLong)]
        [DataRow("22222222", SecretProblem.AllSameDigit)]
        [DataRow("87654321", SecretProblem.Run)]
        [DataRow("8041726x", SecretProblem.NotDigits)]
        public void WeakCodesAreRefusedAndNothingIsStored(string code, SecretProblem expected)
        {
            var store = new MemoryRecordStore();
            var terminalLock = NewLock(store, new VirtualClock());
            SecretProblem problem;
            Assert.AreEqual(UnlockCodeResult.WeakCode, terminalLock.SetUnlockCode(null, code, out problem));
            Assert.AreEqual(expected, problem);
            Assert.IsFalse(terminalLock.HasUnlockCode);
            Assert.AreEqual(0, store.Commits);
        }

        [TestMethod]
        public void ChangingTheCodeNeedsTheCurrentOne()
        {
            var store = new MemoryRecordStore();
            var clock = new VirtualClock();
            var terminalLock = NewLock(store, clock);
            SetCode(terminalLock, Code);
            byte[] before = store.Read(RecordKeys.UnlockCode);
            SecretProblem problem;
            Assert.AreEqual(UnlockCodeResult.CurrentCodeRequired, terminalLock.SetUnlockCode(null, "59173048", out problem));
            Assert.AreEqual(UnlockCodeResult.WrongCurrentCode, terminalLock.SetUnlockCode("59173049", "59173048", out problem));
            Assert.AreEqual(UnlockCodeResult.WeakCode, terminalLock.SetUnlockCode(Code, Code, out problem));
            Assert.AreEqual(SecretProblem.SameAsPrevious, problem);
            CollectionAssert.AreEqual(before, store.Read(RecordKeys.UnlockCode), "nothing changed");
            Assert.AreEqual(UnlockCodeResult.Set, terminalLock.SetUnlockCode(Code, "59173048", out problem));

            terminalLock.Lock(LockSource.Console, "test");
            Assert.AreEqual(UnlockCodeResult.TerminalLocked, terminalLock.SetUnlockCode("59173048", "60284159", out problem));
            Assert.AreEqual(UnlockResult.WrongCode, terminalLock.Unlock(Code), "the old code is gone");
            Assert.AreEqual(UnlockResult.Unlocked, terminalLock.Unlock("59173048"));
        }

        /// <summary>The audit side moved to the command layer (CommandLayerTests); here: only a hash is stored.</summary>
        [TestMethod]
        public void TheCodeIsStoredOnlyAsAHash()
        {
            var store = new MemoryRecordStore();
            var terminalLock = NewLock(store, new VirtualClock());
            SetCode(terminalLock, Code);
            terminalLock.Lock(LockSource.Console, "lost");
            terminalLock.Unlock("80417260");
            terminalLock.Unlock(Code);
            Assert.IsFalse(Bytes.ContainsText(store.AllBytes(), Code));
            Assert.IsFalse(Bytes.ContainsText(store.AllBytes(), "80417260"));
        }

        [TestMethod]
        public void AnUnreadableLockRecordCountsAsLocked()
        {
            var store = new MemoryRecordStore();
            store.Write(RecordKeys.TerminalLock, new byte[] { 7 });
            TerminalLock terminalLock = NewLock(store, new VirtualClock());
            Assert.IsTrue(terminalLock.IsLocked);
            Assert.IsTrue(terminalLock.Damaged);
        }

        /// <summary>Issue 10: the unlock's tombstone may be lost: a damaged lock record is locked, not the older "unlocked".</summary>
        [TestMethod]
        public void ADamagedLockRecordIsLockedEvenWhenTheStoreReadsNone()
        {
            var store = new MemoryRecordStore();
            var terminalLock = NewLock(store, new VirtualClock());
            SetCode(terminalLock, Code);
            store.Damaged.Add(RecordKeys.TerminalLock);
            TerminalLock rebooted = NewLock(store, new VirtualClock());
            Assert.IsTrue(rebooted.IsLocked);
            Assert.IsTrue(rebooted.Damaged);
            Assert.AreEqual(UnlockResult.Unlocked, rebooted.Unlock(Code), "the unlock code still lifts it");
            Assert.IsFalse(NewLock(store, new VirtualClock()).IsLocked);
        }

        /// <summary>A damaged unlock code matches nothing; while locked only then may a new one be set (by a technician: the command layer).</summary>
        [TestMethod]
        public void ADamagedUnlockCodeMatchesNothingAndMayBeReplacedWhileLocked()
        {
            var store = new MemoryRecordStore();
            var terminalLock = NewLock(store, new VirtualClock());
            SetCode(terminalLock, Code);
            terminalLock.Lock(LockSource.Console, "lost");
            store.Damaged.Add(RecordKeys.UnlockCode);
            TerminalLock rebooted = NewLock(store, new VirtualClock());
            Assert.IsTrue(rebooted.UnlockCode.Damaged);
            Assert.AreEqual(UnlockResult.CodeDamaged, rebooted.Unlock(Code));
            SecretProblem problem;
            Assert.AreEqual(UnlockCodeResult.Set, rebooted.SetUnlockCode(null, "59173048", out problem));
            Assert.AreEqual(UnlockResult.Unlocked, rebooted.Unlock("59173048"));
        }

        [TestMethod]
        public void ADamagedUnlockGuardStartsAtItsMaximum()
        {
            var store = new MemoryRecordStore();
            var terminalLock = NewLock(store, new VirtualClock());
            SetCode(terminalLock, Code);
            terminalLock.Lock(LockSource.Console, "lost");
            store.Damaged.Add(RecordKeys.UnlockGuard);
            TerminalLock rebooted = NewLock(store, new VirtualClock());
            Assert.AreEqual(LoginGuard.MaxLockMs, rebooted.UnlockRetryMs);
            Assert.AreEqual(UnlockResult.TryLater, rebooted.Unlock(Code));
        }

        private static TerminalLock NewLock(MemoryRecordStore store, VirtualClock clock)
        {
            return new TerminalLock(store, clock, new SimCrypto(), 8);
        }

        private static void SetCode(TerminalLock terminalLock, string code)
        {
            SecretProblem problem;
            Assert.AreEqual(UnlockCodeResult.Set, terminalLock.SetUnlockCode(null, code, out problem));
        }
    }
}

using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Audit;
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
            Assert.AreEqual(UnlockResult.WrongCode, rebooted.Unlock(LockSource.Console, "80417264"));
            Assert.IsTrue(rebooted.IsLocked);
            Assert.AreEqual(UnlockResult.Unlocked, rebooted.Unlock(LockSource.Console, Code));
            Assert.IsFalse(rebooted.IsLocked);
            Assert.AreEqual(UnlockResult.NotLocked, rebooted.Unlock(LockSource.Console, Code));

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
                Assert.AreEqual(UnlockResult.WrongCode, terminalLock.Unlock(LockSource.Console, "1111111" + i));
            }
            Assert.AreEqual(UnlockResult.TryLater, terminalLock.Unlock(LockSource.Console, Code));
            clock.PowerOn();
            terminalLock = NewLock(store, clock);
            Assert.AreEqual(UnlockResult.TryLater, terminalLock.Unlock(LockSource.Console, Code), "a reboot does not reset the count");
            clock.AdvanceMicros(LoginGuard.FirstLockMs * 1000);
            Assert.AreEqual(UnlockResult.Unlocked, terminalLock.Unlock(LockSource.Console, Code));
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
            Assert.AreEqual(UnlockResult.WrongCode, terminalLock.Unlock(LockSource.Console, Code), "the old code is gone");
            Assert.AreEqual(UnlockResult.Unlocked, terminalLock.Unlock(LockSource.Console, "59173048"));
        }

        [TestMethod]
        public void TheCodeIsStoredOnlyAsAHashAndAuditedWithoutIt()
        {
            var store = new MemoryRecordStore();
            var clock = new VirtualClock();
            var crypto = new SimCrypto();
            var boot = new BootCounter(store);
            var audit = new AuditLog(store, clock, boot);
            var terminalLock = new TerminalLock(store, clock, crypto, audit);
            SetCode(terminalLock, Code);
            terminalLock.Lock(LockSource.Console, "lost");
            terminalLock.Unlock(LockSource.Console, "80417260");
            terminalLock.Unlock(LockSource.Console, Code);
            Assert.IsFalse(Bytes.ContainsText(store.AllBytes(), Code));
            Assert.IsFalse(Bytes.ContainsText(store.AllBytes(), "80417260"));
            string[] lines = audit.ConsoleLines(10);
            StringAssert.Contains(lines[0], "unlock ok");
            StringAssert.Contains(lines[1], "unlock failed");
            StringAssert.Contains(lines[2], "lock ok");
            StringAssert.Contains(lines[3], "unlock-code-set ok");
        }

        [TestMethod]
        public void AnUnreadableLockRecordCountsAsLocked()
        {
            var store = new MemoryRecordStore();
            store.Write(RecordKeys.TerminalLock, new byte[] { 7 });
            Assert.IsTrue(NewLock(store, new VirtualClock()).IsLocked);
        }

        private static TerminalLock NewLock(MemoryRecordStore store, VirtualClock clock)
        {
            return new TerminalLock(store, clock, new SimCrypto(), null);
        }

        private static void SetCode(TerminalLock terminalLock, string code)
        {
            SecretProblem problem;
            Assert.AreEqual(UnlockCodeResult.Set, terminalLock.SetUnlockCode(null, code, out problem));
        }
    }
}

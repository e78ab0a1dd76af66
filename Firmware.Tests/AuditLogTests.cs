using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Audit;
using PosTerminal.Firmware.Storage;
using PosTerminal.Firmware.Tests.Support;
using PosTerminal.Hal;
using PosTerminal.Virtual;

namespace PosTerminal.Firmware.Tests
{
    [TestClass]
    public sealed class AuditLogTests
    {
        [TestMethod]
        public void EntriesComeBackNewestFirst()
        {
            var store = new MemoryRecordStore();
            var log = NewLog(store, new VirtualClock());
            Assert.AreEqual(0, log.Count);
            Assert.AreEqual(0, log.ReadNewestFirst(10).Length);
            log.Record(AuditEvent.LoginFailure, AuditOutcome.Failed, "try 1");
            log.Record(AuditEvent.LoginSuccess, AuditOutcome.Ok, "");
            log.Record(AuditEvent.BindingAdded, AuditOutcome.Ok, "card *1234");
            AuditEntry[] entries = log.ReadNewestFirst(10);
            Assert.AreEqual(3, entries.Length);
            Assert.AreEqual(AuditEvent.BindingAdded, entries[0].Event);
            Assert.AreEqual("card *1234", entries[0].Detail);
            Assert.AreEqual(AuditEvent.LoginSuccess, entries[1].Event);
            Assert.AreEqual(AuditEvent.LoginFailure, entries[2].Event);
            Assert.AreEqual(AuditOutcome.Failed, entries[2].Outcome);
            Assert.AreEqual(3u, entries[0].Sequence);
            Assert.AreEqual(2, log.ReadNewestFirst(2).Length);
        }

        /// <summary>Issue 10: security entries sit in their own ring of 32; each entry is one commit.</summary>
        [TestMethod]
        public void TheSecurityRingWrapsAtThirtyTwoWithOneCommitPerEntry()
        {
            var store = new MemoryRecordStore();
            var log = NewLog(store, new VirtualClock());
            int commits = store.Commits;
            for (int i = 1; i <= 40; i++) log.Record(i % 2 == 0 ? AuditEvent.Lock : AuditEvent.Unlock, AuditOutcome.Ok, "n " + i);
            Assert.AreEqual(40, store.Commits - commits);
            Assert.AreEqual(AuditLog.SecurityCapacity, log.SecurityCount);
            Assert.AreEqual(8, log.SecurityOverwritten);
            AuditEntry[] entries = log.ReadNewestFirst(100);
            Assert.AreEqual(32, entries.Length);
            for (int i = 0; i < 32; i++)
            {
                Assert.AreEqual((uint)(40 - i), entries[i].Sequence);
                Assert.AreEqual("n " + (40 - i), entries[i].Detail);
            }
            int auditRecords = 0;
            foreach (int key in store.Keys) if (key >= RecordKeys.FirstAuditEntry && key < RecordKeys.FirstAuditEntry + 32) auditRecords++;
            Assert.AreEqual(32, auditRecords, "bounded in the store");
        }

        /// <summary>Issue 10: no amount of routine entries pushes a security entry out (1,000 here).</summary>
        [TestMethod]
        public void RoutineEntriesNeverPushASecurityEntryOut()
        {
            var store = new MemoryRecordStore();
            var log = NewLog(store, new VirtualClock());
            log.Record(AuditEvent.FactoryReset, AuditOutcome.Ok, "");
            AuditEvent[] routine = { AuditEvent.BindingAdded, AuditEvent.Backup, AuditEvent.LoginSuccess, AuditEvent.SettingChanged };
            for (int i = 0; i < 1000; i++) log.Record(routine[i % routine.Length], AuditOutcome.Ok, "r " + i);
            AuditEntry[] entries = log.ReadNewestFirst(AuditLog.Capacity);
            Assert.AreEqual(1 + AuditLog.RoutineCapacity, entries.Length);
            Assert.AreEqual(AuditEvent.FactoryReset, entries[entries.Length - 1].Event);
            Assert.AreEqual(1u, entries[entries.Length - 1].Sequence);
            Assert.AreEqual(1000 - AuditLog.RoutineCapacity, log.RoutineOverwritten);
            Assert.AreEqual(0, log.SecurityOverwritten);
            Assert.AreEqual(AuditEvent.FactoryReset, NewLog(store, new VirtualClock()).ReadNewestFirst(AuditLog.Capacity)[AuditLog.RoutineCapacity].Event, "after a reboot too");
        }

        /// <summary>A burst of the same event (failed logins, set-time) takes one slot and counts itself.</summary>
        [TestMethod]
        public void ARepeatOfTheNewestEntryIsCountedInPlace()
        {
            var store = new MemoryRecordStore();
            var log = NewLog(store, new VirtualClock());
            log.Record(AuditEvent.BindingAdded, AuditOutcome.Ok, "card *1234");
            for (int i = 1; i <= 50; i++) log.Record(AuditEvent.LoginFailure, AuditOutcome.Failed, "keypad try " + i);
            AuditEntry[] entries = log.ReadNewestFirst(10);
            Assert.AreEqual(2, entries.Length);
            Assert.AreEqual(49, entries[0].Repeats);
            StringAssert.EndsWith(entries[0].ConsoleLine(), "login-failure failed keypad try 50 (x50)");
            Assert.AreEqual(2u, log.NextSequence - 1, "one sequence number for the burst");
            log.Record(AuditEvent.BindingAdded, AuditOutcome.Ok, "card *5678");
            log.Record(AuditEvent.BindingAdded, AuditOutcome.Ok, "card *9012");
            Assert.AreEqual(4, log.ReadNewestFirst(10).Length, "events that do not coalesce each take a slot");
            Assert.AreEqual(49, NewLog(store, new VirtualClock()).ReadNewestFirst(10)[2].Repeats, "kept in flash");
        }

        /// <summary>An entry staged into a batch lands with it, or not at all.</summary>
        [TestMethod]
        public void AStagedEntryCountsOnlyOnceItsBatchIsCommitted()
        {
            var store = new MemoryRecordStore();
            var log = NewLog(store, new VirtualClock());
            var batch = new RecordBatch();
            log.Stage(batch, AuditEvent.FactoryReset, AuditOutcome.Ok, "");
            batch.Delete(RecordKeys.Settings);
            Assert.AreEqual(0, log.Count, "not before the commit");
            store.Commit(batch);
            log.Committed();
            Assert.AreEqual(1, log.Count);
            Assert.AreEqual(AuditEvent.FactoryReset, NewLog(store, new VirtualClock()).ReadNewestFirst(1)[0].Event);
            batch.Clear();
            log.Stage(batch, AuditEvent.Restore, AuditOutcome.Ok, "3 bindings");
            store.Full = true;
            Assert.ThrowsExactly<StoreFullException>(() => store.Commit(batch));
            store.Full = false;
            Assert.IsTrue(log.Record(AuditEvent.Lock, AuditOutcome.Ok, ""));
            AuditEntry[] entries = NewLog(store, new VirtualClock()).ReadNewestFirst(5);
            Assert.AreEqual(2, entries.Length, "the failed batch's entry never landed");
            Assert.AreEqual(2u, entries[0].Sequence, "and took no sequence number");
        }

        /// <summary>A terminal with the first log (v1 records, one ring of 32) still reads it.</summary>
        [TestMethod]
        public void VersionOneEntriesStillRead()
        {
            var store = new MemoryRecordStore();
            byte[] v1 = new byte[26 + 5];
            v1[0] = 1;
            v1[1] = 7; // sequence 7
            v1[5] = (byte)AuditEvent.LoginFailure;
            v1[6] = (byte)AuditOutcome.Failed;
            v1[25] = 5;
            System.Text.Encoding.ASCII.GetBytes("try 3").CopyTo(v1, 26);
            store.Write(RecordKeys.FirstAuditEntry + 7, v1);
            var log = NewLog(store, new VirtualClock());
            AuditEntry entry = log.ReadNewestFirst(1)[0];
            Assert.AreEqual(7u, entry.Sequence);
            Assert.AreEqual("try 3", entry.Detail);
            Assert.AreEqual(8u, log.NextSequence);
        }

        [TestMethod]
        public void TheSequenceContinuesAfterAReboot()
        {
            var store = new MemoryRecordStore();
            var clock = new VirtualClock();
            var log = NewLog(store, clock);
            for (int i = 0; i < 35; i++) log.Record(i % 2 == 0 ? AuditEvent.Lock : AuditEvent.Unlock, AuditOutcome.Ok, "");
            clock.PowerOn();
            var rebooted = NewLog(store, clock);
            Assert.AreEqual(32, rebooted.Count);
            Assert.AreEqual(36u, rebooted.NextSequence);
            rebooted.Record(AuditEvent.Unlock, AuditOutcome.Ok, "");
            AuditEntry newest = rebooted.ReadNewestFirst(1)[0];
            Assert.AreEqual(36u, newest.Sequence);
            Assert.AreEqual(AuditEvent.Unlock, newest.Event);
            Assert.AreEqual(4, rebooted.SecurityOverwritten);
        }

        [TestMethod]
        public void AFullStoreDropsAndCountsInsteadOfThrowing()
        {
            var store = new MemoryRecordStore();
            var log = NewLog(store, new VirtualClock());
            log.Record(AuditEvent.Lock, AuditOutcome.Ok, "");
            store.CapacityBytes = store.AllBytes().Length;
            Assert.IsFalse(log.Record(AuditEvent.Unlock, AuditOutcome.Ok, ""));
            Assert.IsFalse(log.Record(AuditEvent.Unlock, AuditOutcome.Ok, ""));
            Assert.AreEqual(2, log.Dropped);
            Assert.AreEqual(1, log.Count);
            store.CapacityBytes = int.MaxValue;
            Assert.IsTrue(log.Record(AuditEvent.FactoryReset, AuditOutcome.Ok, ""));
            AuditEntry newest = log.ReadNewestFirst(1)[0];
            Assert.AreEqual(2u, newest.Sequence, "dropped entries take no sequence number");
            Assert.AreEqual(2, newest.DroppedBefore);
            StringAssert.Contains(newest.ConsoleLine(), "(2 dropped before)");
        }

        [TestMethod]
        public void TimeIsTheWallClockWhenKnownElseBootAndUptime()
        {
            var store = new MemoryRecordStore();
            var clock = new VirtualClock();
            var boot = new BootCounter(store);
            boot.CountBoot();
            boot.CountBoot();
            var log = new AuditLog(store, clock, boot);
            clock.AdvanceMicros(3723L * 1000000);
            log.Record(AuditEvent.StorageRecovery, AuditOutcome.Ok, "1 record lost");
            clock.SetWallClock(new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc));
            log.Record(AuditEvent.ClockSet, AuditOutcome.Ok, "from unknown");
            AuditEntry[] entries = log.ReadNewestFirst(2);
            Assert.AreEqual("#2 2026-11-25T10:00:00Z clock-set ok from unknown", entries[0].ConsoleLine());
            Assert.AreEqual("11-25 10:00", entries[0].ShortTime());
            Assert.AreEqual("#1 boot 2 +1:02:03 storage-recovery ok 1 record lost", entries[1].ConsoleLine());
            Assert.AreEqual("B2 +1:02:03", entries[1].ShortTime());
            Assert.AreEqual(2u, new BootCounter(store).Count, "boot count persisted");
        }

        [TestMethod]
        public void ShortFormsFitTheLcd()
        {
            foreach (AuditEvent e in Enum.GetValues<AuditEvent>())
            {
                foreach (AuditOutcome o in Enum.GetValues<AuditOutcome>())
                {
                    var entry = new AuditEntry(4000000000u, e, o, false, 0, 4000000000u, 4000000000u, 0, "");
                    Assert.IsTrue(TextCells.Width(entry.ShortText()) <= 16, entry.ShortText());
                    Assert.IsTrue(TextCells.Width(entry.ShortTime()) <= 16, entry.ShortTime());
                    StringAssert.DoesNotMatch(AuditNames.Event(e), new System.Text.RegularExpressions.Regex("^event-"));
                }
            }
        }

        [TestMethod]
        public void DetailsAreShortPrintableAndMaskingKeepsFourCharacters()
        {
            var store = new MemoryRecordStore();
            var log = NewLog(store, new VirtualClock());
            log.Record(AuditEvent.BindingDeregistered, AuditOutcome.Ok, "line\nbreak and a very long tail that goes on");
            string detail = log.ReadNewestFirst(1)[0].Detail;
            Assert.AreEqual(AuditEntry.MaxDetail, detail.Length);
            StringAssert.StartsWith(detail, "line?break");
            Assert.AreEqual("*1234", AuditLog.Masked("6222020000001234"));
            Assert.AreEqual("****", AuditLog.Masked("123"));
        }

        private static AuditLog NewLog(MemoryRecordStore store, VirtualClock clock)
        {
            return new AuditLog(store, clock, new BootCounter(store));
        }
    }
}

using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Audit;
using PosTerminal.Firmware.Storage;
using PosTerminal.Firmware.Tests.Support;
using PosTerminal.Hal;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Flash;

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

        /// <summary>Capacity counts the security ring's newest entry once: that holds only while every security kind is pinned.</summary>
        [TestMethod]
        public void EverySecurityEventIsPinnedAndNothingElse()
        {
            for (int e = 1; e <= (int)AuditNames.LastEvent; e++)
            {
                foreach (AuditOutcome o in new[] { AuditOutcome.Ok, AuditOutcome.Failed, AuditOutcome.Refused })
                {
                    bool pinned = AuditPins.Of((AuditEvent)e, o, "") != AuditPins.None;
                    Assert.AreEqual(AuditNames.IsSecurity((AuditEvent)e, o), pinned, AuditNames.Event((AuditEvent)e) + " " + AuditNames.Outcome(o));
                }
            }
            Assert.AreNotEqual(AuditPins.Of(AuditEvent.Restore, AuditOutcome.Ok, "3 bindings"), AuditPins.Of(AuditEvent.Restore, AuditOutcome.Ok, "foreign PT000002"));
            Assert.AreNotEqual(AuditPins.Of(AuditEvent.Lockout, AuditOutcome.Ok, "keypad 60 s"), AuditPins.Of(AuditEvent.Lockout, AuditOutcome.Ok, "console 60 s"));
            Assert.AreEqual(AuditLog.SecurityCapacity + AuditLog.RoutineCapacity + AuditPins.Count - 1, AuditLog.Capacity);
        }

        /// <summary>
        /// The flush the audit found: a logged-in technician's alternating lock and unlock pushed a
        /// factory reset out of the 32-entry ring (they do not coalesce). The ring still wraps; the
        /// reset's pin keeps it in the log, after a reboot too, marked as only pinned.
        /// </summary>
        [TestMethod]
        public void AlternatingSecurityEntriesCannotPushTheNewestFactoryResetOut()
        {
            var store = new MemoryRecordStore();
            var log = NewLog(store, new VirtualClock());
            log.Record(AuditEvent.FactoryReset, AuditOutcome.Ok, "");
            log.Record(AuditEvent.Restore, AuditOutcome.Ok, "foreign PT000002");
            AuditEvent[] mixed = { AuditEvent.Lock, AuditEvent.Unlock, AuditEvent.UnlockCodeSet, AuditEvent.Lockout, AuditEvent.Restore, AuditEvent.LoginFailure };
            for (int i = 0; i < 1000; i++) log.Record(mixed[i % mixed.Length], mixed[i % mixed.Length] == AuditEvent.LoginFailure ? AuditOutcome.Failed : AuditOutcome.Ok, "n " + i);
            Assert.IsGreaterThan(700L, log.SecurityOverwritten, "the ring itself was flushed many times over (833 security entries)");
            foreach (AuditLog l in new[] { log, NewLog(store, new VirtualClock()) })
            {
                AuditEntry[] entries = l.ReadNewestFirst(AuditLog.Capacity);
                Assert.AreEqual(1u, entries[entries.Length - 1].Sequence, "the factory reset is still there");
                Assert.AreEqual(AuditEvent.FactoryReset, entries[entries.Length - 1].Event);
                Assert.AreEqual("foreign PT000002", entries[entries.Length - 2].Detail, "and the foreign restore: a later own restore did not replace it");
                string[] lines = l.ConsoleLines(AuditLog.Capacity);
                StringAssert.EndsWith(lines[lines.Length - 1], " factory-reset ok (pinned)");
                Assert.AreEqual(entries.Length, lines.Length);
                Assert.AreEqual(0, l.DamagedPins);
                for (int i = 1; i < entries.Length; i++) Assert.IsGreaterThan(entries[i].Sequence, entries[i - 1].Sequence, "newest first, each once");
            }
        }

        [TestMethod]
        public void KeypadAndConsoleLockoutsArePinnedApartAndDoNotCoalesce()
        {
            var store = new MemoryRecordStore();
            var log = NewLog(store, new VirtualClock());
            log.Record(AuditEvent.Lockout, AuditOutcome.Ok, "console 60 s");
            log.Record(AuditEvent.Lockout, AuditOutcome.Ok, "keypad 60 s");
            log.Record(AuditEvent.Lockout, AuditOutcome.Ok, "keypad 120 s");
            AuditEntry[] entries = log.ReadNewestFirst(10);
            Assert.AreEqual(2, entries.Length);
            Assert.AreEqual("keypad 120 s", entries[0].Detail);
            Assert.AreEqual(1, entries[0].Repeats, "keypad lockouts still coalesce");
            Assert.AreEqual("console 60 s", entries[1].Detail, "a keypad lockout never overwrites the console's");
            Assert.AreEqual(2, log.PinnedCount);
        }

        /// <summary>A cut at every flash operation of a pinned entry's commit: the ring entry and its pin both land, or neither.</summary>
        [TestMethod]
        public void ARingEntryAndItsPinLandTogetherUnderEveryCut()
        {
            var clock = new VirtualClock();
            var flash = new SimFlash();
            var store = new LogStore(flash);
            NewLog(store, clock).Record(AuditEvent.Lock, AuditOutcome.Ok, "console");
            SimFlash start = flash.Snapshot();
            int pinKey = AuditPins.KeyOf(AuditPins.Of(AuditEvent.FactoryReset, AuditOutcome.Ok, ""));
            int slotKey = RecordKeys.FirstAuditEntry + 2; // ring index 2: the lock took 1
            SimFlash uncut = start.Snapshot();
            var uncutStore = new LogStore(uncut);
            AuditLog uncutLog = NewLog(uncutStore, clock);
            long before = uncut.Operations;
            uncutLog.Record(AuditEvent.FactoryReset, AuditOutcome.Ok, "");
            int operations = (int)(uncut.Operations - before);
            Assert.IsGreaterThan(4, operations);
            int whole = 0, none = 0;
            foreach (CutMode mode in new[] { CutMode.Before, CutMode.Torn, CutMode.After })
            {
                for (int op = 1; op <= operations; op++)
                {
                    SimFlash f = start.Snapshot();
                    var s = new LogStore(f);
                    AuditLog l = NewLog(s, clock);
                    f.ScheduleCut(op, mode);
                    try { l.Record(AuditEvent.FactoryReset, AuditOutcome.Ok, ""); } catch (PowerLossException) { }
                    f.PowerUp();
                    var after = new LogStore(f);
                    byte[] pin = after.Read(pinKey), slot = after.Read(slotKey);
                    Assert.AreEqual(pin != null, slot != null, mode + " cut on operation " + op + ": the pin and its ring entry apart");
                    if (pin != null) CollectionAssert.AreEqual(slot, pin, "the pin is a copy of its ring entry");
                    Assert.IsFalse(after.IsDamaged(pinKey), "a cut is not damage");
                    AuditLog booted = NewLog(after, clock);
                    Assert.AreEqual(0, booted.DamagedPins);
                    if (pin != null) whole++; else none++;
                }
            }
            Assert.IsGreaterThan(0, whole);
            Assert.IsGreaterThan(0, none);
        }

        /// <summary>Fail closed: a pin the store calls damaged, or one holding another kind's entry, is said in `log`, never dropped silently.</summary>
        [TestMethod]
        public void ADamagedPinIsReportedUntilItsKindIsWrittenAgain()
        {
            var store = new MemoryRecordStore();
            var log = NewLog(store, new VirtualClock());
            log.Record(AuditEvent.Lock, AuditOutcome.Ok, "console");
            log.Record(AuditEvent.FactoryReset, AuditOutcome.Ok, "");
            int resetPin = AuditPins.KeyOf(AuditPins.Of(AuditEvent.FactoryReset, AuditOutcome.Ok, ""));
            int lockPin = AuditPins.KeyOf(AuditPins.Of(AuditEvent.Lock, AuditOutcome.Ok, ""));
            store.Damaged.Add(resetPin);
            AuditLog booted = NewLog(store, new VirtualClock());
            Assert.AreEqual(1, booted.DamagedPins);
            Assert.AreEqual("pinned factory-reset: damaged, its newest entry may be lost", booted.ConsoleLines(AuditLog.Capacity)[0]);
            Assert.AreEqual("pinned factory-reset: damaged, its newest entry may be lost", booted.ConsoleLines(1)[0], "whatever the count asked for");

            store.Damaged.Clear();
            store.Write(resetPin, store.Read(lockPin)); // another kind's entry under the reset's key
            booted = NewLog(store, new VirtualClock());
            Assert.AreEqual(1, booted.DamagedPins);
            store.Write(resetPin, new byte[] { 2, 1, 2, 3 });
            Assert.AreEqual(1, NewLog(store, new VirtualClock()).DamagedPins, "not an entry at all");

            booted = NewLog(store, new VirtualClock());
            booted.Record(AuditEvent.FactoryReset, AuditOutcome.Ok, "");
            Assert.AreEqual(0, booted.DamagedPins);
            Assert.AreEqual(0, NewLog(store, new VirtualClock()).DamagedPins, "the next reset wrote it whole");
        }

        private static AuditLog NewLog(IRecordStore store, VirtualClock clock)
        {
            return new AuditLog(store, clock, new BootCounter(store));
        }

        private static AuditLog NewLog(MemoryRecordStore store, VirtualClock clock)
        {
            return new AuditLog(store, clock, new BootCounter(store));
        }
    }
}

using System;
using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Storage;
using PosTerminal.Virtual.Flash;

namespace PosTerminal.Firmware.Tests
{
    /// <summary>LogStore on the simulated NOR flash: commits, reboots (a new LogStore over the same flash), space, wear.</summary>
    [TestClass]
    public sealed class LogStoreTests
    {
        [TestMethod]
        public void BlankFlashMountsEmpty()
        {
            var store = new LogStore(new SimFlash());
            Assert.AreEqual(MountOutcome.Blank, store.MountReport.Outcome);
            Assert.IsNull(store.Read(RecordKeys.Settings));
            Assert.AreEqual(0, store.MountReport.Records);
        }

        [TestMethod]
        public void WriteReadOverwriteDelete()
        {
            var store = new LogStore(new SimFlash());
            store.Write(RecordKeys.Settings, Bytes(30, 1));
            store.Write(RecordKeys.Password, Bytes(48, 2));
            CollectionAssert.AreEqual(Bytes(30, 1), store.Read(RecordKeys.Settings));
            store.Write(RecordKeys.Settings, Bytes(12, 3));
            CollectionAssert.AreEqual(Bytes(12, 3), store.Read(RecordKeys.Settings));
            store.Delete(RecordKeys.Settings);
            Assert.IsNull(store.Read(RecordKeys.Settings));
            CollectionAssert.AreEqual(Bytes(48, 2), store.Read(RecordKeys.Password));
            store.Write(RecordKeys.Settings, new byte[0]);
            CollectionAssert.AreEqual(new byte[0], store.Read(RecordKeys.Settings), "an empty value is a value, not a delete");
        }

        [TestMethod]
        public void ReadReturnsACopy()
        {
            var store = new LogStore(new SimFlash());
            store.Write(RecordKeys.Password, Bytes(8, 1));
            store.Read(RecordKeys.Password)[0] ^= 0xFF;
            CollectionAssert.AreEqual(Bytes(8, 1), store.Read(RecordKeys.Password));
        }

        [TestMethod]
        public void RebootReadsWhatWasCommitted()
        {
            var flash = new SimFlash();
            var store = new LogStore(flash);
            store.Write(RecordKeys.Settings, Bytes(30, 1));
            store.Write(RecordKeys.FirstBinding, Bytes(50, 2));
            store.Write(RecordKeys.FirstBinding + 1, Bytes(50, 3));
            store.Delete(RecordKeys.FirstBinding);
            store.Write(RecordKeys.Settings, Bytes(31, 4));

            var rebooted = new LogStore(flash);
            Assert.AreEqual(MountOutcome.Clean, rebooted.MountReport.Outcome);
            Assert.AreEqual(2, rebooted.MountReport.Records);
            CollectionAssert.AreEqual(Bytes(31, 4), rebooted.Read(RecordKeys.Settings));
            Assert.IsNull(rebooted.Read(RecordKeys.FirstBinding), "a deleted binding stays deleted");
            CollectionAssert.AreEqual(Bytes(50, 3), rebooted.Read(RecordKeys.FirstBinding + 1));
            rebooted.Write(RecordKeys.Password, Bytes(48, 5));
            var again = new LogStore(flash);
            CollectionAssert.AreEqual(Bytes(48, 5), again.Read(RecordKeys.Password));
            CollectionAssert.AreEqual(Bytes(31, 4), again.Read(RecordKeys.Settings));
        }

        [TestMethod]
        public void DeletingAnAbsentKeyTouchesNoFlash()
        {
            var flash = new SimFlash();
            var store = new LogStore(flash);
            store.Delete(RecordKeys.Password);
            Assert.AreEqual(0L, flash.Operations);
        }

        [TestMethod]
        public void BadKeysAndOversizedValuesAreRefusedWithoutChange()
        {
            var flash = new SimFlash();
            var store = new LogStore(flash);
            Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => store.Write(0, Bytes(4, 1)));
            Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => store.Write(LogFormat.RetireKey, Bytes(4, 1)));
            Assert.ThrowsExactly<ArgumentException>(() => store.Write(RecordKeys.Settings, Bytes(LogFormat.MaxValueLength + 1, 1)));
            Assert.ThrowsExactly<ArgumentNullException>(() => store.Write(RecordKeys.Settings, null));
            Assert.AreEqual(0L, flash.Operations);
            Assert.IsNull(store.Read(RecordKeys.Settings));
        }

        [TestMethod]
        public void FullRegionRefusesTheWriteAndChangesNothing()
        {
            var flash = new SimFlash(3, null, 1024);
            var store = new LogStore(flash);
            int key = 1;
            var model = new Dictionary<int, byte[]>();
            try
            {
                for (; key < 100; key++)
                {
                    store.Write(key, Bytes(60, key));
                    model[key] = Bytes(60, key);
                }
                Assert.Fail("100 records of 60 bytes cannot fit in 3 KiB");
            }
            catch (StoreFullException)
            {
            }
            byte[] image = (byte[])flash.Image.Clone();
            long operations = flash.Operations;
            Assert.ThrowsExactly<StoreFullException>(() => store.Write(key, Bytes(60, key)));
            Assert.AreEqual(operations, flash.Operations, "a refused write must not touch flash");
            CollectionAssert.AreEqual(image, flash.Image);
            Assert.IsNull(store.Read(key));
            Assert.IsLessThanOrEqualTo(store.Capacity, store.LiveBytes);

            // An update that does not grow the live data still fits, and so does a delete.
            store.Write(1, Bytes(60, 99));
            model[1] = Bytes(60, 99);
            store.Delete(2);
            model.Remove(2);
            var rebooted = new LogStore(flash);
            for (int k = 1; k <= key; k++)
            {
                byte[] want;
                model.TryGetValue(k, out want);
                CollectionAssert.AreEqual(want, rebooted.Read(k), "key " + k);
            }
        }

        [TestMethod]
        public void ChurnNearCapacityKeepsTheNewestValues()
        {
            var flash = new SimFlash(5, null, 1024, 3);
            var store = new LogStore(flash);
            var random = new Random(5);
            var model = new Dictionary<int, byte[]>();
            int keys = store.Capacity / LogFormat.RecordSize(64);
            for (int k = 1; k <= keys; k++)
            {
                model[k] = Bytes(64, k);
                store.Write(k, model[k]);
            }
            for (int i = 0; i < 3000; i++)
            {
                int k = 1 + random.Next(keys);
                if (random.Next(10) == 0)
                {
                    store.Delete(k);
                    model.Remove(k);
                }
                else
                {
                    model[k] = Bytes(64, random.Next());
                    store.Write(k, model[k]);
                }
                if (i % 500 == 0) store = new LogStore(flash);
            }
            var rebooted = new LogStore(flash);
            Assert.AreEqual(MountOutcome.Clean, rebooted.MountReport.Outcome);
            for (int k = 1; k <= keys; k++)
            {
                byte[] want;
                model.TryGetValue(k, out want);
                CollectionAssert.AreEqual(want, rebooted.Read(k), "key " + k);
            }
        }

        [TestMethod]
        public void WearIsSpreadOverEverySector()
        {
            var flash = new SimFlash();
            var store = new LogStore(flash);
            for (int i = 0; i < 5000; i++) store.Write(RecordKeys.FirstBinding + i % RecordKeys.MaxBindings, Bytes(56, i));
            int min = int.MaxValue, max = 0;
            for (int s = 0; s < flash.SectorCount; s++)
            {
                min = Math.Min(min, flash.EraseCount(s));
                max = Math.Max(max, flash.EraseCount(s));
            }
            Assert.IsGreaterThan(0, min, "every sector takes its turn");
            Assert.IsLessThanOrEqualTo(2, max - min, "erases per sector " + min + ".." + max);
        }

        [TestMethod]
        public void CutDuringAWriteIsReportedAndTheOldValueStays()
        {
            var flash = new SimFlash();
            var store = new LogStore(flash);
            store.Write(RecordKeys.Password, Bytes(48, 1));
            flash.ScheduleCut(5, CutMode.Before);
            Assert.ThrowsExactly<PowerCutException>(() => store.Write(RecordKeys.Password, Bytes(48, 2)));
            flash.PowerUp();
            var rebooted = new LogStore(flash);
            Assert.IsTrue(rebooted.MountReport.InterruptedWrite);
            Assert.AreEqual(MountOutcome.Clean, rebooted.MountReport.Outcome, "a cut write is normal after pulling the plug, not damage");
            CollectionAssert.AreEqual(Bytes(48, 1), rebooted.Read(RecordKeys.Password));
            Assert.IsFalse(new LogStore(flash).MountReport.InterruptedWrite, "the first reboot sealed it off");
        }

        [TestMethod]
        public void ATornFirstWordThatReadsErasedIsNeverWrittenOver()
        {
            int found = 0;
            for (int seed = 1; seed < 20000 && found < 10; seed++)
            {
                var flash = new SimFlash(4, null, SimFlash.DefaultSectorSize, seed);
                var store = new LogStore(flash);
                store.Write(RecordKeys.Settings, Bytes(32, 1));
                int next = LogFormat.SectorHeaderSize + LogFormat.RecordSize(32);
                flash.ScheduleCut(1, CutMode.Torn); // the first word of the next record
                Assert.ThrowsExactly<PowerCutException>(() => store.Write(RecordKeys.FirstBinding, Bytes(56, 2)));
                flash.PowerUp();
                if (!flash.IsUnstable(0) || FirstWord(flash, next) != 0xFFFFFFFF) continue;
                found++;
                // Boot sees an erased word where a half-programmed one is: the next commit
                // must not put its own header over those weak bits.
                var booted = new LogStore(flash);
                booted.Write(RecordKeys.Password, Bytes(48, 3));
                for (int reboot = 0; reboot < 8; reboot++)
                {
                    var again = new LogStore(flash);
                    CollectionAssert.AreEqual(Bytes(48, 3), again.Read(RecordKeys.Password), "seed " + seed + ", reboot " + reboot);
                    CollectionAssert.AreEqual(Bytes(32, 1), again.Read(RecordKeys.Settings));
                    Assert.IsNull(again.Read(RecordKeys.FirstBinding));
                }
            }
            Assert.AreEqual(10, found, "torn first words that read erased are rare; not enough found");
        }

        // ---- batches ----------------------------------------------------------------

        [TestMethod]
        public void ABatchCommitsAsOneAndIsReadAfterAReboot()
        {
            var flash = new SimFlash();
            var store = new LogStore(flash);
            store.Write(RecordKeys.FirstBinding + 1, Bytes(40, 9));
            var batch = new RecordBatch();
            batch.Write(RecordKeys.FirstBinding, Bytes(50, 1));
            batch.Write(RecordKeys.FirstAuditEntry, Bytes(30, 2));
            batch.Delete(RecordKeys.FirstBinding + 1);
            batch.Delete(RecordKeys.FirstBinding + 2); // absent: nothing to write for it
            store.Commit(batch);
            CollectionAssert.AreEqual(Bytes(50, 1), store.Read(RecordKeys.FirstBinding));
            Assert.IsNull(store.Read(RecordKeys.FirstBinding + 1));
            var rebooted = new LogStore(flash);
            Assert.AreEqual(MountOutcome.Clean, rebooted.MountReport.Outcome);
            CollectionAssert.AreEqual(Bytes(50, 1), rebooted.Read(RecordKeys.FirstBinding));
            CollectionAssert.AreEqual(Bytes(30, 2), rebooted.Read(RecordKeys.FirstAuditEntry));
            Assert.IsNull(rebooted.Read(RecordKeys.FirstBinding + 1));
            var map = PosTerminal.Tools.Checks.Store.FlashMap.Of(flash);
            Assert.AreEqual(3, map.BatchRecords, "three records, one batch (the absent key's delete is left out)");
        }

        [TestMethod]
        public void ACutAnywhereInABatchLeavesAllOfItOrNone()
        {
            var flash = new SimFlash();
            var store = new LogStore(flash);
            store.Write(RecordKeys.Settings, Bytes(16, 1));
            store.Write(RecordKeys.FirstBinding, Bytes(50, 2));
            var batch = new RecordBatch();
            batch.Delete(RecordKeys.FirstBinding);
            batch.Delete(RecordKeys.Settings);
            batch.Write(RecordKeys.FirstAuditEntry, Bytes(30, 3));
            batch.Write(RecordKeys.Password, Bytes(48, 4));
            SimFlash probe = flash.Snapshot();
            long before = probe.Operations;
            PosTerminal.Tools.Checks.Store.StoreFork.Clone(store, probe).Commit(batch);
            int words = (int)(probe.Operations - before);
            Assert.IsGreaterThan(20, words);
            int sawOld = 0, sawNew = 0;
            for (int k = 1; k <= words; k++)
            {
                foreach (CutMode mode in new[] { CutMode.Before, CutMode.After, CutMode.Torn })
                {
                    SimFlash cut = flash.Snapshot(k);
                    cut.ScheduleCut(k, mode);
                    Assert.ThrowsExactly<PowerCutException>(() => PosTerminal.Tools.Checks.Store.StoreFork.Clone(store, cut).Commit(batch));
                    cut.PowerUp();
                    var rebooted = new LogStore(cut);
                    bool all = rebooted.Read(RecordKeys.FirstBinding) == null && rebooted.Read(RecordKeys.Settings) == null
                        && rebooted.Read(RecordKeys.FirstAuditEntry) != null && rebooted.Read(RecordKeys.Password) != null;
                    bool none = rebooted.Read(RecordKeys.FirstBinding) != null && rebooted.Read(RecordKeys.Settings) != null
                        && rebooted.Read(RecordKeys.FirstAuditEntry) == null && rebooted.Read(RecordKeys.Password) == null;
                    Assert.IsTrue(all || none, "cut " + mode + " at word " + k + " of " + words);
                    Assert.IsFalse(rebooted.MountReport.FailClosed, "a cut is not damage");
                    if (all) sawNew++; else sawOld++;
                }
            }
            Assert.IsGreaterThan(0, sawOld);
            Assert.IsGreaterThan(0, sawNew);
        }

        [TestMethod]
        public void AnOversizedBatchIsRefusedAndChangesNothing()
        {
            var flash = new SimFlash();
            var store = new LogStore(flash);
            Assert.AreEqual(2016, store.MaxCommitBytes, "half a 4 KiB sector, less its header and reserved records");
            var batch = new RecordBatch();
            for (int i = 0; i < 8; i++) batch.Write(RecordKeys.FirstAuditEntry + i, Bytes(256, i));
            Assert.ThrowsExactly<ArgumentException>(() => store.Commit(batch));
            var bad = new RecordBatch();
            bad.Write(LogFormat.DamageKey, Bytes(4, 1));
            Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => store.Commit(bad));
            store.Commit(new RecordBatch());
            Assert.AreEqual(0L, flash.Operations);
        }

        [TestMethod]
        public void ABatchThatDoesNotFitIsRefusedAndChangesNothing()
        {
            var flash = new SimFlash(3, null, 1024);
            var store = new LogStore(flash);
            int key = 1;
            while (store.LiveBytes + LogFormat.RecordSize(100) <= store.Capacity) store.Write(key++, Bytes(100, key));
            long operations = flash.Operations;
            var batch = new RecordBatch();
            batch.Write(key, Bytes(100, 1));
            batch.Write(key + 1, Bytes(100, 2));
            Assert.ThrowsExactly<StoreFullException>(() => store.Commit(batch));
            Assert.AreEqual(operations, flash.Operations);
            Assert.IsNull(store.Read(key));
        }

        // ---- damage API ---------------------------------------------------------------

        [TestMethod]
        public void ACleanStoreCallsNothingDamaged()
        {
            var store = new LogStore(new SimFlash());
            store.Write(RecordKeys.Password, Bytes(48, 1));
            Assert.IsFalse(store.IsDamaged(RecordKeys.Password));
            Assert.IsFalse(store.IsDamaged(RecordKeys.UnlockCode));
            Assert.IsFalse(store.IsDamaged(0), "keys the store cannot hold are never damaged");
            Assert.IsFalse(store.MountReport.FailClosed);
        }

        // ---- format versions ----------------------------------------------------------

        [TestMethod]
        public void AVersion1ImageIsReadAndTheStoreCarriesOnInVersion2()
        {
            var flash = new SimFlash();
            // Version 1 as the first LogStore wrote it: header version 1, records with plain sequences.
            WriteV1Sector(flash, 0, 1, new[] { RecordKeys.Settings, RecordKeys.Password, RecordKeys.FirstBinding }, new[] { Bytes(2, 1), Bytes(57, 2), Bytes(40, 3) });
            var store = new LogStore(flash);
            Assert.AreEqual(MountOutcome.Clean, store.MountReport.Outcome);
            CollectionAssert.AreEqual(Bytes(57, 2), store.Read(RecordKeys.Password));
            CollectionAssert.AreEqual(Bytes(40, 3), store.Read(RecordKeys.FirstBinding));
            for (int i = 0; i < 300; i++) store.Write(RecordKeys.FirstBinding + 1, Bytes(56, i));
            var rebooted = new LogStore(flash);
            Assert.AreEqual(MountOutcome.Clean, rebooted.MountReport.Outcome);
            CollectionAssert.AreEqual(Bytes(2, 1), rebooted.Read(RecordKeys.Settings));
            CollectionAssert.AreEqual(Bytes(56, 299), rebooted.Read(RecordKeys.FirstBinding + 1));
            Assert.AreEqual((ushort)2, BitConverter.ToUInt16(flash.Image, flash.SectorSize + 4), "new sectors are version 2");
        }

        private static void WriteV1Sector(SimFlash flash, int sector, uint seq, int[] keys, byte[][] values)
        {
            var header = new byte[16];
            LogFormat.WriteU32(header, 0, LogFormat.SectorMagic);
            LogFormat.WriteU16(header, 4, 1);
            LogFormat.WriteU16(header, 6, 0xFFFF);
            LogFormat.WriteU32(header, 8, seq);
            LogFormat.WriteU32(header, 12, Crc32.Compute(header, 0, 12));
            flash.Program(sector * flash.SectorSize, header, 0, 16);
            int at = sector * flash.SectorSize + 16;
            for (int i = 0; i < keys.Length; i++)
            {
                int length = values[i].Length;
                var record = new byte[LogFormat.RecordSize(length)];
                for (int p = 0; p < record.Length; p++) record[p] = 0xFF;
                LogFormat.WriteU16(record, 0, keys[i]);
                LogFormat.WriteU16(record, 2, LogFormat.InfoValue | LogFormat.InfoReserved | length);
                LogFormat.WriteU32(record, 4, (uint)(i + 1));
                Array.Copy(values[i], 0, record, 8, length);
                LogFormat.WriteU32(record, 8 + LogFormat.Padded(length), Crc32.Compute(record, 0, 8 + length));
                flash.Program(at, record, 0, record.Length);
                at += record.Length;
            }
        }

        private static uint FirstWord(SimFlash flash, int address)
        {
            var word = new byte[4];
            flash.Read(address, word, 0, 4);
            return BitConverter.ToUInt32(word, 0);
        }

        internal static byte[] Bytes(int length, int seed)
        {
            var bytes = new byte[length];
            new Random(seed).NextBytes(bytes);
            return bytes;
        }
    }
}

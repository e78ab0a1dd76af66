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

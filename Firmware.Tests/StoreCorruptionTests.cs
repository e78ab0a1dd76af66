using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Storage;
using PosTerminal.Virtual.Flash;

namespace PosTerminal.Firmware.Tests
{
    /// <summary>Foreign or damaged flash content: detected by CRC, newest intact state or factory state, and a report.</summary>
    [TestClass]
    public sealed class StoreCorruptionTests
    {
        // The first commit on blank flash opens sector 0; its first record follows the sector header.
        private const int FirstRecord = LogFormat.SectorHeaderSize;

        [TestMethod]
        public void Crc32MatchesSystemIOHashing()
        {
            byte[] check = { (byte)'1', (byte)'2', (byte)'3', (byte)'4', (byte)'5', (byte)'6', (byte)'7', (byte)'8', (byte)'9' };
            Assert.AreEqual(0xCBF43926u, Crc32.Compute(check, 0, check.Length));
            var random = new Random(1);
            for (int length = 0; length < 600; length += 1 + length / 8)
            {
                var data = new byte[length + 7];
                random.NextBytes(data);
                uint expected = System.IO.Hashing.Crc32.HashToUInt32(data.AsSpan(3, length));
                Assert.AreEqual(expected, Crc32.Compute(data, 3, length), "length " + length);
            }
        }

        [TestMethod]
        public void BitFlipInASupersededRecordIsDetectedAndHarmless()
        {
            var flash = new SimFlash();
            var store = new LogStore(flash);
            store.Write(RecordKeys.Settings, LogStoreTests.Bytes(32, 1));
            store.Write(RecordKeys.Settings, LogStoreTests.Bytes(32, 2));
            store.Write(RecordKeys.Password, LogStoreTests.Bytes(48, 3));
            flash.Image[FirstRecord + LogFormat.RecordHeaderSize + 5] ^= 0x10;

            var rebooted = new LogStore(flash);
            Assert.AreEqual(MountOutcome.Recovered, rebooted.MountReport.Outcome);
            Assert.AreEqual(1, rebooted.MountReport.CorruptRecords);
            CollectionAssert.AreEqual(LogStoreTests.Bytes(32, 2), rebooted.Read(RecordKeys.Settings));
            CollectionAssert.AreEqual(LogStoreTests.Bytes(48, 3), rebooted.Read(RecordKeys.Password));
        }

        [TestMethod]
        public void BitFlipInTheNewestRecordFallsBackToTheNewestIntactValue()
        {
            var flash = new SimFlash();
            var store = new LogStore(flash);
            store.Write(RecordKeys.Settings, LogStoreTests.Bytes(32, 1));
            store.Write(RecordKeys.Settings, LogStoreTests.Bytes(32, 2));
            store.Write(RecordKeys.Password, LogStoreTests.Bytes(48, 3));
            int second = FirstRecord + LogFormat.RecordSize(32);
            flash.Image[second + LogFormat.RecordHeaderSize] ^= 0x01;

            var rebooted = new LogStore(flash);
            Assert.AreEqual(MountOutcome.Recovered, rebooted.MountReport.Outcome);
            Assert.AreEqual(1, rebooted.MountReport.CorruptRecords);
            CollectionAssert.AreEqual(LogStoreTests.Bytes(32, 1), rebooted.Read(RecordKeys.Settings));
            CollectionAssert.AreEqual(LogStoreTests.Bytes(48, 3), rebooted.Read(RecordKeys.Password), "records after the bad one still count");
        }

        [TestMethod]
        public void RecordThatGoesBadAfterBootIsCaughtOnRead()
        {
            var flash = new SimFlash();
            var store = new LogStore(flash);
            store.Write(RecordKeys.Settings, LogStoreTests.Bytes(32, 1));
            store.Write(RecordKeys.Settings, LogStoreTests.Bytes(32, 2));
            int second = FirstRecord + LogFormat.RecordSize(32);
            flash.Image[second + LogFormat.RecordHeaderSize + 3] ^= 0x80;
            CollectionAssert.AreEqual(LogStoreTests.Bytes(32, 1), store.Read(RecordKeys.Settings), "never hand out bytes that fail their CRC");
        }

        [TestMethod]
        public void DamagedSectorHeaderLosesOnlyThatSector()
        {
            var flash = new SimFlash(4, null, 1024);
            var store = new LogStore(flash);
            store.Write(RecordKeys.Settings, LogStoreTests.Bytes(32, 1));
            for (int i = 0; i < 40; i++) store.Write(RecordKeys.FirstBinding, LogStoreTests.Bytes(56, i));
            flash.Image[flash.SectorSize + 9] ^= 0x04; // sector 1's sequence number: its header CRC fails

            var rebooted = new LogStore(flash);
            Assert.AreEqual(MountOutcome.Recovered, rebooted.MountReport.Outcome);
            Assert.AreEqual(1, rebooted.MountReport.BadSectors);
            Assert.IsNotNull(rebooted.Read(RecordKeys.Settings), "settings live in another sector");
            Assert.IsNotNull(rebooted.Read(RecordKeys.FirstBinding));
            Assert.AreEqual(MountOutcome.Clean, new LogStore(flash).MountReport.Outcome, "the bad sector was marked, not reported twice");
        }

        [TestMethod]
        public void RandomGarbageBootsToFactoryStateAndTheStoreWorksAfter()
        {
            var flash = new SimFlash();
            new Random(42).NextBytes(flash.Image);
            var store = new LogStore(flash);
            Assert.AreEqual(MountOutcome.Formatted, store.MountReport.Outcome);
            Assert.AreEqual(flash.SectorCount, store.MountReport.BadSectors);
            Assert.AreEqual(0, store.MountReport.Records);
            foreach (int key in PosTerminal.Tools.Checks.Store.Workload.Keys()) Assert.IsNull(store.Read(key));

            store.Write(RecordKeys.Password, LogStoreTests.Bytes(48, 7));
            var rebooted = new LogStore(flash);
            Assert.AreEqual(MountOutcome.Clean, rebooted.MountReport.Outcome);
            CollectionAssert.AreEqual(LogStoreTests.Bytes(48, 7), rebooted.Read(RecordKeys.Password));
        }

        [TestMethod]
        public void TheGapLeftByABootIsNeverRead()
        {
            var flash = new SimFlash();
            new LogStore(flash).Write(RecordKeys.Settings, LogStoreTests.Bytes(32, 1));
            // The reboot marks a gap after the settings record and resumes appending past it.
            var store = new LogStore(flash);
            long erases = flash.Erases;
            store.Write(RecordKeys.FirstBinding, LogStoreTests.Bytes(56, 2));
            Assert.AreEqual(erases, flash.Erases, "the commit after a boot resumes in the same sector");
            int gap = FirstRecord + LogFormat.RecordSize(32);
            Assert.AreEqual(0u, BitConverter.ToUInt32(flash.Image, gap), "the gap mark");
            Assert.AreEqual((uint)RecordKeys.FirstBinding, BitConverter.ToUInt32(flash.Image, gap + LogFormat.GapSize) & 0xFFFF, "the binding starts past the gap");
            // Whatever a power cut could have left in the gap is never looked at.
            var random = new Random(3);
            for (int a = gap + 4; a < gap + LogFormat.GapSize; a++) flash.Image[a] = (byte)random.Next(256);

            var rebooted = new LogStore(flash);
            Assert.AreEqual(MountOutcome.Clean, rebooted.MountReport.Outcome);
            CollectionAssert.AreEqual(LogStoreTests.Bytes(32, 1), rebooted.Read(RecordKeys.Settings));
            CollectionAssert.AreEqual(LogStoreTests.Bytes(56, 2), rebooted.Read(RecordKeys.FirstBinding));
        }
    }
}

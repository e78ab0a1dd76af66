using System;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Esp32.Adapters;
using PosTerminal.Firmware.Storage;
using PosTerminal.Virtual.Flash;

namespace PosTerminal.Firmware.Tests
{
    /// <summary>
    /// The ESP32's FileFlash (one file per sector on LittleFS), compiled here against the
    /// desktop's System.IO: NOR semantics, the file layout, the store running on it, and the
    /// split of a region the first layout (one 64 KiB file) left.
    /// </summary>
    [TestClass]
    public sealed class FileFlashTests
    {
        private string _dir;

        [TestInitialize]
        public void MakeDirectory()
        {
            _dir = Path.Combine(Path.GetTempPath(), "fileflash-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_dir);
        }

        [TestCleanup]
        public void RemoveDirectory()
        {
            Directory.Delete(_dir, true);
        }

        private string Region { get { return Path.Combine(_dir, "posterm.flash"); } }

        [TestMethod]
        public void NewRegionReadsErasedAndHasNoFiles()
        {
            var flash = new FileFlash(Region, 4096, 16);
            var bytes = new byte[8192];
            flash.Read(4096, bytes, 0, bytes.Length);
            Assert.IsTrue(Array.TrueForAll(bytes, b => b == 0xFF));
            Assert.IsEmpty(Directory.GetFiles(_dir), "nothing is written until the store programs");
        }

        [TestMethod]
        public void ProgramAndsAndAppendsEraseDeletesTheFile()
        {
            var flash = new FileFlash(Region, 4096, 16);
            flash.Program(4096 + 16, new byte[] { 0x0F, 0xF0, 0x12, 0x34 }, 0, 4);
            Assert.AreEqual(20L, new FileInfo(flash.SectorPath(1)).Length, "the file ends at the last programmed word");
            flash.Program(4096 + 16, new byte[] { 0x07, 0xFF, 0x02, 0x30 }, 0, 4);
            var word = new byte[4];
            flash.Read(4096 + 16, word, 0, 4);
            CollectionAssert.AreEqual(new byte[] { 0x07, 0xF0, 0x02, 0x30 }, word, "programming only clears bits");
            var reopened = new FileFlash(Region, 4096, 16);
            var head = new byte[20];
            reopened.Read(4096, head, 0, 20);
            CollectionAssert.AreEqual(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF }, head[..4], "the filler before the first program reads erased");
            CollectionAssert.AreEqual(word, head[16..20]);
            reopened.Erase(1);
            Assert.IsFalse(File.Exists(reopened.SectorPath(1)));
            reopened.Read(4096 + 16, word, 0, 4);
            CollectionAssert.AreEqual(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF }, word);
        }

        [TestMethod]
        public void TheStoreRunsOnItAcrossReboots()
        {
            var store = new LogStore(new FileFlash(Region, 4096, 16));
            var batch = new RecordBatch();
            batch.Write(RecordKeys.FirstBinding, LogStoreTests.Bytes(50, 1));
            batch.Write(RecordKeys.FirstAuditEntry, LogStoreTests.Bytes(30, 2));
            store.Commit(batch);
            for (int i = 0; i < 600; i++) store.Write(RecordKeys.FirstBinding + 1 + i % 3, LogStoreTests.Bytes(56, i));
            store.Delete(RecordKeys.FirstBinding + 1);
            var rebooted = new LogStore(new FileFlash(Region, 4096, 16));
            Assert.AreEqual(MountOutcome.Clean, rebooted.MountReport.Outcome);
            CollectionAssert.AreEqual(LogStoreTests.Bytes(50, 1), rebooted.Read(RecordKeys.FirstBinding));
            CollectionAssert.AreEqual(LogStoreTests.Bytes(30, 2), rebooted.Read(RecordKeys.FirstAuditEntry));
            Assert.IsNull(rebooted.Read(RecordKeys.FirstBinding + 1));
            CollectionAssert.AreEqual(LogStoreTests.Bytes(56, 599), rebooted.Read(RecordKeys.FirstBinding + 3));
            foreach (string file in Directory.GetFiles(_dir))
                Assert.IsLessThanOrEqualTo(4096L, new FileInfo(file).Length, file + ": no sector file outgrows its sector");
        }

        [TestMethod]
        public void TheFirstLayoutsSingleFileIsSplitIntoSectorFiles()
        {
            // A store written on the old layout: one 64 KiB file, erased bytes and all.
            var sim = new SimFlash();
            var old = new LogStore(sim);
            old.Write(RecordKeys.Password, LogStoreTests.Bytes(48, 3));
            for (int i = 0; i < 200; i++) old.Write(RecordKeys.FirstBinding, LogStoreTests.Bytes(56, i));
            File.WriteAllBytes(Region, sim.Image);

            var flash = new FileFlash(Region, 4096, 16);
            Assert.IsFalse(File.Exists(Region), "the old file goes once split");
            var image = new byte[sim.Image.Length];
            flash.Read(0, image, 0, image.Length);
            CollectionAssert.AreEqual(sim.Image, image);
            var store = new LogStore(flash);
            CollectionAssert.AreEqual(LogStoreTests.Bytes(48, 3), store.Read(RecordKeys.Password));
            CollectionAssert.AreEqual(LogStoreTests.Bytes(56, 199), store.Read(RecordKeys.FirstBinding));
        }
    }
}

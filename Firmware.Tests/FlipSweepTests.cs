using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Tools.Checks.Store;

namespace PosTerminal.Firmware.Tests
{
    /// <summary>
    /// Issue 10's bit-flip check at the store level (FlipSweep + StoreFlipCheck): seeded flips
    /// over the whole 64 KiB region of a rich image, each followed by boots; for every key,
    /// Read gives the last committed value or IsDamaged says it may not. `--bench store`
    /// runs the same sweep with more flips and prints its figures.
    /// </summary>
    [TestClass]
    public sealed class FlipSweepTests
    {
        private static readonly RichImage Image = RichImage.Build(1);

        public TestContext TestContext { get; set; }

        [TestMethod]
        public void TheRichImageHoldsEveryKindOfRecord()
        {
            FlashMap map = FlashMap.Of(Image.Flash);
            Assert.IsGreaterThan(0, map.RetireRecords, "a full lap of compaction");
            Assert.IsGreaterThan(10, map.GapMarks, "many boots");
            Assert.IsGreaterThan(10, map.BatchRecords);
            Assert.IsGreaterThan(10, map.Tombstones);
            Assert.AreEqual(Image.Flash.SectorCount - 1, map.SectorsInUse, "the ring is full but for its spare");
            Dictionary<FlashRegion, int> census = map.Census();
            foreach (FlashRegion region in new[] { FlashRegion.SectorHeader, FlashRegion.RecordHeader, FlashRegion.RecordValue, FlashRegion.RecordPadding,
                FlashRegion.RecordCrc, FlashRegion.GapMark, FlashRegion.GapInterior, FlashRegion.Erased, FlashRegion.FreeSector })
            {
                Assert.IsTrue(census.ContainsKey(region), region + " is missing");
            }
            Assert.IsFalse(census.ContainsKey(FlashRegion.Unparsed));
            foreach (int key in new[] { 0x01, 0x02, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x10, 0x30 })
                Assert.IsTrue(Image.Values.ContainsKey(key), "key " + key);
            Assert.IsFalse(Image.Values.ContainsKey(0x16), "a deregistered binding");
        }

        [TestMethod]
        public void NoSingleFlippedBitChangesWhatAnyKeyReadsUnsaid()
        {
            FlipSweepResult result = FlipSweep.Run(Image.Flash, new FlipSweepOptions { Flips = 1200, Seed = 1 }, StoreFlipCheck.For(Image.Values, Image.Keys));
            TestContext.WriteLine(result.ToString());
            Assert.AreEqual(0L, result.Wrong, result + "\n" + result.Log.Text);
            Assert.AreEqual(1200L, result.Flips);
            Assert.AreEqual(Image.Flash.SectorCount, result.SectorsHit);
            Assert.AreEqual(0L, result.Damaged, "one flipped bit is always corrected or harmless: nothing need fail closed");
            Assert.IsGreaterThan(500L, result.Corrected);
            foreach (string region in new[] { "SectorHeader in force", "RecordHeader in force", "RecordValue in force", "RecordCrc in force", "GapMark", "Erased", "RecordPadding" })
            {
                Assert.IsTrue(result.ByRegion.ContainsKey(region) || result.ByRegion.ContainsKey(region.Replace(" in force", "")), region + " got no flip");
            }
        }

        [TestMethod]
        public void TwoFlippedBitsFailClosedNeverSilently()
        {
            FlipSweepResult result = FlipSweep.Run(Image.Flash, new FlipSweepOptions { Flips = 600, Seed = 2, TwoBits = true }, StoreFlipCheck.For(Image.Values, Image.Keys));
            TestContext.WriteLine(result.ToString());
            Assert.AreEqual(0L, result.Wrong, result + "\n" + result.Log.Text);
            Assert.IsGreaterThan(100L, result.Damaged, "two bits in one record are beyond correction: damage, reported");
        }

        [TestMethod]
        public void TheStoreCheckCatchesAWrongValue()
        {
            // The oracle itself: a model that disagrees with the image must be called wrong.
            var values = new Dictionary<int, byte[]>(Image.Values);
            values[0x01] = new byte[] { 9, 9 };
            FlipSweepResult result = FlipSweep.Run(Image.Flash, new FlipSweepOptions { Flips = 20, Seed = 3 }, StoreFlipCheck.For(values, Image.Keys));
            Assert.AreEqual(20L, result.Wrong);
        }
    }
}

using System;
using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Storage;
using PosTerminal.Tools.Checks.Store;

namespace PosTerminal.Firmware.Tests
{
    /// <summary>
    /// The facts single-bit correction rests on (SPEC.md, "Correction"), checked rather than
    /// trusted: the syndrome locates every bit, no two single bits look alike, no two flipped
    /// bits look like one (CRC-32/IEEE's Hamming distance is at least 4 at these lengths), and
    /// no record's first word is one or two flips from a gap mark or an erased word.
    /// </summary>
    [TestClass]
    public sealed class StoreCorrectionMathTests
    {
        // Header, the longest value, and the CRC word: every bit a record's CRC can see.
        private const int LongestCovered = LogFormat.RecordHeaderSize + LogFormat.MaxValueLength;

        [TestMethod]
        public void TheSyndromeLocatesEveryFlippedBit()
        {
            var random = new Random(4);
            foreach (int length in new[] { 12, 20, 68, LongestCovered })
            {
                var data = new byte[length];
                random.NextBytes(data);
                uint crc = Crc32.Compute(data, 0, length);
                for (int bit = 0; bit < 8 * length; bit++)
                {
                    data[bit / 8] ^= (byte)(1 << (bit % 8));
                    uint syndrome = Crc32.Compute(data, 0, length) ^ crc;
                    data[bit / 8] ^= (byte)(1 << (bit % 8));
                    Assert.AreEqual(bit, Crc32.LocateBitError(syndrome, length), "length " + length);
                }
                Assert.AreEqual(-1, Crc32.LocateBitError(0x80000001, length), "two bits in the CRC word are no data bit");
            }
        }

        [TestMethod]
        public void NoTwoThreeOrFourFlippedBitsCancelOutAtRecordLengths()
        {
            // Over every bit a record's CRC sees (header, longest value, CRC word): all single-bit
            // syndromes differ (distance >= 3), no pair XORs to a single (>= 4), no two disjoint
            // pairs XOR alike (>= 5). So one flip is located exactly, and two or three flips are
            // never taken for one (Koopman: CRC-32/IEEE has HD 5 up to 2,974 bits).
            uint[] single = SingleBitSyndromes(LongestCovered);
            var singles = new HashSet<uint>(single);
            Assert.AreEqual(single.Length, singles.Count, "every single bit has its own syndrome");
            var pairs = new Dictionary<uint, int>(single.Length * (single.Length - 1) / 2);
            for (int i = 0; i < single.Length; i++)
            {
                for (int j = i + 1; j < single.Length; j++)
                {
                    uint x = single[i] ^ single[j];
                    if (singles.Contains(x)) Assert.Fail("bits " + i + " and " + j + " look like one flipped bit");
                    if (!pairs.TryAdd(x, i)) Assert.Fail("bits " + i + " and " + j + " cancel out against another pair");
                }
            }
        }

        [TestMethod]
        public void NoRecordsFirstWordIsWithinTwoFlipsOfAGapMarkOrAnErasedWord()
        {
            int least = 32, most = 0;
            for (int key = 1; key <= LogFormat.RetireKey; key++)
            {
                int keyBits = LogFormat.BitCount((uint)key);
                // Reserved bits set; a tombstone has length 0; a value's length is at most 256 (8 bits set at most).
                int fewest = keyBits + 3;
                int mostBits = keyBits + 3 + 1 + 8;
                least = Math.Min(least, fewest);
                most = Math.Max(most, mostBits);
            }
            Assert.AreEqual(4, least);
            Assert.AreEqual(27, most);
            Assert.IsGreaterThan(LogFormat.GapBits + 2, least, "two flips leave it a record, never a gap mark");
            Assert.IsLessThan(LogFormat.ErasedBits - 2, most, "two flips leave it a record, never an erased word");
        }

        [TestMethod]
        public void CommittedCrcWordsNeverHaveMoreThanSixteenBitsSet()
        {
            var image = RichImage.Build(2).Flash;
            var map = FlashMap.Of(image);
            int words = 0;
            for (int a = 0; a + 4 <= image.Image.Length; a += 4)
            {
                if (map.Regions[a] != FlashRegion.RecordCrc) continue;
                words++;
                Assert.IsLessThanOrEqualTo(LogFormat.MaxCrcBits, LogFormat.BitCount(BitConverter.ToUInt32(image.Image, a)));
            }
            Assert.IsGreaterThan(500, words);
        }

        /// <summary>The CRC change each single flipped bit makes: data bits first, then the CRC word's own 32.</summary>
        private static uint[] SingleBitSyndromes(int length)
        {
            var data = new byte[length];
            uint crc = Crc32.Compute(data, 0, length);
            var all = new List<uint>();
            for (int bit = 0; bit < 8 * length; bit++)
            {
                data[bit / 8] ^= (byte)(1 << (bit % 8));
                all.Add(Crc32.Compute(data, 0, length) ^ crc);
                data[bit / 8] ^= (byte)(1 << (bit % 8));
            }
            for (int bit = 0; bit < 32; bit++) all.Add(1u << bit);
            return all.ToArray();
        }
    }
}

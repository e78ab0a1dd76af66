using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Storage;
using PosTerminal.Tools.Checks.Security;
using PosTerminal.Tools.Checks.Store;
using PosTerminal.Virtual.Flash;

namespace PosTerminal.Firmware.Tests.SecurityFlow
{
    /// <summary>
    /// Issue 10's bit-flip sweep on the whole terminal (TerminalFlipSweep): a rich image made
    /// through the keypad, console and fleet (TerminalImage), damaged and booted on a fresh
    /// board per case, judged on what the terminal holds and does. `--bench security` runs
    /// 20,000 single-bit and 5,000 two-bit flips and prints the same tables.
    /// </summary>
    [TestClass]
    public sealed class TerminalFlipSweepTests
    {
        private static readonly SimFlash Image = TerminalImage.Build();

        public TestContext TestContext { get; set; }

        [TestMethod]
        public void TheImageHoldsEveryRecordKindTheFirmwareWrites()
        {
            FlashMap map = FlashMap.Of(Image);
            foreach (string kind in RecordKinds.Written)
            {
                int n = map.Entries.Count(r => RecordKinds.Of(r.Key) == kind);
                TestContext.WriteLine(kind + ": " + n + " records, " + map.Entries.Count(r => RecordKinds.Of(r.Key) == kind && r.InForce) + " in force");
                Assert.IsGreaterThan(0, n, kind + " is missing");
            }
            Assert.IsTrue(map.Entries.Any(r => RecordKinds.Of(r.Key) == "binding" && r.Tombstone && r.InForce), "a deregistered binding's tombstone in force");
            foreach (int key in new[] { RecordKeys.Password, RecordKeys.TechnicianCode, RecordKeys.UnlockCode })
                Assert.IsGreaterThanOrEqualTo(2, map.Entries.Count(r => r.Key == key && !r.Tombstone), RecordKinds.Of(key) + ": an older hash is still in flash");
            Assert.IsTrue(map.Entries.Any(r => r.Key == RecordKeys.TerminalLock && !r.Tombstone && r.InForce), "locked");
            Assert.IsTrue(map.Entries.Any(r => r.Key == RecordKeys.TerminalLock && r.Tombstone), "a lock lifted before");
            Assert.IsTrue(map.Entries.Any(r => r.Key == RecordKeys.Lifecycle && !r.Tombstone && r.InForce), "paused by the fleet");
            Assert.IsTrue(map.Entries.Any(r => RecordKinds.Of(r.Key) == "outbox event" && !r.Tombstone && r.InForce), "events waiting");
            Assert.IsGreaterThan(10, map.BatchRecords);
            Assert.AreEqual(Image.SectorCount - 1, map.SectorsInUse, "the ring is full but for its spare");
            Dictionary<FlashRegion, int> census = map.Census();
            foreach (FlashRegion region in new[] { FlashRegion.SectorHeader, FlashRegion.RecordPadding, FlashRegion.GapMark, FlashRegion.GapInterior, FlashRegion.Erased, FlashRegion.FreeSector })
                Assert.IsTrue(census.ContainsKey(region), region + " is missing");
            Assert.IsFalse(census.ContainsKey(FlashRegion.Unparsed));
        }

        [TestMethod]
        public void NoSingleFlippedBitRollsSecurityBackOrChangesAnything()
        {
            List<FlashDamage> flips = TerminalFlipSweep.Flips(Image, 1000, 20261125, false);
            TerminalSweepResult r = TerminalFlipSweep.Run(Image, flips, exact: true);
            Print(r);
            Assert.AreEqual(0L, r.Violations, string.Join("\n", r.ViolationLines));
            Assert.AreEqual(1000L, r.Cases);
            Assert.AreEqual(0L, r.FailClosed, "one bit is corrected or harmless: nothing need fail closed");
            Assert.IsGreaterThan(600L, r.Corrected);
            Assert.IsGreaterThan(0L, r.Unchanged);
            foreach (string kind in RecordKinds.Written.Concat(new[] { "sector header", "gap mark", "inside a gap", "erased tail", "free sector" }))
                Assert.IsTrue(r.ByKind.ContainsKey(kind), kind + " got no flip");
        }

        [TestMethod]
        public void TwoFlippedBitsFailClosedNeverBack()
        {
            TerminalSweepResult r = TerminalFlipSweep.Run(Image, TerminalFlipSweep.Flips(Image, 500, 7, true), exact: false);
            Print(r);
            Assert.AreEqual(0L, r.Violations, string.Join("\n", r.ViolationLines));
            Assert.IsGreaterThan(100L, r.FailClosed, "two bits in a record are beyond correction: damage, reported, on the safe side");
        }

        [TestMethod]
        public void ZeroedWordsHeadersAndGarbageFailClosedNeverBack()
        {
            List<FlashDamage> damage = TerminalFlipSweep.MultiByte(Image, 3);
            TerminalSweepResult r = TerminalFlipSweep.Run(Image, damage, exact: false);
            Print(r);
            Assert.AreEqual(0L, r.Violations, string.Join("\n", r.ViolationLines));
            Assert.IsGreaterThan(50L, r.FailClosed);
            Assert.IsTrue(damage.Any(d => d.Name == "bytes 0-3 zeroed"));
            Assert.AreEqual(Image.SectorCount - 1, damage.Count(d => d.Name.EndsWith("header zeroed", StringComparison.Ordinal)));
        }

        /// <summary>
        /// The oracle itself: damage no store can see (a forged record: another key, its CRC
        /// recomputed) brings back the older password, lifts the lock, or revives a
        /// deregistered card; each must be called a violation, by what the terminal does.
        /// </summary>
        [TestMethod]
        public void TheOracleCatchesForgedRollbacks()
        {
            var forged = new List<FlashDamage> { Rekeyed(RecordKeys.Password), Rekeyed(RecordKeys.TerminalLock), Rekeyed(RecordKeys.FirstBinding + 4) };
            TerminalFlipSweep.Boot baseline = TerminalFlipSweep.Boot.Of(Image);
            string[] why = forged.Select(d => TerminalFlipSweep.Judge(Image, d, baseline, false)).Select(v => v.Outcome + ": " + v.Why).ToArray();
            TestContext.WriteLine(string.Join("\n", why));
            StringAssert.Contains(why[0], "rollback: the old password is current again");
            StringAssert.Contains(why[0], "rollback: the old password logged in");
            StringAssert.Contains(why[1], "rollback: the lock disappeared");
            StringAssert.Contains(why[2], "resurrection: deregistered card 4111");
            Assert.IsTrue(why.All(w => w.StartsWith("Violation", StringComparison.Ordinal)));
        }

        /// <summary>The newest record of key moved to an unused key with a valid CRC: the store reads the one before.</summary>
        private static FlashDamage Rekeyed(int key)
        {
            FlashRecord newest = FlashMap.Of(Image).Entries.Where(r => r.Key == key).OrderByDescending(r => r.Sequence).First();
            return new FlashDamage("record " + key + " forged away", RecordKinds.Of(key), image =>
            {
                image[newest.Address] = 0x77;
                image[newest.Address + 1] = 0x07;
                uint crc = Crc32.Compute(image, newest.Address, LogFormat.RecordHeaderSize + newest.Length);
                LogFormat.WriteU32(image, newest.Address + LogFormat.RecordHeaderSize + LogFormat.Padded(newest.Length), crc);
            });
        }

        private void Print(TerminalSweepResult r)
        {
            TestContext.WriteLine(r.ToString());
            TestContext.WriteLine("safe sides: " + r.SafeSideText());
            TestContext.WriteLine(r.KindTable());
            foreach (string v in r.ViolationLines) TestContext.WriteLine(v);
        }
    }
}

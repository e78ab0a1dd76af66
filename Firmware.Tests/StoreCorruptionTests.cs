using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Storage;
using PosTerminal.Virtual.Flash;

namespace PosTerminal.Firmware.Tests
{
    /// <summary>
    /// Damaged flash: one flipped bit is corrected and made good; more is damage that fails
    /// closed (IsDamaged, never an older or a deleted value); the boot says which.
    /// </summary>
    [TestClass]
    public sealed class StoreCorruptionTests
    {
        // The first commit on blank flash opens sector 0; its first record follows the sector header.
        private const int FirstRecord = LogFormat.SectorHeaderSize;

        private static byte[] B(int length, int seed) { return LogStoreTests.Bytes(length, seed); }

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
        public void AFlippedBitInASupersededRecordIsCorrectedAndIsNoNews()
        {
            var flash = new SimFlash();
            var store = new LogStore(flash);
            store.Write(RecordKeys.Settings, B(32, 1));
            store.Write(RecordKeys.Settings, B(32, 2));
            store.Write(RecordKeys.Password, B(48, 3));
            flash.Image[FirstRecord + LogFormat.RecordHeaderSize + 5] ^= 0x10;

            var rebooted = new LogStore(flash);
            Assert.AreEqual(MountOutcome.Clean, rebooted.MountReport.Outcome, "no value depended on it");
            Assert.AreEqual(1, rebooted.MountReport.CorrectedElsewhere);
            Assert.AreEqual(0, rebooted.MountReport.CorruptRecords);
            CollectionAssert.AreEqual(B(32, 2), rebooted.Read(RecordKeys.Settings));
            CollectionAssert.AreEqual(B(48, 3), rebooted.Read(RecordKeys.Password));
        }

        [TestMethod]
        public void AFlippedBitInARecordInForceIsCorrectedRewrittenAndReportedOnce()
        {
            var flash = new SimFlash();
            var store = new LogStore(flash);
            store.Write(RecordKeys.Settings, B(32, 1));
            store.Write(RecordKeys.Password, B(48, 3));
            store.Write(RecordKeys.LoginGuard, B(16, 4));
            flash.Image[FirstRecord + LogFormat.RecordHeaderSize + 7] ^= 0x01;

            var rebooted = new LogStore(flash);
            Assert.AreEqual(MountOutcome.Recovered, rebooted.MountReport.Outcome);
            Assert.AreEqual(1, rebooted.MountReport.Repaired);
            Assert.IsFalse(rebooted.MountReport.FailClosed);
            CollectionAssert.AreEqual(B(32, 1), rebooted.Read(RecordKeys.Settings));
            Assert.IsFalse(rebooted.IsDamaged(RecordKeys.Settings));
            var again = new LogStore(flash);
            Assert.AreEqual(MountOutcome.Clean, again.MountReport.Outcome, "rewritten: the next boot needs no correction in force");
            CollectionAssert.AreEqual(B(32, 1), again.Read(RecordKeys.Settings));
        }

        [TestMethod]
        public void EveryBitOfTheNewestRecordIsCorrectedNotTakenForAnInterruptedWrite()
        {
            // Issue 10: a damaged record at the newest sector's tail was dropped as a cut write.
            var flash = new SimFlash();
            var store = new LogStore(flash);
            store.Write(RecordKeys.Password, B(48, 1));
            store.Write(RecordKeys.LoginGuard, B(16, 2));
            store.Write(RecordKeys.LoginGuard, B(16, 3));
            int tail = FirstRecord + LogFormat.RecordSize(48) + LogFormat.RecordSize(16);
            byte[] image = (byte[])flash.Image.Clone();
            for (int bit = 0; bit < 8 * LogFormat.RecordSize(16); bit++)
            {
                var copy = new SimFlash();
                Array.Copy(image, copy.Image, image.Length);
                copy.Image[tail + bit / 8] ^= (byte)(1 << (bit % 8));
                var rebooted = new LogStore(copy);
                CollectionAssert.AreEqual(B(16, 3), rebooted.Read(RecordKeys.LoginGuard), "bit " + bit);
                Assert.IsFalse(rebooted.MountReport.InterruptedWrite, "bit " + bit);
                rebooted.Write(RecordKeys.Settings, B(8, bit));
                CollectionAssert.AreEqual(B(16, 3), new LogStore(copy).Read(RecordKeys.LoginGuard), "bit " + bit + " after a commit");
            }
        }

        [TestMethod]
        public void AFlippedLengthBitIsCorrectedAndTheScanStaysOnTrack()
        {
            var flash = new SimFlash();
            var store = new LogStore(flash);
            store.Write(RecordKeys.Settings, B(32, 1));
            store.Write(RecordKeys.Password, B(48, 2));
            store.Write(RecordKeys.LoginGuard, B(16, 3));
            for (int bit = 0; bit < 12; bit++)
            {
                var copy = flash.Snapshot();
                copy.Image[FirstRecord + 2 + bit / 8] ^= (byte)(1 << (bit % 8));
                var rebooted = new LogStore(copy);
                CollectionAssert.AreEqual(B(32, 1), rebooted.Read(RecordKeys.Settings), "length bit " + bit);
                CollectionAssert.AreEqual(B(48, 2), rebooted.Read(RecordKeys.Password), "length bit " + bit);
                CollectionAssert.AreEqual(B(16, 3), rebooted.Read(RecordKeys.LoginGuard), "length bit " + bit);
                Assert.AreEqual(1, rebooted.MountReport.Repaired, "length bit " + bit);
            }
        }

        [TestMethod]
        public void TwoFlippedBitsFailClosedForEveryKeyAsOldAndOnlyThose()
        {
            var flash = new SimFlash();
            var store = new LogStore(flash);
            store.Write(RecordKeys.Password, B(48, 1));
            store.Write(RecordKeys.Settings, B(32, 2));
            store.Write(RecordKeys.TerminalLock, B(20, 3));
            int settings = FirstRecord + LogFormat.RecordSize(48);
            flash.Image[settings + 9] ^= 0x21;

            var rebooted = new LogStore(flash);
            MountReport report = rebooted.MountReport;
            Assert.AreEqual(MountOutcome.Recovered, report.Outcome);
            Assert.AreEqual(1, report.DamageSites);
            Assert.IsTrue(report.FailClosed);
            Assert.AreEqual(1, report.DamagedKeys, "the password is as old as the damage (the settings had no other record)");
            Assert.IsTrue(rebooted.IsDamaged(RecordKeys.Settings));
            Assert.IsNull(rebooted.Read(RecordKeys.Settings));
            Assert.IsTrue(rebooted.IsDamaged(RecordKeys.Password), "the damaged record could have been a newer password");
            Assert.IsNull(rebooted.Read(RecordKeys.Password), "never the older value");
            Assert.IsTrue(rebooted.IsDamaged(RecordKeys.UnlockCode), "a key with no record at all may have lost its only one");
            Assert.IsFalse(rebooted.IsDamaged(RecordKeys.TerminalLock), "written after the damage: intact for sure");
            CollectionAssert.AreEqual(B(20, 3), rebooted.Read(RecordKeys.TerminalLock));

            var again = new LogStore(flash);
            Assert.AreEqual(MountOutcome.Clean, again.MountReport.Outcome, "found once, marked, no news the next time");
            Assert.IsTrue(again.MountReport.FailClosed);
            Assert.IsTrue(again.IsDamaged(RecordKeys.Password));
            again.Write(RecordKeys.Password, B(48, 9));
            again.Delete(RecordKeys.UnlockCode);
            Assert.IsFalse(again.IsDamaged(RecordKeys.Password), "a new write clears it");
            Assert.IsFalse(again.IsDamaged(RecordKeys.UnlockCode), "so does a delete");
            var third = new LogStore(flash);
            CollectionAssert.AreEqual(B(48, 9), third.Read(RecordKeys.Password));
            Assert.IsFalse(third.IsDamaged(RecordKeys.UnlockCode));
            Assert.IsTrue(third.IsDamaged(RecordKeys.Settings));
        }

        /// <summary>
        /// Under an old damage mark, a key's newest record may be its only one above the mark
        /// (its older ones lie below it). Damage to that record drops no other key, yet the key
        /// read its value at the last boot and is damaged now: the boot must say so.
        /// </summary>
        [TestMethod]
        public void NewDamageAboveAnOldMarkIsNewsEvenWhenNoOtherKeyDrops()
        {
            var flash = new SimFlash();
            var store = new LogStore(flash);
            store.Write(0x7001, B(20, 1));
            store.Write(0x7002, B(20, 1));
            store.Write(0x7003, B(20, 1));
            flash.Image[FirstRecord + LogFormat.RecordSize(20) + 9] ^= 0x21; // 0x7002: an old damage, marked at the next boot
            store = new LogStore(flash);
            Assert.AreEqual(MountOutcome.Recovered, store.MountReport.Outcome);
            store.Write(0x7001, B(20, 2));
            store.Write(0x7004, B(20, 2));
            store.Write(0x7003, B(20, 2));
            Assert.AreEqual(MountOutcome.Clean, new LogStore(flash).MountReport.Outcome);
            int newest = flash.Image.AsSpan().IndexOf(B(20, 2)); // 0x7001's second value: the first written
            Assert.AreEqual(0x7001, BitConverter.ToUInt16(flash.Image, newest - LogFormat.RecordHeaderSize));
            flash.Image[newest + 3] ^= 0x12;

            var rebooted = new LogStore(flash);
            Assert.IsTrue(rebooted.IsDamaged(0x7001), "never the older value below the mark");
            Assert.AreEqual(MountOutcome.Recovered, rebooted.MountReport.Outcome, "the key read a value at the last boot: news");
            Assert.IsTrue(rebooted.MountReport.DamageSites > 0);
            CollectionAssert.AreEqual(B(20, 2), rebooted.Read(0x7004));
            CollectionAssert.AreEqual(B(20, 2), rebooted.Read(0x7003));
            Assert.AreEqual(MountOutcome.Clean, new LogStore(flash).MountReport.Outcome, "marked: no news the next time");
        }

        /// <summary>
        /// The newest record with a length bit flipped (longer) and one more bit: under the
        /// stored length its CRC word lies in the erased space after it, the shape a power cut
        /// leaves. It was committed whole (its CRC word, under the flipped-back length, is one
        /// bit off): damage, never dropped as an interrupted write (which would bring back the
        /// guard's older, lower count).
        /// </summary>
        [TestMethod]
        public void ALengthBitAndOneMoreInTheNewestRecordAreDamageNotACut()
        {
            var flash = new SimFlash();
            var store = new LogStore(flash);
            store.Write(RecordKeys.LoginGuard, new byte[] { 1, 2, 0, 0, 0, 0, 0 });
            store.Write(RecordKeys.LoginGuard, new byte[] { 1, 3, 0, 0, 0, 0, 0 });
            int newest = FirstRecord + LogFormat.RecordSize(7);
            Assert.AreEqual((uint)RecordKeys.LoginGuard, BitConverter.ToUInt32(flash.Image, newest) & 0xFFFF);
            flash.Image[newest + 2] ^= 0x10; // length 7 becomes 23: the CRC word moves into erased space
            flash.Image[newest + 9] ^= 0x04; // and one bit of the value

            var rebooted = new LogStore(flash);
            Assert.IsFalse(rebooted.MountReport.InterruptedWrite, rebooted.MountReport.ToString());
            Assert.IsTrue(rebooted.IsDamaged(RecordKeys.LoginGuard), "never the older count");
            Assert.IsNull(rebooted.Read(RecordKeys.LoginGuard));
            Assert.IsTrue(rebooted.MountReport.DamageSites > 0 && rebooted.MountReport.FailClosed, "new damage, said");
        }

        [TestMethod]
        public void DamageOutlivesTheCompactionThatErasesItsEvidence()
        {
            var flash = new SimFlash(4, null, 1024);
            var store = new LogStore(flash);
            store.Write(RecordKeys.Password, B(48, 1));
            store.Write(RecordKeys.Password, B(48, 2));
            store.Write(RecordKeys.Settings, B(16, 3));
            flash.Image[FirstRecord + LogFormat.RecordSize(48) + 12] ^= 0x81;
            store = new LogStore(flash);
            Assert.IsTrue(store.IsDamaged(RecordKeys.Password));
            long erases = flash.Erases;
            for (int i = 0; i < 60; i++) store.Write(RecordKeys.FirstBinding + i % 2, B(56, i));
            Assert.IsGreaterThan(erases, flash.Erases, "the ring went round: the damaged sector was compacted away");
            var rebooted = new LogStore(flash);
            Assert.IsTrue(rebooted.IsDamaged(RecordKeys.Password), "the damage mark moved on with the live records");
            Assert.IsNull(rebooted.Read(RecordKeys.Password), "the first password, still intact on flash then, never came back");
            Assert.IsFalse(rebooted.IsDamaged(RecordKeys.Settings), "written after the damage");
            CollectionAssert.AreEqual(B(16, 3), rebooted.Read(RecordKeys.Settings));
            CollectionAssert.AreEqual(B(56, 59), rebooted.Read(RecordKeys.FirstBinding + 1));
        }

        [TestMethod]
        public void ARecordThatGoesBadAfterBootIsCorrectedOrFailsClosedOnRead()
        {
            var flash = new SimFlash();
            var store = new LogStore(flash);
            store.Write(RecordKeys.Settings, B(32, 1));
            store.Write(RecordKeys.Settings, B(32, 2));
            int second = FirstRecord + LogFormat.RecordSize(32);
            flash.Image[second + LogFormat.RecordHeaderSize + 3] ^= 0x80;
            CollectionAssert.AreEqual(B(32, 2), store.Read(RecordKeys.Settings), "one bit: corrected on the way out");
            flash.Image[second + LogFormat.RecordHeaderSize + 4] ^= 0x80;
            Assert.IsNull(store.Read(RecordKeys.Settings), "never hand out bytes that fail their CRC, nor the older value");
            Assert.IsTrue(store.IsDamaged(RecordKeys.Settings));
            store.Write(RecordKeys.Password, B(48, 3));
            var rebooted = new LogStore(flash);
            Assert.IsTrue(rebooted.IsDamaged(RecordKeys.Settings), "the next boot agrees");
            CollectionAssert.AreEqual(B(48, 3), rebooted.Read(RecordKeys.Password));
        }

        [TestMethod]
        public void AFlippedBitInASectorHeaderIsCorrected()
        {
            var flash = new SimFlash(4, null, 1024);
            var store = new LogStore(flash);
            store.Write(RecordKeys.Settings, B(32, 1));
            for (int i = 0; i < 40; i++) store.Write(RecordKeys.FirstBinding, B(56, i));
            for (int bit = 0; bit < 128; bit++)
            {
                var copy = flash.Snapshot();
                copy.Image[copy.SectorSize + bit / 8] ^= (byte)(1 << (bit % 8));
                var rebooted = new LogStore(copy);
                Assert.IsFalse(rebooted.MountReport.FailClosed, "header bit " + bit);
                CollectionAssert.AreEqual(B(56, 39), rebooted.Read(RecordKeys.FirstBinding), "header bit " + bit);
                CollectionAssert.AreEqual(B(32, 1), rebooted.Read(RecordKeys.Settings), "header bit " + bit);
            }
        }

        [TestMethod]
        public void ALostSectorFailsClosedForEveryKeyItMayHaveHeld()
        {
            var flash = new SimFlash(5, null, 1024);
            var store = new LogStore(flash);
            store.Write(RecordKeys.Settings, B(32, 1));
            for (int i = 0; i < 40; i++) store.Write(RecordKeys.FirstBinding, B(56, i));
            store.Write(RecordKeys.Password, B(48, 2));
            // Sector 1 (sequence 2) holds bindings in the middle of the log: two bits, uncorrectable.
            flash.Image[flash.SectorSize + 9] ^= 0x05;

            var rebooted = new LogStore(flash);
            Assert.AreEqual(1, rebooted.MountReport.BadSectors);
            Assert.IsGreaterThanOrEqualTo(1, rebooted.MountReport.DamageSites);
            Assert.IsTrue(rebooted.IsDamaged(RecordKeys.Settings), "older than the lost sector");
            Assert.IsNull(rebooted.Read(RecordKeys.Settings));
            Assert.IsFalse(rebooted.IsDamaged(RecordKeys.Password), "written after it");
            CollectionAssert.AreEqual(B(48, 2), rebooted.Read(RecordKeys.Password));
            Assert.AreEqual(rebooted.IsDamaged(RecordKeys.FirstBinding), rebooted.Read(RecordKeys.FirstBinding) == null);
            Assert.AreEqual(MountOutcome.Clean, new LogStore(flash).MountReport.Outcome, "marked, not reported twice");
            Assert.IsTrue(new LogStore(flash).IsDamaged(RecordKeys.Settings));
        }

        [TestMethod]
        public void ZeroingTheFirstWordOfAFreshTerminalFailsClosedNotAFactoryState()
        {
            // Issue 10: "zeroing bytes 0-3 gives a silent factory state that accepts 123456".
            var flash = new SimFlash();
            var store = new LogStore(flash);
            store.Write(RecordKeys.Password, B(57, 1));
            store.Write(RecordKeys.LoginGuard, B(16, 2));
            store.Write(RecordKeys.FirstBinding, B(40, 3));
            for (int i = 0; i < 4; i++) flash.Image[i] = 0;

            var rebooted = new LogStore(flash);
            Assert.AreEqual(MountOutcome.Formatted, rebooted.MountReport.Outcome);
            Assert.IsTrue(rebooted.MountReport.FailClosed);
            foreach (int key in new[] { RecordKeys.Password, RecordKeys.LoginGuard, RecordKeys.FirstBinding, RecordKeys.UnlockCode, RecordKeys.TerminalLock })
            {
                Assert.IsTrue(rebooted.IsDamaged(key), "key " + key);
                Assert.IsNull(rebooted.Read(key));
            }
            Assert.IsTrue(new LogStore(flash).IsDamaged(RecordKeys.Password), "and it stays so");
        }

        [TestMethod]
        public void ZeroingTheHeaderOfTheNewestSectorFailsClosed()
        {
            var flash = new SimFlash(4, null, 1024);
            var store = new LogStore(flash);
            for (int i = 0; i < 30; i++) store.Write(RecordKeys.FirstBinding + i % 3, B(56, i));
            store.Write(RecordKeys.Password, B(48, 2));
            int newest = -1;
            uint best = 0;
            for (int s = 0; s < flash.SectorCount; s++)
            {
                uint seq = BitConverter.ToUInt32(flash.Image, s * flash.SectorSize + 8);
                if (BitConverter.ToUInt32(flash.Image, s * flash.SectorSize) == LogFormat.SectorMagic && seq > best)
                {
                    best = seq;
                    newest = s;
                }
            }
            Array.Clear(flash.Image, newest * flash.SectorSize, LogFormat.SectorHeaderSize);

            var rebooted = new LogStore(flash);
            Assert.IsTrue(rebooted.MountReport.FailClosed);
            Assert.IsTrue(rebooted.IsDamaged(RecordKeys.Password), "its newest records were in the lost sector");
            Assert.IsNull(rebooted.Read(RecordKeys.Password));
        }

        [TestMethod]
        public void RandomGarbageFailsClosedAndTheStoreWorksAfter()
        {
            var flash = new SimFlash();
            new Random(42).NextBytes(flash.Image);
            var store = new LogStore(flash);
            Assert.AreEqual(MountOutcome.Formatted, store.MountReport.Outcome);
            Assert.AreEqual(flash.SectorCount, store.MountReport.BadSectors);
            Assert.AreEqual(0, store.MountReport.Records);
            Assert.IsTrue(store.MountReport.FailClosed, "content that is not a store is not a factory state");
            foreach (int key in PosTerminal.Tools.Checks.Store.Workload.Keys())
            {
                Assert.IsNull(store.Read(key));
                Assert.IsTrue(store.IsDamaged(key));
            }

            store.Write(RecordKeys.Password, B(48, 7));
            var rebooted = new LogStore(flash);
            Assert.AreEqual(MountOutcome.Clean, rebooted.MountReport.Outcome);
            CollectionAssert.AreEqual(B(48, 7), rebooted.Read(RecordKeys.Password));
            Assert.IsFalse(rebooted.IsDamaged(RecordKeys.Password));
            Assert.IsTrue(rebooted.IsDamaged(RecordKeys.Settings));
        }

        [TestMethod]
        public void TheGapLeftByABootHoldsNothingAndDataInItIsDamage()
        {
            var flash = new SimFlash();
            new LogStore(flash).Write(RecordKeys.Settings, B(32, 1));
            // The reboot marks a gap after the settings record and resumes appending past it.
            var store = new LogStore(flash);
            long erases = flash.Erases;
            store.Write(RecordKeys.FirstBinding, B(56, 2));
            Assert.AreEqual(erases, flash.Erases, "the commit after a boot resumes in the same sector");
            int gap = FirstRecord + LogFormat.RecordSize(32);
            Assert.AreEqual(0u, BitConverter.ToUInt32(flash.Image, gap), "the gap mark");
            Assert.AreEqual((uint)RecordKeys.FirstBinding, BitConverter.ToUInt32(flash.Image, gap + LogFormat.GapSize) & 0xFFFF, "the binding starts past the gap");
            Assert.AreEqual(MountOutcome.Clean, new LogStore(flash).MountReport.Outcome, "a gap that reads erased inside is no news");
            // A power cut leaves nothing inside such a gap: the boot put it where the record in
            // flight would start only because that word read erased, and words are programmed
            // in address order. Data there is damage (a record start zeroed would hide just so).
            var random = new Random(3);
            for (int a = gap + 4; a < gap + LogFormat.GapSize; a++) flash.Image[a] = (byte)random.Next(256);

            var rebooted = new LogStore(flash);
            Assert.AreEqual(MountOutcome.Recovered, rebooted.MountReport.Outcome);
            Assert.IsTrue(rebooted.MountReport.FailClosed);
            Assert.IsTrue(rebooted.IsDamaged(RecordKeys.Settings), "older than the damage: it may have been hidden there");
            Assert.IsNull(rebooted.Read(RecordKeys.Settings));
            CollectionAssert.AreEqual(B(56, 2), rebooted.Read(RecordKeys.FirstBinding), "written after it");
        }

        /// <summary>
        /// Three or more flips, or a flash programmer, can zero a record's first word into a gap
        /// mark. The scan skips a gap, so the record (and any other record in the 268 bytes)
        /// would vanish and an older value come back. Its CRC word (at most 16 bits set) is
        /// always inside the gap, so the gap reads as data: damage, never an older value.
        /// </summary>
        [TestMethod]
        public void AZeroedRecordStartNeverBringsBackTheOlderValue()
        {
            var flash = new SimFlash();
            var store = new LogStore(flash);
            store.Write(RecordKeys.Password, B(54, 1));
            store.Write(RecordKeys.Password, B(54, 2));
            int newest = FirstRecord + LogFormat.RecordSize(54);
            Assert.AreEqual((uint)RecordKeys.Password, BitConverter.ToUInt32(flash.Image, newest) & 0xFFFF);
            for (int i = 0; i < 4; i++) flash.Image[newest + i] = 0;

            var rebooted = new LogStore(flash);
            Assert.IsTrue(rebooted.IsDamaged(RecordKeys.Password), "never the older password");
            Assert.IsNull(rebooted.Read(RecordKeys.Password));
            Assert.IsTrue(rebooted.MountReport.FailClosed);
            Assert.IsTrue(new LogStore(flash).IsDamaged(RecordKeys.Password), "the next boot too");
        }

        /// <summary>A sealed sector (its witness set) takes nothing more at any later boot, so its seal stays the last thing in it.</summary>
        [TestMethod]
        public void ASealedSectorTakesNoMoreRecordsAtLaterBoots()
        {
            var flash = new SimFlash();
            var store = new LogStore(flash);
            store.Write(RecordKeys.Settings, B(32, 1));
            flash.ScheduleCut(3, CutMode.After);
            Assert.ThrowsExactly<PowerCutException>(() => store.Write(RecordKeys.Password, B(54, 2)));
            flash.PowerUp();
            Assert.IsTrue(new LogStore(flash).MountReport.InterruptedWrite, "this boot seals it and commits nothing");
            Assert.AreEqual(0u, BitConverter.ToUInt32(flash.Image, flash.SectorSize - 4), "the witness");
            // The next boot finds the sealed sector newest, its tail erased past the seal's gap.
            var later = new LogStore(flash);
            later.Write(RecordKeys.BootCount, B(5, 4));
            for (int a = FirstRecord + LogFormat.RecordSize(32) + LogFormat.GapSize; a < flash.SectorSize - 4; a++)
                Assert.AreEqual((byte)0xFF, flash.Image[a], "nothing after the seal in sector 0 (byte " + a + ")");
            var last = new LogStore(flash);
            Assert.AreEqual(MountOutcome.Clean, last.MountReport.Outcome);
            Assert.IsFalse(last.MountReport.FailClosed);
            CollectionAssert.AreEqual(B(5, 4), last.Read(RecordKeys.BootCount));
            Assert.IsNull(last.Read(RecordKeys.Password));
        }

        [TestMethod]
        public void AFlippedBitWhereTheNextRecordGoesIsSkippedNeverProgrammedOver()
        {
            var flash = new SimFlash();
            var store = new LogStore(flash);
            store.Write(RecordKeys.Settings, B(32, 1));
            int next = FirstRecord + LogFormat.RecordSize(32);
            flash.Image[next + 20] &= 0xFB; // a bit of erased space reads 0: SimFlash refuses any program needing it back at 1
            store.Write(RecordKeys.Password, B(48, 2));
            store.Write(RecordKeys.FirstBinding, B(56, 3));
            Assert.AreEqual(0u, BitConverter.ToUInt32(flash.Image, next), "a gap mark covers the flipped word");
            var rebooted = new LogStore(flash);
            Assert.AreEqual(MountOutcome.Clean, rebooted.MountReport.Outcome);
            CollectionAssert.AreEqual(B(48, 2), rebooted.Read(RecordKeys.Password));
            CollectionAssert.AreEqual(B(56, 3), rebooted.Read(RecordKeys.FirstBinding));
        }
    }
}

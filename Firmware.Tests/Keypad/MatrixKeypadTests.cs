using System;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Hal;
using PosTerminal.Hal.Keypad;
using PosTerminal.Hal.Pins;
using PosTerminal.Virtual;

namespace PosTerminal.Firmware.Tests.Keypad
{
    [TestClass]
    public sealed class MatrixKeypadTests
    {
        [TestMethod]
        public void BouncyPressIsReportedOnceWithin40MsOfTheContactsSettling()
        {
            for (int seed = 1; seed <= 30; seed++)
            {
                var rig = new KeypadRig(seed);
                rig.Run(50);
                long settled = rig.Press(Key.D5);
                rig.Run(200);
                Assert.AreEqual(1, rig.Reported.Count, "seed " + seed + ": " + string.Join(",", rig.Keys()));
                Assert.AreEqual(Key.D5, rig.Reported[0].Key);
                long latencyMicros = rig.Reported[0].AtMicros - settled;
                Assert.IsTrue(latencyMicros <= 40_000, "seed " + seed + ": reported " + latencyMicros + " µs after the contacts settled");
            }
        }

        [TestMethod]
        public void ContactClosedFor15MsIsIgnoredAndFor30MsIsAccepted()
        {
            var rig = new KeypadRig(maxBounceMicros: 0);
            rig.Run(50);
            rig.Press(Key.D7);
            rig.Run(15);
            rig.Release(Key.D7);
            rig.Run(200);
            Assert.AreEqual(0, rig.Reported.Count, "a 15 ms closure is shorter than the 20 ms debounce: " + string.Join(",", rig.Keys()));

            rig.Press(Key.D7);
            rig.Run(30);
            rig.Release(Key.D7);
            rig.Run(200);
            CollectionAssert.AreEqual(new[] { Key.D7 }, rig.Keys());
        }

        [TestMethod]
        public void LongBounceBurstsStillGiveOneKeyPerPress()
        {
            for (int seed = 1; seed <= 30; seed++)
            {
                var rig = new KeypadRig(seed, maxBounceMicros: 15_000);
                for (int i = 0; i < 3; i++)
                {
                    rig.Press(Key.D6);
                    rig.Run(100);
                    rig.Release(Key.D6);
                    rig.Run(100);
                }
                CollectionAssert.AreEqual(new[] { Key.D6, Key.D6, Key.D6 }, rig.Keys(), "seed " + seed);
            }
        }

        [TestMethod]
        public void ReleaseIsDetectedSoTheSameKeyCountsAgain()
        {
            var rig = new KeypadRig(seed: 3);
            for (int i = 0; i < 3; i++)
            {
                rig.Press(Key.D2);
                rig.Run(80);
                rig.Release(Key.D2);
                rig.Run(80);
            }
            CollectionAssert.AreEqual(new[] { Key.D2, Key.D2, Key.D2 }, rig.Keys());
            Assert.IsTrue(rig.Keypad.Idle, "after the release settles the keypad waits on edges again");
        }

        [TestMethod]
        public void HeldDigitIsReportedOnce()
        {
            var rig = new KeypadRig(seed: 4);
            rig.Press(Key.Enter);
            rig.Run(3000);
            CollectionAssert.AreEqual(new[] { Key.Enter }, rig.Keys());
        }

        [TestMethod]
        public void UpRepeatsWhileHeldAfterTheDelayAtTheRateAndStopsOnRelease()
        {
            var rig = new KeypadRig(seed: 5);
            rig.Press(Key.Up);
            rig.Run(1500);
            Assert.IsTrue(rig.Reported.All(r => r.Key == Key.Up));
            long[] at = rig.Reported.Select(r => r.AtMicros / 1000).ToArray();
            Assert.IsTrue(at.Length >= 3, "no repeat within 1.5 s: " + at.Length);
            Assert.AreEqual(MatrixKeypad.RepeatDelayMs, at[1] - at[0], KeypadRig.PollMs, "first repeat delay");
            for (int i = 2; i < at.Length; i++)
            {
                Assert.AreEqual(MatrixKeypad.RepeatPeriodMs, at[i] - at[i - 1], KeypadRig.PollMs, "repeat period");
            }
            int expected = 2 + (int)((1500 - 5 - at[1]) / MatrixKeypad.RepeatPeriodMs);
            Assert.AreEqual(expected, at.Length, 1);

            int held = rig.Reported.Count;
            rig.Release(Key.Up);
            rig.Run(1000);
            Assert.IsTrue(rig.Reported.Count - held <= 1, "repeat must stop once the release is seen");
        }

        [TestMethod]
        public void DownRepeatsToo()
        {
            var rig = new KeypadRig(seed: 6);
            rig.Press(Key.Down);
            rig.Run(1000);
            Assert.IsTrue(rig.Reported.Count >= 3 && rig.Reported.All(r => r.Key == Key.Down), string.Join(",", rig.Keys()));
        }

        [TestMethod]
        public void PressingAnotherKeyStopsTheRepeat()
        {
            var rig = new KeypadRig(seed: 7);
            rig.Press(Key.Up);
            rig.Run(800);
            rig.Press(Key.D9);
            rig.Run(100);
            int before = rig.Reported.Count;
            rig.Run(1000);
            Assert.AreEqual(Key.D9, rig.Reported[before - 1].Key, string.Join(",", rig.Keys()));
            Assert.AreEqual(before, rig.Reported.Count, "Up must not repeat after another key was pressed");
        }

        [TestMethod]
        public void ThreeKeysOnARectangleReportNothing()
        {
            // 1 (row 0, col 0), 2 (row 0, col 1) and 4 (row 1, col 0): the matrix reads 5 closed too.
            var rig = new KeypadRig(seed: 8);
            rig.Press(Key.D1);
            rig.Press(Key.D2);
            rig.Press(Key.D4);
            rig.Run(500);
            Assert.AreEqual(0, rig.Reported.Count, string.Join(",", rig.Keys()));
        }

        [TestMethod]
        public void KeyCompletingARectangleIsNotReportedNorAreTheGhostsOnRelease()
        {
            var rig = new KeypadRig(seed: 9);
            rig.Press(Key.D1);
            rig.Run(100);
            rig.Press(Key.D2);
            rig.Run(100);
            rig.Press(Key.D4);
            rig.Run(300);
            rig.Release(Key.D4);
            rig.Run(100);
            rig.Release(Key.D1);
            rig.Release(Key.D2);
            rig.Run(100);
            CollectionAssert.AreEqual(new[] { Key.D1, Key.D2 }, rig.Keys());
        }

        [TestMethod]
        public void TwoKeysOffARectangleAreBothReported()
        {
            var rig = new KeypadRig(seed: 10);
            rig.Press(Key.D1);
            rig.Press(Key.D5);
            rig.Run(200);
            CollectionAssert.AreEquivalent(new[] { Key.D1, Key.D5 }, rig.Keys());
        }

        [TestMethod]
        public void TwoKeysInOneRowAreBothReported()
        {
            // 7 and 9 (row 2): releasing row 2 raises both columns at once.
            var rig = new KeypadRig(seed: 14);
            rig.Press(Key.D7);
            rig.Press(Key.D9);
            rig.Run(200);
            CollectionAssert.AreEquivalent(new[] { Key.D7, Key.D9 }, rig.Keys());
        }

        [TestMethod]
        public void KeysInEveryRowAreFoundWhateverRowWasFoundLast()
        {
            Key[] keys = { Key.Cancel, Key.D1, Key.Star, Key.D4, Key.Enter, Key.D9, Key.Menu, Key.D0 };
            var rig = new KeypadRig(seed: 15);
            foreach (Key key in keys)
            {
                rig.Press(key);
                rig.Run(80);
                rig.Release(key);
                rig.Run(80);
            }
            CollectionAssert.AreEqual(keys, rig.Keys());
        }

        [TestMethod]
        public void SecondKeyOnAHeldKeysColumnIsFoundWithin40Ms()
        {
            // 1 and 4 share column 0: holding 1 keeps the column low, so 4 makes no edge.
            for (int seed = 1; seed <= 20; seed++)
            {
                var rig = new KeypadRig(seed);
                rig.Press(Key.D1);
                rig.Run(200 + seed);
                long settled = rig.Press(Key.D4);
                rig.Run(200);
                CollectionAssert.AreEqual(new[] { Key.D1, Key.D4 }, rig.Keys(), "seed " + seed);
                long latency = rig.Reported[1].AtMicros - settled;
                Assert.IsTrue(latency <= 40_000, "seed " + seed + ": " + latency + " µs");
            }
        }

        [TestMethod]
        public void AHeldKeyIsRescannedOnlyEverySecondPoll()
        {
            var rig = new KeypadRig(seed: 13);
            rig.Press(Key.D0);
            rig.Run(100);
            long before = rig.Matrix.GpioOperations;
            rig.Run(1500);
            long ops = rig.Matrix.GpioOperations - before;
            // One scan with one key down: 4 column reads, then its row (found first, as in the
            // last scan) released and pulled low again (2 writes) with one read of its column.
            int polls = 1500 / KeypadRig.PollMs;
            int scans = (polls + MatrixKeypad.QuietPollsPerScan) / (MatrixKeypad.QuietPollsPerScan + 1);
            Assert.AreEqual(scans * 7, ops, 7, "GPIO operations while holding a key for 1.5 s");
            CollectionAssert.AreEqual(new[] { Key.D0 }, rig.Keys());
        }

        [TestMethod]
        public void IdleKeypadSpendsNoGpioOperation()
        {
            var rig = new KeypadRig(seed: 11);
            rig.Run(50);
            rig.Press(Key.D3);
            rig.Run(80);
            rig.Release(Key.D3);
            rig.Run(100);
            Assert.IsTrue(rig.Keypad.Idle);
            long before = rig.Matrix.GpioOperations;
            rig.Run(10_000);
            Assert.AreEqual(0, rig.Matrix.GpioOperations - before, "GPIO operations in 10 idle seconds");
            Assert.AreEqual(1, rig.Reported.Count);
        }

        [TestMethod]
        public void IdleAndScanningPollsAllocateNothing()
        {
            var rig = new KeypadRig(seed: 12);
            rig.Press(Key.D8);
            rig.RunQuietly(80);
            rig.Release(Key.D8);
            rig.RunQuietly(200);

            long start = GC.GetAllocatedBytesForCurrentThread();
            int idleKeys = rig.RunQuietly(1000);
            long idle = GC.GetAllocatedBytesForCurrentThread() - start;

            rig.Press(Key.Up);
            start = GC.GetAllocatedBytesForCurrentThread();
            int heldKeys = rig.RunQuietly(1000);
            long scanning = GC.GetAllocatedBytesForCurrentThread() - start;

            Assert.AreEqual(0, idleKeys);
            Assert.IsTrue(heldKeys > 1, "Up held for a second must repeat");
            Assert.AreEqual(0L, idle, "bytes allocated by 200 idle polls");
            Assert.AreEqual(0L, scanning, "bytes allocated by 200 polls scanning a held, repeating key");
        }

        [TestMethod]
        public void KeyHeldAtPowerOnIsFoundWithoutAnEdge()
        {
            var clock = new VirtualClock();
            BoardDescription board = BoardDescription.LoadDefault();
            var matrix = new PosTerminal.Virtual.Parts.SimKeypadMatrix(5, 4, clock, maxBounceMicros: 0);
            matrix.Press(0, 3);
            var keypad = new MatrixKeypad(matrix.RowLines, matrix.ColumnLines, board.KeyLayout(), clock);
            Key key = Key.None;
            for (int t = 0; t < 20 && key == Key.None; t++)
            {
                clock.AdvanceMicros(5000);
                keypad.TryReadKey(out key);
            }
            Assert.AreEqual(Key.Menu, key);
        }

        [TestMethod]
        public void ConstructorRejectsALayoutOfTheWrongSize()
        {
            var matrix = new PosTerminal.Virtual.Parts.SimKeypadMatrix(2, 2, new VirtualClock());
            var e = Assert.ThrowsExactly<ArgumentException>(() =>
                new MatrixKeypad(matrix.RowLines, matrix.ColumnLines, new[] { Key.D1, Key.D2, Key.D3 }, new VirtualClock()));
            StringAssert.Contains(e.Message, "3 keys for 2 x 2");
            Assert.ThrowsExactly<ArgumentNullException>(() =>
                new MatrixKeypad(null, matrix.ColumnLines, new Key[4], new VirtualClock()));
            Assert.ThrowsExactly<ArgumentNullException>(() =>
                new MatrixKeypad(new IOutputLine[] { null, null }, matrix.ColumnLines, new Key[4], new VirtualClock()));
        }
    }
}

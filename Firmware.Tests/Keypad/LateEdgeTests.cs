using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Hal;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Flash;

namespace PosTerminal.Firmware.Tests.Keypad
{
    /// <summary>
    /// Column edges that reach the driver late, as the ESP32's event dispatcher thread delivers
    /// them (after the scanner re-read its baseline, up to a 20 ms time slice): the driver
    /// keeps its figures, no missed or phantom keys and no GPIO operation while idle.
    /// </summary>
    [TestClass]
    public sealed class LateEdgeTests
    {
        private const int Slice = 20_000;

        [TestMethod]
        public void EdgesReallyArriveLate()
        {
            var rig = new KeypadRig(seed: 3, maxEdgeDelayMicros: Slice);
            rig.Press(Key.D5);
            rig.Clock.AdvanceMicros(1);
            Assert.IsGreaterThan(0, rig.Matrix.EdgesInFlight, "the press's edges wait for the event thread");
            Assert.AreEqual(0, rig.Matrix.DeliveredEdges);
            rig.Clock.AdvanceMicros(Slice + 5000);
            Assert.AreEqual(rig.Matrix.ColumnEdges, rig.Matrix.DeliveredEdges, "all delivered within the slice");
        }

        [TestMethod]
        public void EveryKeyIsReadOnceWithLateEdges()
        {
            for (int seed = 1; seed <= 20; seed++)
            {
                var rig = new KeypadRig(seed: seed, maxEdgeDelayMicros: Slice);
                var random = new Random(seed);
                Key[] keys = Enum.GetValues<Key>().Where(k => k != Key.None && k != Key.Up && k != Key.Down && k != Key.ClearHeld).ToArray();
                var pressed = new List<Key>();
                for (int i = 0; i < 40; i++)
                {
                    Key key = keys[random.Next(keys.Length)];
                    rig.Run(random.Next(1, 30));
                    rig.Press(key);
                    rig.Run(60 + random.Next(60));
                    rig.Release(key);
                    rig.Run(60 + random.Next(60));
                    pressed.Add(key);
                }
                rig.Run(200);
                CollectionAssert.AreEqual(pressed, rig.Keys(), "seed " + seed + ": no missed, doubled or phantom key");
            }
        }

        [TestMethod]
        public void AnIdleKeypadSpendsNoGpioWithLateEdges()
        {
            var rig = new KeypadRig(seed: 9, maxEdgeDelayMicros: Slice);
            rig.Press(Key.D3);
            rig.Run(100);
            rig.Release(Key.D3);
            rig.Run(200);
            Assert.IsTrue(rig.Keypad.Idle);
            long before = rig.Matrix.GpioOperations;
            rig.Run(10_000);
            Assert.AreEqual(0, rig.Matrix.GpioOperations - before, "GPIO operations in 10 idle seconds");
            CollectionAssert.AreEqual(new[] { Key.D3 }, rig.Keys());
        }

        [TestMethod]
        public void TwoKeysOnOneColumnAreStillTold()
        {
            // The second key's edge is hidden behind the first (its column is already low) and late.
            var rig = new KeypadRig(seed: 5, maxEdgeDelayMicros: Slice);
            rig.Press(Key.D1);
            rig.Run(100);
            rig.Press(Key.D4); // same column as 1
            rig.Run(100);
            rig.Release(Key.D4);
            rig.Release(Key.D1);
            rig.Run(200);
            CollectionAssert.AreEqual(new[] { Key.D1, Key.D4 }, rig.Keys());
        }

        [TestMethod]
        public void TheReferenceFlowRunsOnThePinsWithLateEdges()
        {
            var board = new PinBoard(new SimFlash(), BoardDescription.LoadDefault(), seed: 4, maxEdgeDelayMicros: Slice);
            board.PowerOn();
            var presses = new List<KeyPress>();
            board.KeyPressed += presses.Add;
            board.PressKeys("MENU 123456 ENTER 135790 ENTER 135790 ENTER ENTER 1 1 3 87654321 ENTER ENTER ENTER CANCEL CANCEL");
            Assert.AreEqual("idle", board.ScreenId);
            Assert.IsTrue(presses.All(p => p.Cost.KeysReported == 1), "every key read exactly once");
            Assert.IsTrue(presses.All(p => p.LatencyMicros >= 0 && p.LatencyMicros <= 40_000),
                "latency ≤ 40 ms, worst " + presses.Max(p => p.LatencyMicros) + " µs");
            board.Advance(300_000);
            PinCounters before = board.ReadCounters();
            board.Advance(10_000_000);
            Assert.AreEqual(0, (board.ReadCounters() - before).GpioOperations, "idle GPIO operations");
        }
    }
}

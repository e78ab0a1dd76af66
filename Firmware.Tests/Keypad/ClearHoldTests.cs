using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Hal;
using PosTerminal.Hal.Keypad;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Parts;

namespace PosTerminal.Firmware.Tests.Keypad
{
    /// <summary>
    /// CLEAR held: MatrixKeypad reports Clear on the press, then Key.ClearHeld once after HoldMs
    /// (on the bouncing simulated matrix); the EventBoard's keypad models the same.
    /// </summary>
    [TestClass]
    public sealed class ClearHoldTests
    {
        [TestMethod]
        public void ClearHeldASecondIsReportedOnceMoreAsClearHeld()
        {
            var rig = new KeypadRig(seed: 41);
            long settled = rig.Press(Key.Clear);
            rig.Run(2500);
            CollectionAssert.AreEqual(new[] { Key.Clear, Key.ClearHeld }, rig.Keys(), "no repeat, one hold report");
            long pressMs = rig.Reported[0].AtMicros / 1000;
            long heldMs = rig.Reported[1].AtMicros / 1000;
            Assert.AreEqual(MatrixKeypad.HoldMs, heldMs - pressMs, KeypadRig.PollMs, "the hold is timed from the accepted press");
            Assert.IsTrue(rig.Reported[0].AtMicros >= settled);
            rig.Release(Key.Clear);
            rig.Run(500);
            Assert.AreEqual(2, rig.Reported.Count, "nothing on release");
        }

        [TestMethod]
        public void ClearReleasedBeforeTheHoldTimeIsOnlyAClear()
        {
            var rig = new KeypadRig(seed: 42);
            rig.Press(Key.Clear);
            rig.Run(MatrixKeypad.HoldMs - 100);
            rig.Release(Key.Clear);
            rig.Run(1500);
            CollectionAssert.AreEqual(new[] { Key.Clear }, rig.Keys());
        }

        [TestMethod]
        public void AnotherKeyPressedDuringTheHoldCancelsIt()
        {
            var rig = new KeypadRig(seed: 43);
            rig.Press(Key.Clear);
            rig.Run(500);
            rig.Press(Key.D5);
            rig.Run(1500);
            CollectionAssert.AreEqual(new[] { Key.Clear, Key.D5 }, rig.Keys(), "the last key pressed decides, as for repeats");
        }

        [TestMethod]
        public void OtherKeysHeldReportNoHold()
        {
            foreach (Key key in new[] { Key.D1, Key.Enter, Key.Cancel, Key.Menu })
            {
                var rig = new KeypadRig(seed: 44);
                rig.Press(key);
                rig.Run(2500);
                CollectionAssert.AreEqual(new[] { key }, rig.Keys(), key.ToString());
            }
        }

        [TestMethod]
        public void TheEventKeypadReportsHoldsAndRepeatsAsTheDriverDoes()
        {
            var clock = new VirtualClock();
            var keypad = new EventKeypad(clock);
            var seen = new System.Collections.Generic.List<(Key Key, long Ms)>();
            void Run(int ms)
            {
                for (int t = 0; t < ms; t += 5)
                {
                    clock.AdvanceMicros(5000);
                    while (keypad.TryReadKey(out Key key)) seen.Add((key, clock.UptimeMs));
                }
            }
            keypad.Hold(Key.Clear);
            Run(1200);
            keypad.Release();
            Run(500);
            CollectionAssert.AreEqual(new[] { Key.Clear, Key.ClearHeld }, seen.Select(s => s.Key).ToArray());
            Assert.AreEqual(MatrixKeypad.HoldMs, seen[1].Ms - seen[0].Ms, 5);

            seen.Clear();
            keypad.Hold(Key.Down);
            Run(1000);
            keypad.Release();
            Run(500);
            long[] at = seen.Select(s => s.Ms).ToArray();
            Assert.IsTrue(seen.All(s => s.Key == Key.Down));
            Assert.AreEqual(MatrixKeypad.RepeatDelayMs, at[1] - at[0], 5);
            Assert.AreEqual(MatrixKeypad.RepeatPeriodMs, at[2] - at[1], 5);
            Assert.AreEqual(6, at.Length, "the press, then repeats at 500, 625, 750, 875 and 1000 ms");
        }
    }
}

using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Hal;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Flash;

namespace PosTerminal.Firmware.Tests.PinLevel
{
    /// <summary>The idle loop sleeps (issue 9 item 6): MainLoop's wait rule and the boards' simulated FreeRTOS tick.</summary>
    [TestClass]
    public sealed class MainLoopTests
    {
        private const int MatrixKeypadScan = Hal.Keypad.MatrixKeypad.ScanPeriodMs;

        [TestMethod]
        public void TheWaitIsNeverUnderATickNorOverTheSafetyPass()
        {
            Assert.AreEqual(MainLoop.TickMs, MainLoop.WaitFor(1000, 1000), "due now: one tick, not 0");
            Assert.AreEqual(MainLoop.TickMs, MainLoop.WaitFor(1003, 1000));
            Assert.AreEqual(MainLoop.TickMs, MainLoop.WaitFor(0, 1000), "overdue");
            Assert.AreEqual(37, MainLoop.WaitFor(1037, 1000));
            Assert.AreEqual(MainLoop.MaxSleepMs, MainLoop.WaitFor(long.MaxValue, 1000));
        }

        [TestMethod]
        public void AWaitUnderATickWouldSpinOnFreeRtos()
        {
            // pdMS_TO_TICKS(5) at 100 Hz is 0 ticks: the wait returns at once (what Thread.Sleep(5) did).
            Assert.AreEqual(12_345, SimBoard.TimeoutEnds(12_345, 5));
            // One tick ends at the next tick boundary, two ticks one boundary later.
            Assert.AreEqual(20_000, SimBoard.TimeoutEnds(12_345, 10));
            Assert.AreEqual(30_000, SimBoard.TimeoutEnds(12_345, 29));
        }

        [TestMethod]
        public void AnIdleTerminalPassesOnceASecond()
        {
            var board = new EventBoard(new SimFlash());
            board.PowerOn();
            long before = board.Passes;
            board.Advance(10_000_000);
            Assert.AreEqual(10, board.Passes - before, "passes in 10 idle seconds");
        }

        [TestMethod]
        public void AHeldKeyIsScannedEveryTickOnTickBoundaries()
        {
            var board = new PinBoard(new SimFlash(), BoardDescription.LoadDefault(), seed: 2, maxBounceMicros: 0);
            board.PowerOn();
            board.Advance(2_000_000);
            board.Hold(Key.D5);
            long before = board.Passes;
            long gpio = board.Matrix.GpioOperations;
            board.Advance(300_000);
            long passes = board.Passes - before;
            // One pass a 10 ms tick (the driver's scan period), plus one woken by the column edges
            // each scan's own row writes make (the ESP32's ValueChanged sets the wake event for
            // those too); that pass finds the scan period not over and spends no GPIO operation.
            Assert.IsTrue(passes >= 30 && passes <= 62, passes + " passes in 300 ms");
            Assert.AreEqual(MainLoop.TickMs, board.ShortestWaitMs);
            long scans = 300 / (MatrixKeypadScan * (Hal.Keypad.MatrixKeypad.QuietPollsPerScan + 1));
            Assert.AreEqual(scans * 7, board.Matrix.GpioOperations - gpio, 14, "a held key's scans");
            board.Release(Key.D5);
            board.Advance(2_000_000);
            before = board.Passes;
            board.Advance(5_000_000);
            Assert.AreEqual(5, board.Passes - before, "asleep again after the release");
        }

        [TestMethod]
        public void TheSessionStillTimesOutWhileTheLoopSleeps()
        {
            var board = new EventBoard(new SimFlash());
            board.PowerOn();
            board.PressKeys("MENU 123456 ENTER 135790 ENTER 135790 ENTER ENTER");
            Assert.AreEqual("settings", board.ScreenId);
            long start = board.Clock.UptimeMs;
            long passes = board.Passes;
            while (board.ScreenId != "idle" && board.Clock.UptimeMs - start < 70_000) board.Advance(10_000);
            long took = board.Clock.UptimeMs - start;
            Assert.AreEqual("idle", board.ScreenId);
            Assert.IsTrue(took >= Terminal.SessionTimeoutMs - 100 && took <= Terminal.SessionTimeoutMs + 1000, "timed out after " + took + " ms");
            Assert.IsLessThan(100L, board.Passes - passes, "a sleeping minute, not 6,000 passes");
        }

        [TestMethod]
        public void ConsoleBytesWakeTheLoopAtOnce()
        {
            var board = new EventBoard(new SimFlash());
            board.PowerOn();
            board.Advance(3_000_000);
            long before = board.Clock.UptimeMicros;
            string[] output = board.SendConsoleLine("status");
            Assert.IsTrue(output.Length > 0);
            Assert.IsLessThanOrEqualTo(SimBoard.TickMicros, board.Clock.UptimeMicros - before, "answered within one tick, not at the next safety pass");
        }
    }
}

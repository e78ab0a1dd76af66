using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Flash;
using PosTerminal.Virtual.Parts;

namespace PosTerminal.Firmware.Tests.PinLevel
{
    /// <summary>
    /// Base for tests that run at the pins: every simulated ST7920 a test creates through
    /// NewPinBoard or Watch is checked after the test, and any protocol error, misaligned
    /// Chinese character or timing violation it reported fails the test.
    /// </summary>
    public abstract class PinLevelTest
    {
        private readonly List<SimSt7920> _watched = new List<SimSt7920>();

        /// <summary>A pin-level board wired from board.json, powered on.</summary>
        protected PinBoard NewPinBoard(SimFlash flash = null, int seed = 1)
        {
            var board = new PinBoard(flash ?? new SimFlash(), BoardDescription.LoadDefault(), seed);
            Watch(board.Lcd);
            board.PowerOn();
            return board;
        }

        protected SimSt7920 Watch(SimSt7920 lcd)
        {
            _watched.Add(lcd);
            return lcd;
        }

        [TestCleanup]
        public void SimulatedLcdReportedNoProblems()
        {
            foreach (SimSt7920 lcd in _watched)
            {
                Assert.AreEqual(0, lcd.Problems.Count, "the simulated ST7920 reported:\n" + string.Join("\n", lcd.Problems));
            }
        }
    }

    /// <summary>Passes a byte stream to a device and keeps a copy, to assert exact bytes.</summary>
    public sealed class RecordingDevice : ISpiDevice
    {
        private readonly ISpiDevice _inner;

        public RecordingDevice(ISpiDevice inner)
        {
            _inner = inner;
        }

        public List<byte> Bytes { get; } = new List<byte>();

        public void Select() { _inner.Select(); }

        public void Receive(byte value, long endNanos)
        {
            Bytes.Add(value);
            _inner.Receive(value, endNanos);
        }

        public void Deselect() { _inner.Deselect(); }
    }
}

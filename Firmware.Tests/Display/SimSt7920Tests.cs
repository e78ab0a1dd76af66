using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Parts;

namespace PosTerminal.Firmware.Tests.Display
{
    /// <summary>The simulated controller must catch the mistakes a driver could make.</summary>
    [TestClass]
    public sealed class SimSt7920Tests
    {
        private VirtualClock _clock;
        private SimSt7920 _lcd;
        private SimSpiBus _bus;

        private void PowerOn(int clockHz = 200_000)
        {
            _clock = new VirtualClock();
            _lcd = new SimSt7920();
            _lcd.PowerOn(0);
            _bus = new SimSpiBus(_clock, clockHz, _lcd);
            _clock.AdvanceMicros(SimSt7920.PowerUpMicros);
        }

        private void Send(params byte[] bytes)
        {
            _bus.Write(bytes, 0, bytes.Length);
        }

        private static byte[] Command(int value)
        {
            return new byte[] { 0xF8, (byte)(value & 0xF0), (byte)((value << 4) & 0xF0) };
        }

        private static byte[] Data(int value)
        {
            return new byte[] { 0xFA, (byte)(value & 0xF0), (byte)((value << 4) & 0xF0) };
        }

        private void SendAll(params byte[][] instructions)
        {
            Send(instructions.SelectMany(i => i).ToArray());
        }

        [TestMethod]
        public void DecodesTextWrittenAtARowAddress()
        {
            PowerOn();
            SendAll(Command(0x0C), Command(0x98), Data('O'), Data('K'), Data(0xD6), Data(0xD5));
            Assert.AreEqual(0, _lcd.Problems.Count, string.Join("\n", _lcd.Problems));
            Assert.AreEqual("OK终", _lcd.Render()[3].TrimEnd());
            Assert.AreEqual(0x9A, _lcd.AddressCounter);
        }

        [TestMethod]
        public void NothingShowsWhileTheDisplayIsOff()
        {
            PowerOn();
            SendAll(Command(0x80), Data('A'), Data('B'));
            Assert.AreEqual(new string(' ', 16), _lcd.Render()[0]);
        }

        [TestMethod]
        public void InstructionsSentBackToBackAtAFastClockAreTimingViolations()
        {
            PowerOn(2_000_000);
            SendAll(Command(0x80), Data('A'));
            Assert.AreEqual(1, _lcd.TimingViolations.Count, string.Join("\n", _lcd.TimingViolations));
            StringAssert.Contains(_lcd.TimingViolations[0], "data 0x41");
        }

        [TestMethod]
        public void AnInstructionDuringClearIsATimingViolation()
        {
            PowerOn();
            SendAll(Command(0x01), Command(0x80));
            Assert.AreEqual(1, _lcd.TimingViolations.Count);
            StringAssert.Contains(_lcd.TimingViolations[0], "command 0x01 had executed");
        }

        [TestMethod]
        public void AnInstructionWithinFortyMsOfPowerOnIsATimingViolation()
        {
            _clock = new VirtualClock();
            _lcd = new SimSt7920();
            _lcd.PowerOn(0);
            _bus = new SimSpiBus(_clock, 200_000, _lcd);
            Send(Command(0x30));
            Assert.AreEqual(1, _lcd.TimingViolations.Count);
            StringAssert.Contains(_lcd.TimingViolations[0], "power-up");
        }

        [TestMethod]
        public void ReportsProtocolErrors()
        {
            PowerOn();
            Send(0xF0);                                   // bad sync byte
            Send(0xF8, 0x81, 0x00);                       // high nibble byte with a low nibble
            Send(0xFA, 0x40);                             // cut short by chip select
            Assert.AreEqual(3, _lcd.ProtocolErrors.Count, string.Join("\n", _lcd.ProtocolErrors));
            StringAssert.Contains(_lcd.ProtocolErrors[0], "bad sync byte 0xF0");
            StringAssert.Contains(_lcd.ProtocolErrors[1], "non-zero low nibble");
            StringAssert.Contains(_lcd.ProtocolErrors[2], "cut short");
        }

        [TestMethod]
        public void ReportsAChineseCharacterStartingOnAnOddCell()
        {
            PowerOn();
            SendAll(Command(0x0C), Command(0x80), Data('A'), Data(0xD6));
            Assert.AreEqual(1, _lcd.AlignmentErrors.Count, string.Join("\n", _lcd.Problems));
            StringAssert.Contains(_lcd.AlignmentErrors[0], "row 0, cell 0");
            Assert.AreEqual("A?", _lcd.Render()[0].TrimEnd(), "the glass cannot show a misaligned character");
        }

        [TestMethod]
        public void ReportsAddressSetAfterHalfAnAddress()
        {
            PowerOn();
            SendAll(Command(0x80), Data('A'), Command(0x90));
            Assert.AreEqual(1, _lcd.ProtocolErrors.Count);
            StringAssert.Contains(_lcd.ProtocolErrors[0], "only one byte");
        }

        [TestMethod]
        public void BusTimestampsBytesAndAdvancesTheClockByTheTransferTime()
        {
            PowerOn(200_000);
            long start = _clock.UptimeMicros;
            SendAll(Command(0x0C), Command(0x80), Data('A'));
            Assert.AreEqual(9 * 40, _clock.UptimeMicros - start, "9 bytes at 200 kHz take 360 µs");
            Assert.AreEqual(9, _bus.BytesWritten);
            Assert.AreEqual(3, _lcd.Instructions);
        }
    }
}

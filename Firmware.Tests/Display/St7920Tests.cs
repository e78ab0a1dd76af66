using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Tests.PinLevel;
using PosTerminal.Hal.Display;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Parts;

namespace PosTerminal.Firmware.Tests.Display
{
    /// <summary>The ST7920 driver against the simulated controller; every test also fails on any problem the controller reports.</summary>
    [TestClass]
    public sealed class St7920Tests : PinLevelTest
    {
        private const int BoardClockHz = 200_000;

        private VirtualClock _clock;
        private SimSt7920 _lcd;
        private RecordingDevice _wire;
        private St7920 _driver;

        private void PowerOn(int clockHz = BoardClockHz)
        {
            _clock = new VirtualClock();
            _lcd = Watch(new SimSt7920());
            _lcd.PowerOn(_clock.UptimeMicros);
            _wire = new RecordingDevice(_lcd);
            _driver = new St7920(new SimSpiBus(_clock, clockHz, _wire), _clock);
        }

        private byte[] SentSince(int mark)
        {
            return _wire.Bytes.Skip(mark).ToArray();
        }

        [TestMethod]
        public void InitialisationFollowsTheDatasheet()
        {
            PowerOn();
            CollectionAssert.AreEqual(new byte[]
            {
                0xF8, 0x30, 0x00,   // function set: 8-bit, basic instructions
                0xF8, 0x30, 0x00,   // again, as the flowchart asks
                0xF8, 0x00, 0xC0,   // display on, cursor off, blink off
                0xF8, 0x00, 0x10,   // clear
                0xF8, 0x00, 0x60,   // entry mode: increment, no shift
            }, _wire.Bytes.ToArray());
            Assert.IsTrue(_lcd.DisplayOn);
            CollectionAssert.AreEqual(Enumerable.Repeat(new string(' ', 16), 4).ToArray(), _lcd.Render());
        }

        [TestMethod]
        public void AnInstructionIsSyncByteThenHighNibbleThenLowNibble()
        {
            PowerOn();
            int mark = _wire.Bytes.Count;
            _driver.WriteLine(1, "A");
            CollectionAssert.AreEqual(new byte[]
            {
                0xF8, 0x90, 0x00,   // set DDRAM address 0x90: row 1
                0xFA, 0x40, 0x10,   // 'A' = 0x41
                0xFA, 0x20, 0x00,   // ' ': the address's second byte
            }, SentSince(mark));
        }

        [TestMethod]
        public void RowsStartAtTheirDdramAddresses()
        {
            PowerOn();
            int[] addresses = new int[4];
            for (int row = 0; row < 4; row++)
            {
                int mark = _wire.Bytes.Count;
                _driver.WriteLine(row, "row" + row);
                byte[] sent = SentSince(mark);
                addresses[row] = sent[1] | sent[2] >> 4;
            }
            CollectionAssert.AreEqual(new[] { 0x80, 0x90, 0x88, 0x98 }, addresses);
            CollectionAssert.AreEqual(new[] { "row0", "row1", "row2", "row3" }, _lcd.Render().Select(l => l.TrimEnd()).ToArray());
        }

        [TestMethod]
        public void ChineseStartsOnAnEvenCell()
        {
            PowerOn();
            _driver.WriteLine(0, "POS终端");
            Assert.AreEqual("POS 终端", _lcd.Render()[0].TrimEnd());
            byte[] ddram = _lcd.Ddram();
            CollectionAssert.AreEqual(new byte[] { (byte)'P', (byte)'O', (byte)'S', 0x20, 0xD6, 0xD5, 0xB6, 0xCB }, ddram.Take(8).ToArray());
        }

        [TestMethod]
        public void AWideCharacterThatDoesNotFitIsLeftOut()
        {
            PowerOn();
            _driver.WriteLine(0, "ABCDEFGHIJKLMNO终");
            Assert.AreEqual("ABCDEFGHIJKLMNO ", _lcd.Render()[0]);
            _driver.WriteLine(1, "终端终端终端终端终端");
            Assert.AreEqual("终端终端终端终端", _lcd.Render()[1]);
        }

        [TestMethod]
        public void CharactersTheLcdCannotDrawShowAsQuestionMarks()
        {
            PowerOn();
            _driver.WriteLine(0, "a€b錯");
            Assert.AreEqual("a?b ？", _lcd.Render()[0].TrimEnd());
        }

        [TestMethod]
        public void AnUpdateSendsOnlyTheChangedAddresses()
        {
            PowerOn();
            _driver.WriteLine(2, "PIN: 1234");
            int mark = _wire.Bytes.Count;
            _driver.WriteLine(2, "PIN: 1235");
            CollectionAssert.AreEqual(new byte[]
            {
                0xF8, 0x80, 0xC0,   // set DDRAM address 0x8C: row 2, cells 8-9
                0xFA, 0x30, 0x50,   // '5'
                0xFA, 0x20, 0x00,   // ' '
            }, SentSince(mark));
            Assert.AreEqual("PIN: 1235", _lcd.Render()[2].TrimEnd());
        }

        [TestMethod]
        public void SeparateChangesInARowEachGetOneAddressSet()
        {
            PowerOn();
            _driver.WriteLine(0, "AB CD EF GH");
            long before = _lcd.Instructions;
            int mark = _wire.Bytes.Count;
            _driver.WriteLine(0, "XB CD EF GY");
            // Addresses 0 and 5 changed: (set + 2 data) twice.
            Assert.AreEqual(6, _lcd.Instructions - before);
            Assert.AreEqual(18, SentSince(mark).Length);
            Assert.AreEqual("XB CD EF GY", _lcd.Render()[0].TrimEnd());
        }

        [TestMethod]
        public void RewritingTheSameTextSendsNothing()
        {
            PowerOn();
            _driver.WriteLine(3, "就绪");
            int mark = _wire.Bytes.Count;
            _driver.WriteLine(3, "就绪");
            _driver.WriteLine(3, "就绪      ");
            Assert.AreEqual(0, SentSince(mark).Length);
        }

        [TestMethod]
        public void UpdatesNeverClearTheScreen()
        {
            PowerOn();
            int mark = _wire.Bytes.Count;
            string[] texts = { "登录", "密码: ****", "1 商户账号", "", "确认解除绑定?", "POS终端" };
            for (int i = 0; i < 30; i++)
            {
                _driver.WriteLine(i % 4, texts[i % texts.Length]);
            }
            byte[] sent = SentSince(mark);
            for (int i = 0; i < sent.Length; i += 3)
            {
                bool clear = sent[i] == 0xF8 && sent[i + 1] == 0x00 && sent[i + 2] == 0x10;
                Assert.IsFalse(clear, "a clear command was sent at byte " + i);
            }
        }

        [TestMethod]
        public void AtTheBoardClockTheBusPacesInstructionsInOneTransferPerRow()
        {
            PowerOn(BoardClockHz);
            Assert.IsTrue(_driver.BusPaces);
            WriteBusyScreens();
            Assert.AreEqual(0, _lcd.Problems.Count, string.Join("\n", _lcd.Problems));
        }

        [TestMethod]
        public void AtAFastClockTheDriverWaitsAfterEachInstruction()
        {
            PowerOn(4_000_000);
            Assert.IsFalse(_driver.BusPaces);
            long start = _clock.UptimeMicros;
            long before = _lcd.Instructions;
            WriteBusyScreens();
            long instructions = _lcd.Instructions - before;
            Assert.IsTrue(_clock.UptimeMicros - start >= instructions * SimSt7920.ExecutionMicros, "each instruction must be waited out");
            Assert.AreEqual(0, _lcd.Problems.Count, string.Join("\n", _lcd.Problems));
        }

        [TestMethod]
        public void InitialisationWaitsForThePowerUpTime()
        {
            PowerOn();
            Assert.IsTrue(_clock.UptimeMicros >= SimSt7920.PowerUpMicros + 10_000, "40 ms power-up, then clear's 10 ms");
        }

        [TestMethod]
        public void FullRedrawCostsSixtyEightInstructions()
        {
            // The benchmark's yardstick: 4 rows × (1 address set + 16 data bytes).
            PowerOn();
            long before = _lcd.Instructions;
            for (int row = 0; row < 4; row++) _driver.WriteLine(row, "0123456789ABCDEF");
            Assert.AreEqual(68, _lcd.Instructions - before);
        }

        private void WriteBusyScreens()
        {
            string[] texts = { "POS终端", "就绪", "0123456789ABCDEF", "终端终端终端终端", "A终B端C", "", "x" };
            for (int i = 0; i < 40; i++)
            {
                _driver.WriteLine(i % 4, texts[(i * 3) % texts.Length]);
            }
        }
    }
}

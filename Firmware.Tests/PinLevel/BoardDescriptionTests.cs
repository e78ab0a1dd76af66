using System;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Hal;
using PosTerminal.Hal.Display;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Parts;

namespace PosTerminal.Firmware.Tests.PinLevel
{
    [TestClass]
    public sealed class BoardDescriptionTests
    {
        private static string RepositoryBoardJson()
        {
            return File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "boards", "esp32-terminal", "board.json"));
        }

        [TestMethod]
        public void LoadsTheEsp32TerminalsKeypad()
        {
            BoardDescription board = BoardDescription.LoadDefault();
            Assert.AreEqual("esp32-terminal", board.Name);
            Assert.AreEqual(5, board.Keypad.Rows.Length);
            Assert.AreEqual(4, board.Keypad.Columns.Length);
            Key[] layout = board.KeyLayout();
            Assert.AreEqual(20, layout.Length);
            Key[] every = Enum.GetValues<Key>().Where(k => k != Key.None && k != Key.ClearHeld).ToArray();
            CollectionAssert.AreEquivalent(every, layout.Where(k => k != Key.None).ToArray(), "each of the 19 keys exactly once");
            Assert.AreEqual(Key.Menu, layout[3]);
            Assert.AreEqual(Key.None, layout[19], "row 4 column 3 is not populated");
            Assert.AreEqual(25, board.Keypad.Rows[0].Gpio);
            Assert.AreEqual("col3", board.Keypad.Columns[3].Role);
        }

        [TestMethod]
        public void TheCopyBesideTheSimulatorIsTheRepositorysFile()
        {
            Assert.AreEqual(RepositoryBoardJson(), File.ReadAllText(Path.Combine(AppContext.BaseDirectory, BoardDescription.FileName)));
        }

        [TestMethod]
        public void TheLcdClockLetsTheBusPaceTheController()
        {
            BoardDescription board = BoardDescription.LoadDefault();
            var clock = new VirtualClock();
            var lcd = new SimSt7920();
            lcd.PowerOn(0);
            var driver = new St7920(new SimSpiBus(clock, board.Lcd.ClockHz, lcd), clock);
            Assert.IsTrue(driver.BusPaces, board.Lcd.ClockHz + " Hz is too fast to send a row in one transfer");
            Assert.AreEqual(0, lcd.Problems.Count);
        }

        [TestMethod]
        public void UnknownKeyNameIsRejectedByName()
        {
            string json = RepositoryBoardJson().Replace("\"MENU\"", "\"MENUE\"");
            var e = Assert.ThrowsExactly<BoardDescriptionException>(() => BoardDescription.Parse(json, "test.json"));
            StringAssert.Contains(e.Message, "test.json: keypad layout row 0: unknown key 'MENUE'");
        }

        [TestMethod]
        public void DuplicateKeyIsRejected()
        {
            string json = RepositoryBoardJson().Replace("\"FN\"", "\"MENU\"");
            var e = Assert.ThrowsExactly<BoardDescriptionException>(() => BoardDescription.Parse(json));
            StringAssert.Contains(e.Message, "key 'MENU' appears 2 times");
        }

        [TestMethod]
        public void GpioWiredTwiceIsRejectedNamingBothRoles()
        {
            string json = RepositoryBoardJson().Replace("\"gpio\": 4 }", "\"gpio\": 25 }");
            var e = Assert.ThrowsExactly<BoardDescriptionException>(() => BoardDescription.Parse(json));
            StringAssert.Contains(e.Message, "GPIO 25 is wired to both row0 and lcd-cs");
        }

        [TestMethod]
        public void LayoutThatDoesNotMatchTheLinesIsRejected()
        {
            string json = RepositoryBoardJson().Replace("[ \"CANCEL\", \"CLEAR\", \"ENTER\", \"\" ]", "[ \"CANCEL\", \"CLEAR\", \"ENTER\" ]");
            var e = Assert.ThrowsExactly<BoardDescriptionException>(() => BoardDescription.Parse(json));
            StringAssert.Contains(e.Message, "layout row 4 needs 4 entries, has 3");
        }

        [TestMethod]
        public void MalformedJsonIsReportedAsSuch()
        {
            var e = Assert.ThrowsExactly<BoardDescriptionException>(() => BoardDescription.Parse("{ \"keypad\": ", "x.json"));
            StringAssert.StartsWith(e.Message, "x.json: not a board description");
        }
    }
}

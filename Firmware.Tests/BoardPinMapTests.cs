using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Tests.Board;

namespace PosTerminal.Firmware.Tests
{
    /// <summary>
    /// boards/esp32-terminal/board.json is THE pin map. The ESP32 code cannot be compiled on
    /// this machine, so what can be is checked here: the map obeys the ESP32's pin rules, the
    /// keypad layout is the firmware's, and the device's BoardPins.cs is generated from it.
    /// Each rule also gets a broken copy of the map, to show that the rule can fail.
    /// </summary>
    [TestClass]
    public sealed class BoardPinMapTests
    {
        private static string BoardJsonPath { get { return Path.Combine(TestPaths.RepoRoot, "boards", "esp32-terminal", "board.json"); } }

        private static JsonNode Board() { return JsonNode.Parse(File.ReadAllText(BoardJsonPath)); }

        [TestMethod]
        public void TheBoardFollowsEveryPinRule()
        {
            List<string> problems = BoardRules.Check(Board());
            Assert.IsEmpty(problems, string.Join("\n", problems));
        }

        [TestMethod]
        public void EveryLineTheDriversNeedIsThere()
        {
            var roles = BoardRules.Lines(Board(), new List<string>()).Select(l => l.Role).ToList();
            string[] needed =
            {
                "row0", "row1", "row2", "row3", "row4", "col0", "col1", "col2", "col3",
                "lcd-sclk", "lcd-sid", "lcd-cs", "card-cls", "card-strobe", "card-data", "console-tx", "console-rx", "buzzer",
            };
            CollectionAssert.IsSubsetOf(needed, roles);
        }

        [TestMethod]
        public void AFlashPinIsRefused()
        {
            ExpectProblem(b => SetGpio(b["keypad"]["rows"][0], 7), "GPIO 6-11");
        }

        [TestMethod]
        public void AStrappingPinIsRefused()
        {
            ExpectProblem(b => SetGpio(b["lcd"]["cs"], 2), "strapping");
            ExpectProblem(b => SetGpio(b["cardReader"]["cls"], 12), "strapping");
        }

        [TestMethod]
        public void AnOutputOnAnInputOnlyPinIsRefused()
        {
            ExpectProblem(b => SetGpio(b["console"]["tx"], 37), "input-only");
        }

        [TestMethod]
        public void AnInputOnAnInputOnlyPinIsAccepted()
        {
            JsonNode board = Board();
            SetGpio(board["cardReader"]["cls"], 37);
            Assert.IsFalse(BoardRules.Check(board).Any(p => p.Contains("input-only")));
        }

        [TestMethod]
        public void APinUsedTwiceIsRefused()
        {
            ExpectProblem(b => SetGpio(b["cardReader"]["data"], 21), "GPIO 21 used twice");
        }

        [TestMethod]
        public void AMissingLineIsRefused()
        {
            ExpectProblem(b => ((JsonObject)b["console"]).Remove("rx"), "console-rx is missing");
            ExpectProblem(b => ((JsonArray)b["keypad"]["rows"]).RemoveAt(4), "row4 is missing");
        }

        [TestMethod]
        public void APinTheChipDoesNotHaveIsRefused()
        {
            ExpectProblem(b => SetGpio(b["lcd"]["sclk"], 24), "no such GPIO");
        }

        [TestMethod]
        public void TheDebugUartIsRefused()
        {
            ExpectProblem(b => SetGpio(b["console"]["tx"], 1), "UART0");
        }

        [TestMethod]
        public void AnUnclassifiedRoleIsRefused()
        {
            ExpectProblem(b => ((JsonObject)b["lcd"]).Add("backlight", new JsonObject { ["role"] = "lcd-backlight", ["gpio"] = 13 }), "neither a known input nor output");
        }

        [TestMethod]
        public void TheLayoutHoldsEveryKeyExactlyOnce()
        {
            ExpectProblem(b => b["keypad"]["layout"][3][3] = "1", "key D1 appears 2 times");
            ExpectProblem(b => b["keypad"]["layout"][3][3] = "1", "key Fn appears 0 times");
            ExpectProblem(b => b["keypad"]["layout"][0][0] = "F1", "unknown key name 'F1'");
        }

        [TestMethod]
        public void TheLayoutIsFiveRowsOfFour()
        {
            ExpectProblem(b => ((JsonArray)b["keypad"]["layout"]).RemoveAt(4), "must have 5 rows");
            ExpectProblem(b => ((JsonArray)b["keypad"]["layout"][1]).RemoveAt(3), "must have 4 columns");
        }

        [TestMethod]
        public void TheBuzzerIsAnOutputOnAFreePinAtAPiezoFrequency()
        {
            ExpectProblem(b => SetGpio(b["buzzer"]["pwm"], 36), "buzzer on GPIO 36: GPIO 34-39 are input-only");
            ExpectProblem(b => SetGpio(b["buzzer"]["pwm"], 12), "strapping");
            ExpectProblem(b => SetGpio(b["buzzer"]["pwm"], 21), "GPIO 21 used twice: card-cls, buzzer");
            ExpectProblem(b => ((JsonObject)b).Remove("buzzer"), "line buzzer is missing");
            ExpectProblem(b => b["buzzer"]["frequencyHz"] = 27000, "buzzer frequencyHz 27000");
            StringAssert.Contains(BoardPinsSource.Generate(Board()), "public const int Buzzer = 13;");
        }

        [TestMethod]
        public void TheLcdBusAndClockAreUsable()
        {
            ExpectProblem(b => b["lcd"]["spiBus"] = 3, "spiBus 3");
            ExpectProblem(b => b["lcd"]["clockHz"] = 4000000, "clockHz 4000000");
        }

        [TestMethod]
        public void TheDevicePinTableIsGeneratedFromBoardJson()
        {
            string expected = BoardPinsSource.Generate(Board());
            string path = Path.Combine(TestPaths.RepoRoot, BoardPinsSource.RelativePath);
            if (Environment.GetEnvironmentVariable("POSTERM_WRITE_BOARDPINS") == "1")
            {
                File.WriteAllText(path, expected);
            }
            string actual = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n") : "(missing)";
            Assert.AreEqual(expected, actual,
                "BoardPins.cs differs from board.json; regenerate it with POSTERM_WRITE_BOARDPINS=1 (see its header)");
        }

        [TestMethod]
        public void TheGeneratedTableFollowsAChangedPin()
        {
            JsonNode board = Board();
            string before = BoardPinsSource.Generate(board);
            SetGpio(board["cardReader"]["strobe"], 13);
            string after = BoardPinsSource.Generate(board);
            Assert.AreNotEqual(before, after);
            StringAssert.Contains(after, "public const int CardStrobe = 13;");
        }

        [TestMethod]
        public void TheGeneratedLayoutIsRowMajorWithNoneForTheEmptyCell()
        {
            string text = BoardPinsSource.Generate(Board());
            StringAssert.Contains(text, "Key.D1, Key.D2, Key.D3, Key.Menu,");
            StringAssert.Contains(text, "Key.Cancel, Key.Clear, Key.Enter, Key.None,");
        }

        /// <summary>
        /// board.json's security.kdfRounds and console.maxLineChars reach the firmware once, on
        /// both kinds of board: the simulated boards read them (BoardDescription.Security, one
        /// section) and hand them over in TerminalHardware, and the device's generated BoardPins
        /// holds the same numbers (TheGeneratedBoardPinsMatch). A hash made on the board carries
        /// the board's rounds; a board given other rounds makes hashes with those.
        /// </summary>
        [TestMethod]
        public void TheBoardsRoundsAndConsoleLineReachTheFirmwareOnce()
        {
            JsonNode board = Board();
            int rounds = (int)board["security"]["kdfRounds"];
            int maxLine = (int)board["console"]["maxLineChars"];
            Assert.AreEqual(rounds, Virtual.BoardDescription.Default.Security.KdfRounds);
            var sim = new Virtual.EventBoard(new Virtual.Flash.SimFlash());
            Assert.AreEqual(rounds, sim.KdfRounds);
            sim.PowerOn();
            Assert.AreEqual(maxLine, sim.Terminal.Hardware.ConsoleMaxLine);
            Assert.AreEqual(rounds, sim.Terminal.Hardware.KdfRounds);
            Tools.Checks.Security.Technician.Provision(sim);
            Assert.AreEqual(rounds, Security.PasswordHash.Decode(sim.Terminal.Store.Read(Storage.RecordKeys.TechnicianCode)).Rounds);

            var other = new Virtual.EventBoard(new Virtual.Flash.SimFlash()) { KdfRounds = 77 };
            other.PowerOn();
            Tools.Checks.Security.Technician.Provision(other);
            Assert.AreEqual(77, Security.PasswordHash.Decode(other.Terminal.Store.Read(Storage.RecordKeys.TechnicianCode)).Rounds);

            string pins = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "boards", "esp32-terminal", "PosTerminal.Esp32", "BoardPins.cs"));
            StringAssert.Contains(pins, "public const int KdfRounds = " + rounds + ";");
            Assert.AreEqual(1, System.Text.RegularExpressions.Regex.Matches(pins, "KdfRounds").Count, "one constant for the rounds");
            string program = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "boards", "esp32-terminal", "PosTerminal.Esp32", "Program.cs"));
            StringAssert.Contains(program, "KdfRounds = BoardPins.KdfRounds,");
            StringAssert.Contains(program, "ConsoleMaxLine = BoardPins.ConsoleMaxLineChars,");
        }

        private static void SetGpio(JsonNode line, int gpio)
        {
            line["gpio"] = gpio;
        }

        private static void ExpectProblem(Action<JsonNode> breakIt, string expected)
        {
            JsonNode board = Board();
            Assert.IsFalse(BoardRules.Check(board).Any(p => p.Contains(expected)), "already broken before the change: " + expected);
            breakIt(board);
            List<string> problems = BoardRules.Check(board);
            Assert.IsTrue(problems.Any(p => p.Contains(expected)),
                $"expected a problem containing '{expected}', got:\n{string.Join("\n", problems)}");
        }
    }
}

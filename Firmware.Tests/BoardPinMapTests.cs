using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Tests.Board;
using PosTerminal.Tools.BoardGen;
using PosTerminal.Virtual;
using static PosTerminal.Firmware.Tests.Board.BoardCopies;

namespace PosTerminal.Firmware.Tests
{
    /// <summary>
    /// boards/esp32-terminal/board.json is THE pin map, read through the typed model
    /// (BoardDescription) whose BoardRules hold the ESP32's pin rules and the firmware's keypad.
    /// The ESP32 code cannot be compiled on this machine, so what can be is checked here: the
    /// map obeys every rule, and the device's BoardPins.cs is what tools/boardgen generates from
    /// it. Each rule also gets a broken copy of the map, to show that the rule can fail.
    /// </summary>
    [TestClass]
    public sealed class BoardPinMapTests
    {
        private static BoardDescription Board() { return BoardDescription.Read(BoardText()); }

        [TestMethod]
        public void TheBoardFollowsEveryRule()
        {
            List<string> problems = BoardRules.Check(Board());
            Assert.IsEmpty(problems, string.Join("\n", problems));
        }

        [TestMethod]
        public void EveryLineTheDriversNeedIsThereWithItsDirection()
        {
            List<BoardLine> lines = Board().Lines();
            string[] outputs = { "row0", "row1", "row2", "row3", "row4", "lcd-sclk", "lcd-sid", "lcd-cs", "console-tx", "buzzer" };
            string[] inputs = { "col0", "col1", "col2", "col3", "lcd-miso-unused", "card-cls", "card-strobe", "card-data", "console-rx" };
            CollectionAssert.AreEquivalent(outputs, lines.Where(l => l.IsOutput).Select(l => l.Pin.Role).ToList());
            CollectionAssert.AreEquivalent(inputs, lines.Where(l => !l.IsOutput).Select(l => l.Pin.Role).ToList());
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
            ExpectProblem(b => SetGpio(b["console"]["tx"], 37), "console-tx on GPIO 37: GPIO 34-39 are input-only");
        }

        [TestMethod]
        public void AnInputOnAnInputOnlyPinIsAccepted()
        {
            List<string> problems = ModelProblems(Broken(b => SetGpio(b["cardReader"]["cls"], 37)));
            Assert.IsFalse(problems.Any(p => p.Contains("input-only")), string.Join("\n", problems));
        }

        [TestMethod]
        public void APinUsedTwiceIsRefusedNamingBoth()
        {
            ExpectProblem(b => SetGpio(b["cardReader"]["data"], 21), "GPIO 21 is wired to both card-cls and card-data");
        }

        [TestMethod]
        public void AMissingLineIsRefused()
        {
            ExpectProblem(b => ((JsonObject)b["console"]).Remove("rx"), "missing required properties including: 'rx'");
            ExpectProblem(b => ((JsonArray)b["keypad"]["rows"]).RemoveAt(4), "keypad rows: 4 lines for a layout of 5 rows");
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
        public void ALineWithTheWrongRoleIsRefused()
        {
            ExpectProblem(b => b["keypad"]["rows"][1]["role"] = "row3", "keypad.rows[1] has role 'row3', expected 'row1'");
            ExpectProblem(b => b["lcd"]["cs"]["role"] = "lcd-chip-select", "lcd.cs has role 'lcd-chip-select', expected 'lcd-cs'");
        }

        [TestMethod]
        public void AnUnknownPartOrLineIsRefused()
        {
            ExpectProblem(b => ((JsonObject)b["lcd"]).Add("backlight", Pin("lcd-backlight", 13)), "backlight");
            ExpectProblem(b => ((JsonObject)b).Add("printer", new JsonObject()), "printer");
        }

        [TestMethod]
        public void TheLayoutHoldsEveryKeyExactlyOnce()
        {
            ExpectProblem(b => b["keypad"]["layout"][3][3] = "1", "key '1' appears 2 times");
            ExpectProblem(b => b["keypad"]["layout"][3][3] = "1", "key 'FN' appears 0 times");
            ExpectProblem(b => b["keypad"]["layout"][0][0] = "F1", "keypad layout row 0: unknown key 'F1'");
            ExpectProblem(b => b["keypad"]["layout"][0][3] = "menu", "keypad layout row 0: unknown key 'menu'");
        }

        [TestMethod]
        public void TheLayoutIsFiveRowsOfFour()
        {
            ExpectProblem(b => ((JsonArray)b["keypad"]["layout"]).RemoveAt(4), "must have 5 rows");
            ExpectProblem(b => ((JsonArray)b["keypad"]["layout"][1]).RemoveAt(3), "keypad layout row 1 needs 4 entries, has 3");
        }

        [TestMethod]
        public void TheBuzzerIsAnOutputOnAFreePinAtAPiezoFrequency()
        {
            ExpectProblem(b => SetGpio(b["buzzer"]["pwm"], 36), "buzzer on GPIO 36: GPIO 34-39 are input-only");
            ExpectProblem(b => SetGpio(b["buzzer"]["pwm"], 12), "strapping");
            ExpectProblem(b => SetGpio(b["buzzer"]["pwm"], 21), "GPIO 21 is wired to both card-cls and buzzer");
            ExpectProblem(b => b["buzzer"]["frequencyHz"] = 27000, "buzzer frequencyHz 27000");
            Assert.IsEmpty(ModelProblems(Broken(b => ((JsonObject)b).Remove("buzzer"))), "the buzzer is an optional part");
            StringAssert.Contains(BoardPinsSource.Generate(Board()), "public const int BuzzerPwm = 13;");
        }

        [TestMethod]
        public void TheLcdBusAndClockAreUsable()
        {
            ExpectProblem(b => b["lcd"]["spiBus"] = 3, "spiBus 3");
            ExpectProblem(b => b["lcd"]["clockHz"] = 4000000, "clockHz 4000000");
            ExpectProblem(b => b["lcd"]["clockHz"] = 50000, "clockHz 50000");
        }

        [TestMethod]
        public void TheConsoleFlashAndSecurityValuesAreBounded()
        {
            ExpectProblem(b => b["console"]["uart"] = "COM1", "console uart COM1");
            ExpectProblem(b => b["console"]["maxLineChars"] = 40, "console.maxLineChars 40: must be 80-1024");
            ExpectProblem(b => b["flash"]["sectorSize"] = 512, "flash sectorSize 512");
            ExpectProblem(b => b["flash"]["path"] = "D:\\posterm.flash", "the store lives on the I: LittleFS drive");
            ExpectProblem(b => b["security"]["kdfRounds"] = 0, "security.kdfRounds 0: must be at least 1");
        }

        [TestMethod]
        public void ABuzzerIsAnOptionalPartWhosePinGoesThroughThePinRules()
        {
            List<string> fine = ModelProblems(Broken(b => AddBuzzer(b, 13)));
            Assert.IsEmpty(fine, string.Join("\n", fine));
            ExpectProblem(b => AddBuzzer(b, 34), "buzzer on GPIO 34: GPIO 34-39 are input-only");
            ExpectProblem(b => AddBuzzer(b, 25), "GPIO 25 is wired to both row0 and buzzer");
            ExpectProblem(b => AddBuzzer(b, 15), "buzzer on GPIO 15: strapping pin");
            ExpectProblem(b => { AddBuzzer(b, 13); b["buzzer"]["pwm"]["role"] = "beeper"; }, "buzzer.pwm has role 'beeper', expected 'buzzer'");
        }

        [TestMethod]
        public void TheDevicePinTableIsCurrent()
        {
            string expected = BoardPinsSource.Generate(BoardDescription.Load(JsonPath));
            string path = Path.Combine(TestPaths.RepoRoot, BoardPinsSource.RelativePath);
            string actual = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n") : "(missing)";
            Assert.AreEqual(expected, actual, "BoardPins.cs differs from board.json: build PosTerminal.sln (tools/boardgen writes it) and commit it");
        }

        [TestMethod]
        public void TheGeneratedTableFollowsAChangedPin()
        {
            string before = BoardPinsSource.Generate(Board());
            string after = BoardPinsSource.Generate(BoardDescription.Parse(Broken(b => SetGpio(b["cardReader"]["strobe"], 14))));
            Assert.AreNotEqual(before, after);
            StringAssert.Contains(after, "public const int CardStrobe = 14;");
        }

        [TestMethod]
        public void TheGeneratedTableCarriesEveryValueTheDeviceReads()
        {
            string text = BoardPinsSource.Generate(Board());
            StringAssert.Contains(text, "Key.D1, Key.D2, Key.D3, Key.Menu,");
            StringAssert.Contains(text, "Key.Cancel, Key.Clear, Key.Enter, Key.None,");
            StringAssert.Contains(text, "public const int LcdClockHz = 200000;");
            StringAssert.Contains(text, "public const int ConsoleMaxLineChars = 200;");
            StringAssert.Contains(text, "public const int KdfRounds = 960;");
            StringAssert.Contains(text, "public const string FlashPath = \"I:\\\\posterm.flash\";");
            StringAssert.Contains(text, "public const bool HasBuzzer = true;");
            string without = BoardPinsSource.Generate(BoardDescription.Parse(Broken(b => ((JsonObject)b).Remove("buzzer"))));
            StringAssert.Contains(without, "public const bool HasBuzzer = false;");
            string withBuzzer = BoardPinsSource.Generate(BoardDescription.Parse(Broken(b => AddBuzzer(b, 13))));
            StringAssert.Contains(withBuzzer, "public const bool HasBuzzer = true;");
            StringAssert.Contains(withBuzzer, "public const int BuzzerPwm = 13;");
            StringAssert.Contains(withBuzzer, "public const int BuzzerFrequencyHz = 2700;");
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
            int rounds = Board().Security.KdfRounds;
            int maxLine = Board().Console.MaxLineChars;
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

        [TestMethod]
        public void TheBuildStepWritesAStaleTableAndChecksACurrentOne()
        {
            string dir = Directory.CreateTempSubdirectory("boardgen").FullName;
            string json = Path.Combine(dir, "board.json");
            string pins = Path.Combine(dir, "BoardPins.cs");
            File.WriteAllText(json, BoardText());
            File.WriteAllText(pins, "// stale\n");
            Assert.AreEqual(1, Program.Main(new[] { "--check", json, pins }), "a stale table fails the check");
            Assert.AreEqual("// stale\n", File.ReadAllText(pins), "the check writes nothing");
            Assert.AreEqual(0, Program.Main(new[] { "--write", json, pins }));
            Assert.AreEqual(BoardPinsSource.Generate(Board()), File.ReadAllText(pins));
            Assert.AreEqual(0, Program.Main(new[] { "--check", json, pins }));
        }

        [TestMethod]
        public void TheBuildStepRefusesABrokenBoardAndWritesNothing()
        {
            string dir = Directory.CreateTempSubdirectory("boardgen").FullName;
            string json = Path.Combine(dir, "board.json");
            string pins = Path.Combine(dir, "BoardPins.cs");
            File.WriteAllText(json, Broken(b => SetGpio(b["lcd"]["cs"], 7)));
            var error = new StringWriter();
            TextWriter saved = Console.Error;
            Console.SetError(error);
            try
            {
                Assert.AreEqual(1, Program.Main(new[] { "--write", json, pins }));
            }
            finally
            {
                Console.SetError(saved);
            }
            Assert.IsFalse(File.Exists(pins));
            StringAssert.Contains(error.ToString(), "lcd-cs on GPIO 7: GPIO 6-11 belong to the SPI flash");
        }

        private static void ExpectProblem(Action<JsonNode> breakIt, string expected)
        {
            Assert.IsFalse(ModelProblems(BoardText()).Any(p => p.Contains(expected)), "already broken before the change: " + expected);
            List<string> problems = ModelProblems(Broken(breakIt));
            Assert.IsTrue(problems.Any(p => p.Contains(expected)),
                $"expected a problem containing '{expected}', got:\n{string.Join("\n", problems)}");
        }
    }
}

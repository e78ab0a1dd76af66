using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Tools.Guides;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Flash;

namespace PosTerminal.Firmware.Tests.Guides
{
    /// <summary>
    /// docs/flashing.md, the technician's guide: its generated sections (parts, wiring and keypad
    /// from board.json, the console runs from tools/guides/flashing) are what the generator makes
    /// now; its hand-written console error table lists every "error: " line the console's sources
    /// can print, and nothing else; its firmware table names every native assembly the device's
    /// packages need; and it points at no issue numbers.
    /// </summary>
    [TestClass]
    public sealed class FlashingGuideTests
    {
        private static readonly Lazy<GuideFile> Generated = new Lazy<GuideFile>(() => FlashingGuide.Generate(TestPaths.RepoRoot));

        private static string Committed { get { return File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "flashing.md")).Replace("\r\n", "\n"); } }

        private static BoardDescription Board { get { return BoardDescription.Load(Path.Combine(TestPaths.RepoRoot, "boards", "esp32-terminal", "board.json")); } }

        [TestMethod]
        public void TheGeneratedSectionsMatchBoardJsonAndTheConsole()
        {
            string difference = GuideGenerator.Difference(TestPaths.RepoRoot, Generated.Value);
            Assert.IsNull(difference, difference + "; regenerate with: " + GuideGenerator.Command);
            foreach (string name in new[] { "parts", "wiring", "keypad", "provisioning", "replacement" })
                StringAssert.Contains(Committed, FlashingGuide.End(name), name + " is a section of the guide");
        }

        /// <summary>The staleness check can fail: a pin moved in board.json changes the committed wiring section.</summary>
        [TestMethod]
        public void AMovedPinMakesTheWiringSectionStale()
        {
            BoardDescription board = Board;
            string before = BoardSheet.Wiring(board);
            StringAssert.Contains(before, "| buzzer | NPN transistor's base, through the base resistor | 13 | out |");
            board.Buzzer.Pwm.Gpio = 14;
            board.Console.Baud = 57600;
            string after = BoardSheet.Wiring(board);
            StringAssert.Contains(after, "| buzzer | NPN transistor's base, through the base resistor | 14 | out |");
            StringAssert.Contains(after, "| console TX | USB-serial adapter **RX** | 17 | out | UART2 (COM3), 57600 8N1 |");
            var sections = new Dictionary<string, KeyValuePair<string, string>>
            {
                ["wiring"] = new KeyValuePair<string, string>(BoardSheet.Source, after),
            };
            string filled = FlashingGuide.Fill(Committed, sections);
            Assert.AreNotEqual(Committed, filled, "the committed guide no longer matches");
            Assert.AreEqual(FlashingGuide.Section(Committed, "parts"), FlashingGuide.Section(filled, "parts"), "only the wiring section changes");
        }

        [TestMethod]
        public void ThePartsListTakesItsValuesFromBoardJson()
        {
            BoardDescription board = Board;
            string parts = BoardSheet.Parts(board);
            StringAssert.Contains(parts, "| 10 kΩ resistor | 4 | keypad column pull-ups to 3.3 V | one per column: GPIO 34, 35, 36, 39 have no internal pull resistors |");
            StringAssert.Contains(parts, "| 1 kΩ resistor | 1 | the transistor's base, from GPIO 13 |");
            StringAssert.Contains(parts, "| 5 × 4 matrix keypad, 19 keys | 1 |");
            StringAssert.Contains(parts, "row 4 column 3 not fitted");
            StringAssert.StartsWith(parts.Split('\n')[2], "| " + board.Mcu + " | 1 |");

            board.Keypad.Comment = board.Keypad.Comment.Replace("10k pull-ups", "4.7k pull-ups");
            board.Keypad.Layout[4][3] = "FN";
            board.Keypad.Layout[3][3] = "";
            parts = BoardSheet.Parts(board);
            StringAssert.Contains(parts, "| 4.7 kΩ resistor | 4 |");
            StringAssert.Contains(parts, "row 3 column 3 not fitted");
            StringAssert.Contains(BoardSheet.Keypad(board), "| row 3 (GPIO 32) | `STAR` | `0` | `HASH` | (not fitted) |");

            board.Buzzer = null;
            parts = BoardSheet.Parts(board);
            Assert.IsFalse(parts.Contains("piezo", StringComparison.Ordinal), "a board without a buzzer lists none");
            Assert.IsFalse(BoardSheet.Wiring(board).Contains("| buzzer |", StringComparison.Ordinal));
        }

        [TestMethod]
        public void ABoardCommentThatNoLongerSaysAValueStopsTheGeneration()
        {
            BoardDescription board = Board;
            board.Keypad.Comment = "5 x 4 matrix with pull-ups.";
            var e = Assert.ThrowsExactly<GuideException>(() => BoardSheet.Parts(board));
            StringAssert.Contains(e.Message, "boards/esp32-terminal/board.json: keypad.comment no longer says the columns' pull-up value");
            board = Board;
            board.Lcd.Comment = "Serial mode.";
            e = Assert.ThrowsExactly<GuideException>(() => BoardSheet.Parts(board));
            StringAssert.Contains(e.Message, "lcd.comment no longer says \"PSB tied low\"");
        }

        /// <summary>The answers in the guide are the firmware's: the first block is what a fresh terminal's console says to status.</summary>
        [TestMethod]
        public void TheProvisioningRunShowsWhatTheConsoleAnswers()
        {
            var board = new EventBoard(new SimFlash());
            board.PowerOn();
            string[] answer = board.SendConsoleLine("status");
            Transcript provisioning = Transcript.ReadAll(TestPaths.RepoRoot).Single(t => t.Name == "provisioning");
            List<List<TranscriptBlock>> run = TranscriptRun.Run(provisioning);
            List<string> first = run[0].First(b => b.Console != null).Console;
            CollectionAssert.AreEqual(new[] { "> status" }.Concat(answer).ToList(), first);
            string section = FlashingGuide.Section(Committed, "provisioning");
            StringAssert.Contains(section, "```text\n> status\n" + string.Join("\n", answer) + "\n```");
        }

        [TestMethod]
        public void AConsoleLineThatAnswersOtherwiseStopsTheRunWithItsLine()
        {
            Transcript t = Transcript.Parse("heading: 1. A\nterminal: PT000009\nstep: s\nconsole: lock\n", "t.txt", "t");
            var e = Assert.ThrowsExactly<GuideException>(() => TranscriptRun.Run(t));
            Assert.AreEqual("t.txt line 4: 'lock' answered error: login first (use console-error: for an error on purpose)", e.Message);
            t = Transcript.Parse("heading: 1. A\nterminal: PT000009\nstep: s\nconsole-error: help\n", "t.txt", "t");
            e = Assert.ThrowsExactly<GuideException>(() => TranscriptRun.Run(t));
            StringAssert.StartsWith(e.Message, "t.txt line 4: 'help' should answer an error");
            t = Transcript.Parse("heading: 1. A\nterminal: PT000009\nstep: s\nconsole: status\nexpect: terminal id\n", "t.txt", "t");
            e = Assert.ThrowsExactly<GuideException>(() => TranscriptRun.Run(t));
            StringAssert.StartsWith(e.Message, "t.txt line 5: the answer has no line with 'terminal id'");
            t = Transcript.Parse("heading: 1. A\nterminal: PT000009\nstep: s\npaste: backup\n", "t.txt", "t");
            e = Assert.ThrowsExactly<GuideException>(() => TranscriptRun.Run(t));
            Assert.AreEqual("t.txt line 4: 'paste: backup' but no backup was printed before", e.Message);
        }

        [TestMethod]
        public void ATranscriptFileErrorNamesItsFileAndLine()
        {
            AssertRefused("heading: 1. A\nstep: s\nconsole: help\n", "t.txt line 3: no terminal yet: start with 'terminal: ID'");
            AssertRefused("heading: 1. A\nterminal: PT1\nstep: s\nelide: 2\n", "t.txt line 4: 'elide' follows a console line or a paste");
            AssertRefused("heading: 1. A\nterminal: PT1\nconsole: help\nstep: s\n", "t.txt line 3: 'console' belongs to a step: put it after 'step'");
            AssertRefused("heading: 1. A\nterminal: PT1\nstep: s\nrun: MENU MENUX\n", "t.txt line 4: unknown token 'MENUX'");
            AssertRefused("heading: 1. A\nterminal: PT1 wifi\nstep: s\n", "t.txt line 2: 'terminal' takes an id and optionally 'fleet'");
            AssertRefused("terminal: PT1\nstep: s\n", "t.txt: needs a 'heading'");
        }

        [TestMethod]
        public void AnUnknownOrMissingMarkerIsAnError()
        {
            var e = Assert.ThrowsExactly<GuideException>(() => FlashingGuide.CheckMarkers("a\n<!-- stray:begin -->\n<!-- stray:end -->\n", new List<string>()));
            StringAssert.Contains(e.Message, "'stray' that nothing generates or checks");
            e = Assert.ThrowsExactly<GuideException>(() => FlashingGuide.CheckMarkers(Committed.Replace("<!-- console-errors:end -->", ""), new List<string> { "parts", "wiring", "keypad", "provisioning", "replacement" }));
            StringAssert.Contains(e.Message, "the section 'console-errors' has no end marker");
            var one = new Dictionary<string, KeyValuePair<string, string>> { ["parts"] = new KeyValuePair<string, string>("x", "y") };
            e = Assert.ThrowsExactly<GuideException>(() => FlashingGuide.Fill("no markers\n", one));
            StringAssert.Contains(e.Message, "has no section 'parts'");
            Assert.AreEqual("<!-- parts:begin (generated from x by " + GuideGenerator.Command + "; edit the source, not this) -->\n\ny\n\n<!-- parts:end -->\n",
                FlashingGuide.Fill("<!-- parts:begin -->\nold\n<!-- parts:end -->\n", one));
        }

        // ---- the console error table ----

        /// <summary>Where the console's lines come from: the firmware, the portable line editor, the device's adapters, and the simulator's TCP console.</summary>
        private static IEnumerable<string> ConsoleSources()
        {
            string root = TestPaths.RepoRoot;
            foreach (string folder in new[] { "Firmware", "Hal", Path.Combine("boards", "esp32-terminal") })
            {
                foreach (string file in Directory.GetFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
                {
                    string relative = Path.GetRelativePath(root, file).Replace('\\', '/');
                    if (relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal)) continue;
                    yield return file;
                }
            }
            yield return Path.Combine(root, "boards", "virtual", "ConsoleBridge.cs");
        }

        /// <summary>
        /// Every "error: ..." literal of the console's sources, as the start of a line the console
        /// prints. A bare "error: " + problem is followed to where problem comes from: only the
        /// backup's (BackupService: Unavailable and the too-long line) is known here, and any other
        /// fails the test, so that no composed message escapes the table.
        /// </summary>
        private static List<string> ErrorPrefixes()
        {
            var prefixes = new List<string>();
            int composed = 0;
            foreach (string file in ConsoleSources())
            {
                string name = Path.GetFileName(file);
                foreach (StringLiteral literal in CSharpStrings.Of(File.ReadAllText(file)))
                {
                    if (!literal.Text.StartsWith("error: ", StringComparison.Ordinal)) continue;
                    if (literal.Text == "error: ")
                    {
                        Assert.AreEqual("MaintenanceConsole.cs: + problem);", name + ": " + literal.After.Trim(),
                            name + " line " + literal.Line + " composes an error line this test cannot read: list its texts in docs/flashing.md and teach FlashingGuideTests where they come from");
                        composed++;
                        foreach (string problem in BackupProblems()) prefixes.Add("error: " + problem);
                        continue;
                    }
                    prefixes.Add(literal.Text);
                }
            }
            Assert.AreEqual(1, composed, "MaintenanceConsole's backup prints \"error: \" + problem");
            return prefixes.Distinct().ToList();
        }

        /// <summary>The problem texts `backup` prints after "error: ": BackupService.Unavailable's and Lines' literals.</summary>
        private static List<string> BackupProblems()
        {
            string source = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "Firmware", "Service", "BackupService.cs"));
            int start = source.IndexOf("public string Unavailable", StringComparison.Ordinal);
            int end = source.IndexOf("public bool CanRestore", StringComparison.Ordinal);
            Assert.IsTrue(start > 0 && end > start, "BackupService.Unavailable is where backup's problems are said");
            var problems = CSharpStrings.Of(source.Substring(start, end - start)).Where(l => l.After.TrimStart().StartsWith(";", StringComparison.Ordinal)).Select(l => l.Text).ToList();
            Assert.HasCount(3, problems, "Unavailable's three reasons");
            problems.AddRange(CSharpStrings.Of(source).Where(l => l.Text.StartsWith("backup line ", StringComparison.Ordinal)).Select(l => l.Text));
            Assert.HasCount(4, problems, "and the line too long for the console");
            return problems;
        }

        /// <summary>The message column of every row of the console error table (its first code span that starts with "error:").</summary>
        private static List<string> TableMessages()
        {
            string section = FlashingGuide.Section(Committed, "console-errors");
            var messages = new List<string>();
            foreach (string line in section.Split('\n'))
            {
                string[] cells = line.Split(" | ");
                if (cells.Length < 4 || !line.StartsWith("| ", StringComparison.Ordinal)) continue;
                Match code = Regex.Match(cells[1], "`(error:[^`]*)`");
                if (code.Success) messages.Add(code.Groups[1].Value);
            }
            return messages;
        }

        [TestMethod]
        public void EveryErrorTheConsoleCanPrintIsInTheTable()
        {
            List<string> prefixes = ErrorPrefixes();
            Assert.IsGreaterThan(50, prefixes.Count, "the scan finds the console's messages");
            CollectionAssert.Contains(prefixes, "error: login first");
            CollectionAssert.Contains(prefixes, "error: line too long (at most ");
            CollectionAssert.Contains(prefixes, "error: console busy: another client is connected; try again later");
            CollectionAssert.Contains(prefixes, "error: the board gives this terminal no valid id, so no backup can name it");
            List<string> table = TableMessages();
            var missing = prefixes.Where(p => !table.Any(m => m.StartsWith(p.TrimEnd(), StringComparison.Ordinal))).ToList();
            Assert.IsEmpty(missing, "docs/flashing.md, step 10, does not list: " + string.Join(" | ", missing));
        }

        [TestMethod]
        public void EveryRowOfTheTableIsALineTheConsoleCanPrint()
        {
            List<string> prefixes = ErrorPrefixes();
            List<string> table = TableMessages();
            Assert.IsGreaterThan(50, table.Count);
            var stale = table.Where(m => !prefixes.Any(p => m.StartsWith(p.TrimEnd(), StringComparison.Ordinal))).ToList();
            Assert.IsEmpty(stale, "the table lists lines no source prints any more: " + string.Join(" | ", stale));
            Assert.AreEqual(table.Count, table.Distinct().Count(), "each message once");
        }

        /// <summary>The table's words are the console's: bad lines sent to a real terminal answer exactly rows of the table.</summary>
        [TestMethod]
        public void TheErrorsARealConsolePrintsAreInTheTableWordForWord()
        {
            var board = new EventBoard(new SimFlash());
            board.PowerOn();
            string[] lines =
            {
                "bindings", "set-technician-code 1234", "set-technician-code 73920418", "login", "login 11111111", "login 73920418",
                "bindngs", "73920418", "set-technician-code 73920419", "set-technician-code 11112222 73920419", "set-technician-code a b c",
                "lock", "unlock", "unlock 12345678", "set-unlock-code 80417263", "set-unlock-code 80417264", "set-unlock-code 1 2 3",
                "lock", "lock", "bindings", "unlock 11111111", "unlock 80417263", "log 0", "reset-password 12", "reset-password",
                "set-fleet-key", "set-fleet-key abc", "set-fleet-key " + new string('a', 64), "new-backup-secret now", "new-backup-secret",
                "set-time 2026", "factory-reset confirm", "factory-reset now", "restore confirm", "restore please", "{\"Line\":1}",
                "restore", "{\"Line\":2}", new string('x', 201),
                "logout", "login 11111111", "login 11111112", "login 11111113", "login 11111114", "login 11111115",
            };
            List<string> table = TableMessages();
            var printed = new List<string>();
            foreach (string line in lines) printed.AddRange(board.SendConsoleLine(line).Where(a => a.StartsWith("error:", StringComparison.Ordinal)));
            Assert.IsGreaterThan(30, printed.Distinct().Count(), "the lines above provoke that many different errors");
            var notVerbatim = printed.Where(p => !table.Contains(p)).Distinct().ToList();
            Assert.IsEmpty(notVerbatim, "the console printed, and the table does not show word for word: " + string.Join(" | ", notVerbatim));
        }

        // ---- the firmware ----

        /// <summary>Step 1's table names, for every package of the board README whose assembly has native code, that native version.</summary>
        [TestMethod]
        public void TheFirmwareTableNamesEveryNativeAssemblyThePackagesNeed()
        {
            var packages = new Dictionary<string, string>();
            foreach (string line in File.ReadAllLines(Path.Combine(TestPaths.RepoRoot, "boards", "esp32-terminal", "README.md")))
            {
                Match m = Regex.Match(line, @"^\| (nanoFramework\.[A-Za-z.0-9]+) \| (\d+\.\d+\.\d+) \|.*\| ([^|]*) \|$");
                if (!m.Success) continue;
                Match native = Regex.Match(m.Groups[3].Value, @"\d+\.\d+\.\d+\.\d+");
                if (native.Success) packages[m.Groups[1].Value + " " + m.Groups[2].Value] = native.Value;
            }
            Assert.IsGreaterThan(10, packages.Count, "the README's table has its native column");
            var rows = FlashingGuide.Section(Committed, "firmware-natives").Split('\n')
                .Select(l => Regex.Match(l, @"^\| ([A-Za-z.0-9]+) \| (\d+\.\d+\.\d+\.\d+) \| (0x[0-9A-F]{8}) \| (nanoFramework\.[A-Za-z.0-9]+ \d+\.\d+\.\d+)"))
                .Where(m => m.Success).ToList();
            foreach (KeyValuePair<string, string> package in packages)
            {
                Match row = rows.SingleOrDefault(r => r.Groups[4].Value == package.Key);
                Assert.IsNotNull(row, "docs/flashing.md, step 1, has no native assembly for " + package.Key);
                Assert.AreEqual(package.Value, row.Groups[2].Value, package.Key + ": the README and the guide disagree on its native version");
            }
            Assert.HasCount(packages.Count, rows, "every row is a package of packages.config");
        }

        [TestMethod]
        public void TheGuideStandsAloneWithoutIssueNumbers()
        {
            // The prose: console output in the fenced blocks numbers audit entries "#5".
            string text = Regex.Replace(Encoding.UTF8.GetString(Generated.Value.Bytes), "```.*?```", "", RegexOptions.Singleline);
            Assert.IsTrue(Regex.IsMatch("see issue 12, or #7", @"(?i)\bissues?\s*#?\d+|(?<![\w&(])#\d+\b"), "the pattern finds a pointer");
            MatchCollection pointers = Regex.Matches(text, @"(?i)\bissues?\s*#?\d+|(?<![\w&(])#\d+\b");
            Assert.IsEmpty(pointers.Select(m => m.Value).ToList(), "docs/flashing.md must not point at issue numbers");
        }

        [TestMethod]
        public void TheLexerFindsLiteralsNotComments()
        {
            List<StringLiteral> found = CSharpStrings.Of("// \"error: in a comment\"\n/* \"error: block\" */ x = \"error: a \\\"b\\\"\" + y; c = '\"'; z = $\"error: {n} left\"; v = @\"error: \"\"q\"\"\";");
            CollectionAssert.AreEqual(new[] { "error: a \"b\"", "error: ", "error: \"q\"" }, found.Select(l => l.Text).ToArray());
            Assert.IsTrue(found[1].Interpolated);
            Assert.AreEqual(" + y; c = '\"'; z = $\"error: {n} left\"; v = @\"error: \"\"q\"\"\";", found[0].After);
        }

        private static void AssertRefused(string text, string message)
        {
            var e = Assert.ThrowsExactly<GuideException>(() => Transcript.Parse(text, "t.txt", "t"));
            StringAssert.StartsWith(e.Message, message);
        }
    }
}

using System.Collections.Generic;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace PosTerminal.Firmware.Tests.Simulator
{
    /// <summary>
    /// The bad command lines of issue 12, run as a person runs them: each gets a clear
    /// message, exit code 2, and changes no file (the flash file byte for byte).
    /// </summary>
    [TestClass]
    public sealed class CommandLineTests
    {
        private const string Deregister = "MENU 123456 ENTER 135790 ENTER 135790 ENTER ENTER 1 1 2 6222021234567894 ENTER ENTER ENTER\nbindings\n";

        [TestMethod]
        public void HelpListsEveryOptionAndExitsZero()
        {
            using var sim = new SimulatorProcess();
            SimulatorProcess.Result result = sim.Run(null, "--help");
            Assert.AreEqual(0, result.Code, result.ToString());
            foreach (string flag in new[] { "--script", "--flash", "--flash-reset", "--lang", "--board", "--console-port", "--web", "--broker", "--terminal-id", "--bench" })
                StringAssert.Contains(result.Output, flag);
            Assert.AreEqual(0, sim.Files().Count, "help writes no file");
        }

        [TestMethod]
        public void VersionPrintsTheVersionAndExitsZero()
        {
            // It was listed in --help and fell through to interactive mode ("needs a terminal", exit 2).
            using var sim = new SimulatorProcess();
            SimulatorProcess.Result result = sim.Run(null, "--version");
            Assert.AreEqual(0, result.Code, result.ToString());
            StringAssert.Matches(result.Output.Trim(), new System.Text.RegularExpressions.Regex(@"^\d+\.\d+\.\d+"));
            Assert.IsFalse(result.Output.Contains("terminal"), result.ToString());
            Assert.AreEqual(0, sim.Files().Count, "--version writes no file");
        }

        [TestMethod]
        [DataRow("unknown option", "Unrecognized command or argument '--frob'", "--frob")]
        [DataRow("a stray word", "Unrecognized command or argument 'screen'", "screen")]
        [DataRow("a missing value", "'--lang'", "--lang")]
        [DataRow("a bad language", "--lang takes zh or en, not 'fr'", "--lang", "fr")]
        [DataRow("a bad board", "--board takes pins or events, not 'wires'", "--board", "wires")]
        [DataRow("a bad console port", "--console-port takes a TCP port 1-65535, not '70000'", "--console-port", "70000")]
        [DataRow("a bad web port", "--web takes a TCP port 0-65535", "--web", "http")]
        [DataRow("a bad terminal id", "--terminal-id takes only A-Z, 0-9 and '-'", "--terminal-id", "pt_1")]
        [DataRow("a long terminal id", "1-16 characters", "--terminal-id", "PT0000000000000001")]
        [DataRow("a bad broker", "--broker takes HOST:PORT", "--broker", "localhost")]
        [DataRow("the moved benchmarks", "benchmarks moved: dotnet run -c Release --project tools/bench -- --bench store", "--bench", "store")]
        [DataRow("a script with a console port", "--console-port is for interactive mode", "--script", "-", "--console-port", "7023")]
        [DataRow("a script with --web", "--web serves the terminal to a browser", "--script", "-", "--web")]
        [DataRow("--web on the event board", "needs --board pins", "--web", "--board", "events")]
        [DataRow("--flash-reset on a script without a file", "--flash-reset needs --flash PATH", "--script", "-", "--flash-reset")]
        [DataRow("a repeated option", "--lang", "--lang", "en", "--lang", "zh")]
        [DataRow("an empty flash path", "--flash takes a file path", "--flash", "")]
        [DataRow("a script that does not exist", "cannot read script", "--script", "no-such-script.txt")]
        [DataRow("interactive without a terminal", "interactive mode needs a terminal", "--lang", "en")]
        public void ABadCommandLineGetsAMessageExitTwoAndWritesNothing(string what, string message, params string[] args)
        {
            using var sim = new SimulatorProcess();
            SimulatorProcess.Result result = sim.Run("screen\n", args);
            Assert.AreEqual(2, result.Code, what + ": " + result);
            StringAssert.Contains(result.Error, message, what);
            Assert.AreEqual("", result.Output, what + ": nothing ran");
            Assert.AreEqual(0, sim.Files().Count, what + ": no file written (not even the default flash file)");
        }

        [TestMethod]
        public void ABrokerWithoutItsPasswordInTheEnvironmentIsRefused()
        {
            using var sim = new SimulatorProcess();
            sim.Environment["POSTERM_BROKER_PASSWORD"] = "";
            SimulatorProcess.Result result = sim.Run("screen\n", "--script", "-", "--broker", "127.0.0.1:1");
            Assert.AreEqual(2, result.Code, result.ToString());
            StringAssert.Contains(result.Error, "--broker needs this terminal's broker password in the environment variable POSTERM_BROKER_PASSWORD");
            Assert.AreEqual("", result.Output, "nothing ran");
            Assert.AreEqual(0, sim.Files().Count, "no file written");
        }

        [TestMethod]
        public void ABrokerJoinsTheScriptedBoardToTheFleetAndNetTokensNeedIt()
        {
            using var sim = new SimulatorProcess();
            sim.Environment["POSTERM_BROKER_PASSWORD"] = "unused: nothing listens on port 1";
            // No broker listens on port 1: the link stays offline, but the board has one, so the
            // net tokens run (the broker tests in Fleet/ cover a real Mosquitto).
            SimulatorProcess.Result joined = sim.Run("net down\nnet up\nscreen\n", "--script", "-", "--broker", "127.0.0.1:1", "--terminal-id", "SHOP-7");
            Assert.AreEqual(0, joined.Code, joined.ToString());
            StringAssert.Contains(joined.Output, "[idle]");
            SimulatorProcess.Result lone = sim.Run("screen\nnet down\n", "--script", "-");
            Assert.AreEqual(2, lone.Code, lone.ToString());
            StringAssert.Contains(lone.Error, "line 2: 'net down' needs a fleet link (--broker HOST:PORT)");
            Assert.AreEqual("", lone.Output, "nothing ran");
        }

        [TestMethod]
        public void FlashOnAFolderIsRefused()
        {
            using var sim = new SimulatorProcess();
            Directory.CreateDirectory(sim.PathOf("images"));
            File.WriteAllText(sim.PathOf("images/keep.txt"), "keep");
            SimulatorProcess.Result result = sim.Run(Deregister, "--script", "-", "--flash", sim.PathOf("images"));
            Assert.AreEqual(2, result.Code, result.ToString());
            StringAssert.Contains(result.Error, "is a folder");
            CollectionAssert.AreEquivalent(new[] { Path.Combine("images", "keep.txt") }, new List<string>(sim.Files().Keys));
        }

        [TestMethod]
        public void FlashOnAnotherKindOfFileLeavesItByteForByte()
        {
            using var sim = new SimulatorProcess();
            string readme = sim.PathOf("README.md");
            File.Copy(Path.Combine(TestPaths.RepoRoot, "README.md"), readme);
            byte[] before = File.ReadAllBytes(readme);
            foreach (string[] extra in new[] { new string[0], new[] { "--flash-reset" } })
            {
                var args = new List<string> { "--script", "-", "--flash", readme };
                args.AddRange(extra);
                SimulatorProcess.Result result = sim.Run(Deregister, args.ToArray());
                Assert.AreEqual(2, result.Code, result.ToString());
                StringAssert.Contains(result.Error, "not a flash image");
                CollectionAssert.AreEqual(before, File.ReadAllBytes(readme), "README.md untouched " + string.Join(" ", extra));
            }
        }

        [TestMethod]
        public void AFileOfTheRightSizeThatIsNotAnImageIsRefused()
        {
            using var sim = new SimulatorProcess();
            string zeros = sim.PathOf("zeros.bin");
            File.WriteAllBytes(zeros, new byte[PosTerminal.Simulator.FlashFile.RegionBytes]);
            SimulatorProcess.Result result = sim.Run(Deregister, "--script", "-", "--flash", zeros);
            Assert.AreEqual(2, result.Code, result.ToString());
            StringAssert.Contains(result.Error, "neither erased flash nor the store's format");
            CollectionAssert.AreEqual(new byte[PosTerminal.Simulator.FlashFile.RegionBytes], File.ReadAllBytes(zeros));
        }

        [TestMethod]
        public void AReadOnlyFlashImageIsRefusedAndLeftAlone()
        {
            using var sim = new SimulatorProcess();
            string image = sim.PathOf("terminal.flash");
            Assert.AreEqual(0, sim.Run(Deregister, "--script", "-", "--flash", image).Code);
            byte[] before = File.ReadAllBytes(image);
            if (System.OperatingSystem.IsWindows()) File.SetAttributes(image, FileAttributes.ReadOnly);
            else File.SetUnixFileMode(image, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            SimulatorProcess.Result result = sim.Run(Deregister, "--script", "-", "--flash", image);
            Assert.AreEqual(2, result.Code, result.ToString());
            StringAssert.Contains(result.Error, "read-only");
            CollectionAssert.AreEqual(before, File.ReadAllBytes(image));
        }

        [TestMethod]
        public void ANewPathGetsAnImageThatTheNextRunKeeps()
        {
            using var sim = new SimulatorProcess();
            string image = sim.PathOf("new/folder/terminal.flash");
            SimulatorProcess.Result first = sim.Run(Deregister, "--script", "-", "--flash", image);
            Assert.AreEqual(0, first.Code, first.ToString());
            StringAssert.Contains(first.Output, "bindings: 1");
            Assert.IsTrue(PosTerminal.Simulator.FlashFile.IsImage(File.ReadAllBytes(image)));
            SimulatorProcess.Result again = sim.Run("bindings\n", "--script", "-", "--flash", image);
            StringAssert.Contains(again.Output, "bindings: 1", "the image is used again");
            SimulatorProcess.Result reset = sim.Run("bindings\n", "--script", "-", "--flash", image, "--flash-reset");
            Assert.AreEqual(0, reset.Code, reset.ToString());
            StringAssert.Contains(reset.Output, "bindings: 0", "--flash-reset starts a new image");
        }

        [TestMethod]
        public void ATypoOnTheLastLineStopsTheScriptBeforeTheFlashIsWritten()
        {
            using var sim = new SimulatorProcess();
            string image = sim.PathOf("terminal.flash");
            Assert.AreEqual(0, sim.Run("bindings\n", "--script", "-", "--flash", image).Code);
            byte[] before = File.ReadAllBytes(image);
            SimulatorProcess.Result result = sim.Run(Deregister + "screen\nENTRE\n", "--script", "-", "--flash", image);
            Assert.AreEqual(2, result.Code, result.ToString());
            StringAssert.Contains(result.Error, "line 4: unknown token 'ENTRE'");
            Assert.AreEqual("", result.Output, "not one step ran");
            CollectionAssert.AreEqual(before, File.ReadAllBytes(image), "the flash file is untouched");
            SimulatorProcess.Result fresh = sim.Run("MENU\nwait x\n", "--script", "-", "--flash", sim.PathOf("never.flash"));
            Assert.AreEqual(2, fresh.Code);
            Assert.IsFalse(File.Exists(sim.PathOf("never.flash")), "a bad script creates no flash file");
        }

        [TestMethod]
        public void WebServesThePageOnLoopback()
        {
            using var sim = new SimulatorProcess();
            using (var process = sim.Start("--web", "0", "--flash", sim.PathOf("web.flash")))
            {
                try
                {
                    string line = process.StandardOutput.ReadLine();
                    StringAssert.StartsWith(line, "web terminal on http://127.0.0.1:");
                    string url = line.Substring("web terminal on ".Length).Split(' ')[0];
                    using var client = new System.Net.Http.HttpClient();
                    string page = client.GetStringAsync(url).Result;
                    StringAssert.Contains(page, "<canvas id=\"lcd\" width=\"128\" height=\"64\"");
                    string font = client.GetStringAsync(url + "lcd-font.json").Result;
                    StringAssert.Contains(font, "\"wide\"");
                }
                finally
                {
                    process.Kill(true);
                    process.WaitForExit();
                }
            }
            Assert.IsTrue(PosTerminal.Simulator.FlashFile.IsImage(File.ReadAllBytes(sim.PathOf("web.flash"))));
        }
    }
}

using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Simulator;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Flash;

namespace PosTerminal.Firmware.Tests.Simulator
{
    /// <summary>The options parsed in process (the process tests run the same parser end to end).</summary>
    [TestClass]
    public sealed class OptionsTests
    {
        [TestMethod]
        public void EveryFlagKeepsItsName()
        {
            string error = Options.TryParse(new[]
            {
                "--script", "s.txt", "--flash", "f.flash", "--flash-reset", "--lang", "en", "--board", "events",
                "--terminal-id", "SHOP-7",
            }, out Options options);
            Assert.IsNull(error);
            Assert.AreEqual("s.txt", options.Script);
            Assert.AreEqual("f.flash", options.FlashPath);
            Assert.IsTrue(options.FlashReset);
            Assert.AreEqual("en", options.Language);
            Assert.AreEqual("events", options.Board);
            Assert.AreEqual("SHOP-7", options.TerminalId);
            Assert.IsNull(options.WebPort);
        }

        [TestMethod]
        public void WebTakesAnOptionalPort()
        {
            Assert.IsNull(Options.TryParse(new[] { "--web" }, out Options bare));
            Assert.AreEqual(Options.DefaultWebPort, bare.WebPort);
            Assert.IsNull(Options.TryParse(new[] { "--web", "8123", "--lang", "zh" }, out Options port));
            Assert.AreEqual(8123, port.WebPort);
            Assert.AreEqual("zh", port.Language);
            Assert.IsNull(Options.TryParse(new[] { "--web", "--console-port", "7023" }, out Options both));
            Assert.AreEqual(Options.DefaultWebPort, both.WebPort);
            Assert.AreEqual(7023, both.ConsolePort);
            StringAssert.Contains(Options.TryParse(new[] { "--web", "7023", "--console-port", "7023" }, out _), "cannot both use port 7023");
        }

        [TestMethod]
        public void HelpIsNotAnError()
        {
            foreach (string flag in new[] { "--help", "-h", "-?" })
            {
                Assert.IsNull(Options.TryParse(new[] { flag }, out Options options), flag);
                Assert.IsTrue(options.HelpRequested, flag);
                var text = new System.IO.StringWriter();
                options.WriteHelp(text);
                StringAssert.Contains(text.ToString(), "--flash-reset");
            }
        }

        [TestMethod]
        [DataRow("A")]
        [DataRow("PT000001")]
        [DataRow("SHOP-7")]
        [DataRow("0123456789ABCDEF")]
        public void TerminalIdsOfTheContractAreTaken(string id)
        {
            Assert.IsNull(Options.TerminalIdProblem(id));
        }

        [TestMethod]
        [DataRow("")]
        [DataRow("pt000001")]
        [DataRow("PT_1")]
        [DataRow("PT 1")]
        [DataRow("0123456789ABCDEFG")]
        public void OtherTerminalIdsAreRefused(string id)
        {
            Assert.IsNotNull(Options.TerminalIdProblem(id));
        }

        [TestMethod]
        public void BrokersAreHostColonPort()
        {
            Assert.IsNull(Options.BrokerProblem("127.0.0.1:1883"));
            Assert.IsNull(Options.BrokerProblem("broker.local:8883"));
            Assert.IsNull(Options.BrokerProblem("[::1]:1883"));
            Assert.IsNotNull(Options.BrokerProblem("127.0.0.1"));
            Assert.IsNotNull(Options.BrokerProblem(":1883"));
            Assert.IsNotNull(Options.BrokerProblem("host:0"));
            Assert.IsNotNull(Options.BrokerProblem("host:99999"));
            Assert.IsNotNull(Options.BrokerProblem("bad host:1883"));
        }

        [TestMethod]
        public void TheBoardGetsTheTerminalIdAndLanguage()
        {
            Assert.IsNull(Options.TryParse(new[] { "--terminal-id", "SHOP-7", "--board", "events", "--lang", "en" }, out Options options));
            SimBoard board = Program.CreateBoard(options, new SimFlash());
            Assert.AreEqual("SHOP-7", board.TerminalId);
            Assert.AreEqual(PosTerminal.Firmware.Text.Language.English, board.LanguageOverride);
            Assert.IsNull(Options.TryParse(new string[0], out Options none));
            Assert.AreEqual("PT000001", Program.CreateBoard(none, new SimFlash()).TerminalId, "the simulator's default id");
        }
    }
}

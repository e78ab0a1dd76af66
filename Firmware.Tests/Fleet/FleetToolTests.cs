using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Tools.Fleet;

namespace PosTerminal.Firmware.Tests.Fleet
{
    /// <summary>The fleet tool's command line without a broker: what it refuses before connecting.</summary>
    [TestClass]
    public sealed class FleetToolTests
    {
        [TestMethod]
        [DataRow("pt000001")]
        [DataRow("PT_0001")]
        [DataRow("PT.0001")]
        [DataRow("PT:0001")]
        [DataRow("PT00000100000000X")]
        public void TheDeskRefusesATerminalIdTheTerminalWouldRefuseWithTheTerminalsRule(string id)
        {
            foreach (string verb in new[] { "events", "enroll", "status" })
            {
                var (code, output) = Run(verb, id);
                Assert.AreEqual(FleetDesk.Usage, code, output);
                StringAssert.Contains(output, "error: a terminal id is 1-16 of A-Z, 0-9 and '-' (capitals), not '" + id + "'");
            }
        }

        [TestMethod]
        public void ATerminalIdByTheTerminalsRuleGetsToTheBroker()
        {
            // Nothing listens on port 1: the id passed and the tool tried the broker (exit 4).
            var (code, output) = Run("events", "PT-3A9F01");
            Assert.AreEqual(FleetDesk.BrokerFailed, code, output);
            StringAssert.Contains(output, "cannot reach the broker");
            Assert.IsTrue(Program.IsTerminalId("0123456789ABCDEF"));
            Assert.IsFalse(Program.IsTerminalId(""));
        }

        private static (int Code, string Output) Run(string verb, string id)
        {
            string folder = Path.Combine(Path.GetTempPath(), "posterm-tool-" + System.Guid.NewGuid().ToString("N").Substring(0, 10));
            Directory.CreateDirectory(folder);
            try
            {
                string credentials = Path.Combine(folder, "desk.json");
                File.WriteAllText(credentials, "{\"username\":\"fleet\",\"password\":\"x\"}");
                var output = new StringWriter();
                int code = Program.Run(new[] { "--broker", "127.0.0.1:1", "--credentials", credentials, "--data", folder, "--timeout", "2", verb, id }, output);
                return (code, output.ToString());
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        }
    }
}

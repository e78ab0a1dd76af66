using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace PosTerminal.Firmware.Tests.Board
{
    /// <summary>
    /// The device project cannot be restored here, so its package versions were checked against
    /// the packages' release tags by hand (boards/esp32-terminal/README.md, Packages). These
    /// tests keep the three places that name them from drifting apart: packages.config, the
    /// .nfproj HintPaths (the application's and its three libraries') and that table.
    /// </summary>
    [TestClass]
    public sealed class DevicePackagesTests
    {
        private static string Device(string name) { return Path.Combine(TestPaths.RepoRoot, "boards", "esp32-terminal", name); }

        private static Dictionary<string, string> PackagesConfig(string project = "PosTerminal.Esp32")
        {
            XDocument doc = XDocument.Load(Device(Path.Combine(project, "packages.config")));
            return doc.Root.Elements("package").ToDictionary(p => (string)p.Attribute("id"), p => (string)p.Attribute("version"));
        }

        /// <summary>Package id and version of every HintPath (..\packages\ID.VERSION\lib\...).</summary>
        private static List<(string Id, string Version)> HintPaths(string project = "PosTerminal.Esp32")
        {
            string text = File.ReadAllText(Device(Path.Combine(project, project + ".nfproj")));
            return Regex.Matches(text, @"<HintPath>\.\.\\packages\\([A-Za-z0-9.]+?)\.(\d+\.\d+\.\d+)\\lib\\")
                .Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
        }

        /// <summary>The README's package table rows: | nanoFramework.X | version | …</summary>
        private static Dictionary<string, string> ReadmeTable()
        {
            return File.ReadAllLines(Device("README.md"))
                .Select(line => Regex.Match(line, @"^\| (nanoFramework\.[A-Za-z.0-9]+) \| (\d+\.\d+\.\d+) \|"))
                .Where(m => m.Success)
                .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        }

        [TestMethod]
        [DataRow("PosTerminal.Esp32")]
        [DataRow("PosTerminal.Hal")]
        [DataRow("PosTerminal.Firmware.Core")]
        [DataRow("PosTerminal.Firmware")]
        public void EveryHintPathIsAPackageOfPackagesConfigAtItsVersion(string project)
        {
            Dictionary<string, string> config = PackagesConfig(project);
            List<(string Id, string Version)> hints = HintPaths(project);
            Assert.IsNotEmpty(hints);
            foreach ((string id, string version) in hints)
            {
                Assert.IsTrue(config.ContainsKey(id), project + ": " + id + " has a HintPath but is not in packages.config");
                Assert.AreEqual(config[id], version, project + ": " + id + ": HintPath and packages.config disagree");
            }
            CollectionAssert.AreEquivalent(config.Keys.ToList(), hints.Select(h => h.Id).Distinct().ToList(), project + ": a package without a reference, or the reverse");
        }

        /// <summary>The portable libraries are nanoFramework-true: mscorlib (CoreLibrary) only, at the application's version.</summary>
        [TestMethod]
        [DataRow("PosTerminal.Hal")]
        [DataRow("PosTerminal.Firmware.Core")]
        [DataRow("PosTerminal.Firmware")]
        public void ThePortableLibrariesUseCoreLibraryOnly(string project)
        {
            Dictionary<string, string> config = PackagesConfig(project);
            CollectionAssert.AreEqual(new[] { "nanoFramework.CoreLibrary" }, config.Keys.ToList(), project);
            Assert.AreEqual(PackagesConfig()["nanoFramework.CoreLibrary"], config["nanoFramework.CoreLibrary"], project);
        }

        [TestMethod]
        public void TheCheckedTableNamesExactlyTheseVersions()
        {
            Dictionary<string, string> config = PackagesConfig();
            Dictionary<string, string> table = ReadmeTable();
            CollectionAssert.AreEquivalent(config.OrderBy(p => p.Key).ToList(), table.OrderBy(p => p.Key).ToList(),
                "boards/esp32-terminal/README.md, Packages, must list what packages.config names (check a new version's tag and nuspec first)");
        }

        [TestMethod]
        public void TheDeviceHasNoJsonPackageAndHasTheNativeHmac()
        {
            Dictionary<string, string> config = PackagesConfig();
            Assert.IsFalse(config.ContainsKey("nanoFramework.Json"), "retired: the firmware reads documents with Firmware/Json");
            Assert.AreEqual("1.0.43", config["nanoFramework.System.Security.Cryptography"], "Esp32Crypto calls HMACSHA256.HashData");
            Assert.AreEqual("1.17.11", config["nanoFramework.CoreLibrary"]);
        }
    }
}

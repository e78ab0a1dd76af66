using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace PosTerminal.Firmware.Tests.Board
{
    /// <summary>
    /// The device build (boards/esp32-terminal, not compiled here) is four nanoFramework projects:
    /// the application and the three class libraries the nano gate checks (Firmware/Nano). These
    /// keep the two from drifting apart: each library compiles exactly the sources of its gate
    /// project under the same assembly name and references the same lower layers, the application
    /// links no portable source itself, and the solution builds all four.
    /// </summary>
    [TestClass]
    public sealed class DeviceProjectTests
    {
        private static readonly XNamespace Ms = "http://schemas.microsoft.com/developer/msbuild/2003";

        private static string Device(string path) { return Path.Combine(TestPaths.RepoRoot, "boards", "esp32-terminal", path); }

        private static string Nfproj(string project) { return Device(Path.Combine(project, project + ".nfproj")); }

        /// <summary>The gate project that compiles the same assembly.</summary>
        private static string GateProject(string assembly)
        {
            switch (assembly)
            {
                case "PosTerminal.Hal": return Path.Combine(TestPaths.RepoRoot, "Firmware", "Nano", "Hal", "PosTerminal.Hal.Nano.csproj");
                case "PosTerminal.Firmware.Core": return Path.Combine(TestPaths.RepoRoot, "Firmware", "Nano", "Core", "PosTerminal.Firmware.Core.Nano.csproj");
                default: return Path.Combine(TestPaths.RepoRoot, "Firmware", "Nano", "Firmware", "PosTerminal.Firmware.Nano.csproj");
            }
        }

        private static XDocument Load(string path) { return XDocument.Load(path); }

        /// <summary>Elements by local name, whatever the namespace (the .nfproj files have MSBuild's, SDK projects none).</summary>
        private static IEnumerable<XElement> All(XDocument doc, string name)
        {
            return doc.Descendants().Where(e => e.Name.LocalName == name);
        }

        /// <summary>
        /// Each Compile Include as a repository-relative pattern with '/' ("Firmware/Json/**/*.cs"),
        /// leaving out files in the project's own folder (its AssemblyInfo).
        /// </summary>
        private static List<string> Sources(string project)
        {
            string dir = Path.GetDirectoryName(project);
            string root = Path.GetFullPath(TestPaths.RepoRoot).TrimEnd('/') + "/";
            var patterns = new List<string>();
            foreach (XElement compile in All(Load(project), "Compile"))
            {
                string include = (string)compile.Attribute("Include");
                if (include == null) continue;
                string full = Path.GetFullPath(Path.Combine(dir, include.Replace('\\', '/')));
                if (full.StartsWith(Path.GetFullPath(dir).TrimEnd('/') + "/", System.StringComparison.Ordinal)
                    && !full.Contains("/Firmware/Nano/", System.StringComparison.Ordinal)) continue;
                StringAssert.StartsWith(full, root, project + ": " + include + " is outside the repository");
                patterns.Add(full.Substring(root.Length));
            }
            return patterns.OrderBy(p => p, System.StringComparer.Ordinal).ToList();
        }

        private static List<string> ProjectReferences(string project)
        {
            return All(Load(project), "ProjectReference").Select(r => Path.GetFileName(((string)r.Attribute("Include")).Replace('\\', '/'))).ToList();
        }

        private static string Property(string project, string name)
        {
            return All(Load(project), name).Select(e => e.Value).Single();
        }

        [TestMethod]
        [DataRow("PosTerminal.Hal")]
        [DataRow("PosTerminal.Firmware.Core")]
        [DataRow("PosTerminal.Firmware")]
        public void EachLibraryCompilesWhatItsGateProjectCompiles(string assembly)
        {
            string nfproj = Nfproj(assembly);
            Assert.IsTrue(File.Exists(nfproj), nfproj);
            List<string> device = Sources(nfproj);
            List<string> gate = Sources(GateProject(assembly));
            Assert.IsNotEmpty(gate);
            CollectionAssert.AreEqual(gate, device, assembly + ": the .nfproj and Firmware/Nano must compile the same sources\ngate: "
                + string.Join(", ", gate) + "\ndevice: " + string.Join(", ", device));
            Assert.AreEqual(assembly, Property(nfproj, "AssemblyName"));
            Assert.AreEqual(assembly, Property(GateProject(assembly), "AssemblyName"));
            Assert.AreEqual("Library", Property(nfproj, "OutputType"));
        }

        [TestMethod]
        [DataRow("PosTerminal.Hal", "")]
        [DataRow("PosTerminal.Firmware.Core", "PosTerminal.Hal")]
        [DataRow("PosTerminal.Firmware", "PosTerminal.Hal PosTerminal.Firmware.Core")]
        public void EachLibraryReferencesTheLayersBelowAsItsGateProjectDoes(string assembly, string below)
        {
            string[] expected = below.Split(' ', System.StringSplitOptions.RemoveEmptyEntries);
            CollectionAssert.AreEqual(expected.Select(a => a + ".nfproj").ToList(), ProjectReferences(Nfproj(assembly)), assembly + ".nfproj");
            CollectionAssert.AreEqual(expected.Select(a => Path.GetFileName(GateProject(a))).ToList(), ProjectReferences(GateProject(assembly)), "gate " + assembly);
        }

        [TestMethod]
        public void TheApplicationTakesThePortableCodeFromTheThreeLibrariesOnly()
        {
            string app = Nfproj("PosTerminal.Esp32");
            CollectionAssert.AreEqual(new[] { "PosTerminal.Hal.nfproj", "PosTerminal.Firmware.Core.nfproj", "PosTerminal.Firmware.nfproj" }, ProjectReferences(app));
            List<string> linked = Sources(app);
            Assert.AreEqual(0, linked.Count, "the application links portable sources itself (they belong to a library): " + string.Join(", ", linked));
            Assert.AreEqual("Exe", Property(app, "OutputType"));
        }

        [TestMethod]
        public void TheDeviceSolutionBuildsAllFourProjects()
        {
            string sln = File.ReadAllText(Device("PosTerminal.Esp32.sln"));
            foreach (string project in new[] { "PosTerminal.Esp32", "PosTerminal.Hal", "PosTerminal.Firmware.Core", "PosTerminal.Firmware" })
            {
                string guid = Property(Nfproj(project), "ProjectGuid");
                Match m = Regex.Match(sln, "Project\\(\"\\{11A8DD76-328B-46DF-9F39-F559912D0360\\}\"\\) = \"" + Regex.Escape(project) + "\", \"" + Regex.Escape(project + "\\" + project + ".nfproj") + "\", \"([^\"]+)\"");
                Assert.IsTrue(m.Success, project + " is not in PosTerminal.Esp32.sln");
                Assert.AreEqual(guid, m.Groups[1].Value, project + ": the solution's GUID");
                StringAssert.Contains(sln, guid + ".Release|Any CPU.Build.0 = Release|Any CPU", project + " is not built in Release");
                StringAssert.Contains(sln, guid + ".Debug|Any CPU.Build.0 = Debug|Any CPU", project + " is not built in Debug");
            }
        }

        /// <summary>
        /// The adapters and Program were compiled with the portable code in one assembly before; now
        /// they see only its public surface. No internal type of the three libraries may be named there.
        /// </summary>
        [TestMethod]
        public void TheBoardCodeNamesNoInternalTypeOfTheLibraries()
        {
            var internals = new List<string>();
            foreach (string assembly in TestPaths.NanoAssemblyNames)
            {
                using (var pe = new PEReader(File.OpenRead(TestPaths.NanoAssembly(assembly))))
                {
                    MetadataReader md = pe.GetMetadataReader();
                    foreach (TypeDefinitionHandle h in md.TypeDefinitions)
                    {
                        TypeDefinition type = md.GetTypeDefinition(h);
                        string name = md.GetString(type.Name);
                        if (!type.GetDeclaringType().IsNil || name.Contains('<')) continue;
                        if ((type.Attributes & TypeAttributes.VisibilityMask) == TypeAttributes.NotPublic && md.GetString(type.Namespace).StartsWith("PosTerminal", System.StringComparison.Ordinal))
                            internals.Add(name);
                    }
                }
            }
            CollectionAssert.Contains(internals, "LittleEndian", "the check sees the internal types");
            string board = Device("PosTerminal.Esp32");
            var files = Directory.GetFiles(board, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/") && !f.Contains("/bin/"));
            var found = new List<string>();
            foreach (string file in files)
            {
                string text = File.ReadAllText(file);
                foreach (string name in internals)
                {
                    if (Regex.IsMatch(text, "\\b" + name + "\\b")) found.Add(Path.GetFileName(file) + ": " + name);
                }
            }
            Assert.AreEqual(0, found.Count, string.Join("\n", found));
        }
    }
}

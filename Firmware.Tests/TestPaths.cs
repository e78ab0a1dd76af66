using System.Linq;
using System.Reflection;

namespace PosTerminal.Firmware.Tests
{
    /// <summary>Paths baked in at build time (see the AssemblyMetadata items in the project).</summary>
    internal static class TestPaths
    {
        /// <summary>The device's assemblies as Firmware/Nano compiles them, lowest layer first (each references only those before it).</summary>
        public static readonly string[] NanoAssemblyNames = { "PosTerminal.Hal", "PosTerminal.Firmware.Core", "PosTerminal.Firmware" };

        /// <summary>The built nano assembly of that name (Firmware/Nano/Hal, Core or Firmware).</summary>
        public static string NanoAssembly(string name)
        {
            switch (name)
            {
                case "PosTerminal.Hal": return Get("NanoHal");
                case "PosTerminal.Firmware.Core": return Get("NanoCore");
                case "PosTerminal.Firmware": return Get("NanoFirmware");
                default: throw new System.ArgumentException("not a nano assembly: " + name);
            }
        }

        public static string RepoRoot { get { return Get("RepoRoot"); } }

        /// <summary>Test-only nano assembly of methods the reference-array gate must refuse (GateSamples/).</summary>
        public static string GateSamplesAssembly { get { return Get("GateSamplesAssembly"); } }

        /// <summary>nanoFramework.CoreLibrary 1.17.11's mscorlib.dll, as the nano assemblies are compiled against.</summary>
        public static string NanoMscorlib { get { return Get("NanoMscorlib"); } }

        private static string Get(string key)
        {
            return typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == key).Value;
        }
    }
}

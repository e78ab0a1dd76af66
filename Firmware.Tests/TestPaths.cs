using System.Linq;
using System.Reflection;

namespace PosTerminal.Firmware.Tests
{
    /// <summary>Paths baked in at build time (see the AssemblyMetadata items in the project).</summary>
    internal static class TestPaths
    {
        public static string NanoAssembly { get { return Get("NanoAssembly"); } }

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

using System.Linq;
using System.Reflection;

namespace PosTerminal.Firmware.Tests
{
    /// <summary>Paths baked in at build time (see the AssemblyMetadata items in the project).</summary>
    internal static class TestPaths
    {
        public static string NanoAssembly { get { return Get("NanoAssembly"); } }

        public static string RepoRoot { get { return Get("RepoRoot"); } }

        private static string Get(string key)
        {
            return typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == key).Value;
        }
    }
}

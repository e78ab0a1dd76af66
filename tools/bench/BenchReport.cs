using System;
using System.IO;

using PosTerminal.Virtual;

namespace PosTerminal.Tools.Bench
{
    /// <summary>
    /// docs/benchmarks.md is shared by several benchmarks: each owns one section between
    /// &lt;!-- bench:NAME --&gt; and &lt;!-- /bench:NAME --&gt; and rewrites only that.
    /// </summary>
    public static class BenchReport
    {
        public static string DefaultPath()
        {
            return Path.Combine(RepoRoot(), "docs", "benchmarks.md");
        }

        public static void WriteSection(string path, string name, string markdown)
        {
            string begin = "<!-- bench:" + name + " -->";
            string end = "<!-- /bench:" + name + " -->";
            string text = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n\nFigures measured by the commands named in each section; re-run them to refresh.\n";
            string section = begin + "\n" + markdown.TrimEnd() + "\n" + end;
            int a = text.IndexOf(begin, StringComparison.Ordinal);
            int b = text.IndexOf(end, StringComparison.Ordinal);
            if (a >= 0 && b > a)
                text = text.Substring(0, a) + section + text.Substring(b + end.Length);
            else
                text = text.TrimEnd() + "\n\n" + section + "\n";
            Directory.CreateDirectory(Path.GetDirectoryName(path));
            File.WriteAllText(path, text);
        }

        /// <summary>The checkout the command runs in (the folder holding PosTerminal.sln), else the current folder.</summary>
        public static string RepoRoot()
        {
            string dir = Directory.GetCurrentDirectory();
            while (dir != null && !File.Exists(Path.Combine(dir, "PosTerminal.sln")))
                dir = Path.GetDirectoryName(dir);
            return dir ?? Directory.GetCurrentDirectory();
        }
    }
}

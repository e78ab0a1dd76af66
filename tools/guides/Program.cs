using System;
using System.Collections.Generic;
using System.IO;

namespace PosTerminal.Tools.Guides
{
    /// <summary>
    /// dotnet run --project tools/guides [-- --check]: writes docs/operator-guide.md,
    /// docs/operator-guide.en.md and docs/guide-images/ from real runs, and the generated
    /// sections of docs/flashing.md (board.json's parts and wiring, the technician's console
    /// runs); --check only compares (exit 1 when a committed file differs). Exit 2: a source
    /// file or a run failed.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            bool check = args.Length == 1 && args[0] == "--check";
            if (args.Length > 0 && !check)
            {
                Console.Error.WriteLine(args[0] == "--help" || args[0] == "-h" ? Usage() : "unknown option '" + args[0] + "'\n" + Usage());
                return args[0] == "--help" || args[0] == "-h" ? 0 : 2;
            }
            string root = RepoRoot();
            List<GuideFile> files;
            try
            {
                files = GuideGenerator.Generate(root);
                files.Add(FlashingGuide.Generate(root));
            }
            catch (Exception e) when (e is GuideException || e is IOException || e is PosTerminal.Virtual.BoardDescriptionException)
            {
                Console.Error.WriteLine("error: " + e.Message);
                return 2;
            }
            if (check)
            {
                string difference = GuideGenerator.FirstDifference(root, files);
                Console.WriteLine(difference == null ? "the guides match the firmware" : difference + "; regenerate with: " + GuideGenerator.Command);
                return difference == null ? 0 : 1;
            }
            int removed = GuideGenerator.Write(root, files);
            Console.WriteLine("wrote " + GuideGenerator.ChineseGuide + ", " + GuideGenerator.EnglishGuide + ", " + (files.Count - 3)
                + " pictures in " + GuideGenerator.ImageFolder + (removed > 0 ? " (" + removed + " old ones removed)" : "")
                + " and the generated sections of " + FlashingGuide.Path);
            return 0;
        }

        private static string Usage()
        {
            return "usage: " + GuideGenerator.Command + " [-- --check]\n"
                + "  writes the operator guides (docs/operator-guide.md, docs/operator-guide.en.md, docs/guide-images/)\n"
                + "  from tools/guides/guide.txt and tools/guides/tasks/*.txt, and the generated sections of docs/flashing.md\n"
                + "  from boards/esp32-terminal/board.json and tools/guides/flashing/*.txt; --check compares instead of writing";
        }

        /// <summary>The checkout the command runs in (the folder holding PosTerminal.sln), else the one this program was built in.</summary>
        private static string RepoRoot()
        {
            foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            {
                string dir = start;
                while (dir != null && !File.Exists(Path.Combine(dir, "PosTerminal.sln"))) dir = Path.GetDirectoryName(dir);
                if (dir != null) return dir;
            }
            return Directory.GetCurrentDirectory();
        }
    }
}

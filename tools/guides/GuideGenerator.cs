using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using PosTerminal.Firmware.Text;
using PosTerminal.Virtual.Lcd;

namespace PosTerminal.Tools.Guides
{
    /// <summary>A file the generator makes: its path from the repository's root ('/'), and its bytes.</summary>
    public sealed class GuideFile
    {
        public GuideFile(string path, byte[] bytes)
        {
            Path = path;
            Bytes = bytes;
        }

        public string Path { get; }
        public byte[] Bytes { get; }
    }

    /// <summary>
    /// Makes both operator guides in memory from tools/guides/guide.txt and tasks/*.txt (in file
    /// name order): every task run on the pin-level board once per language ("language:
    /// factory" tasks once for both), a PNG per picture, the Markdown of each guide. Nothing
    /// depends on the time, the machine or the order files are listed in.
    /// </summary>
    public static class GuideGenerator
    {
        public const string Command = "dotnet run --project tools/guides";

        public const string ChineseGuide = "docs/operator-guide.md";
        public const string EnglishGuide = "docs/operator-guide.en.md";
        public const string ImageFolder = "docs/guide-images";

        public static readonly Language[] Languages = { Language.Chinese, Language.English };

        public static string SourceFolder(string repoRoot)
        {
            return Path.Combine(repoRoot, "tools", "guides");
        }

        public static List<GuideTask> ReadTasks(string repoRoot)
        {
            string folder = Path.Combine(SourceFolder(repoRoot), "tasks");
            string[] files = Directory.GetFiles(folder, "*.txt");
            Array.Sort(files, StringComparer.Ordinal);
            var tasks = new List<GuideTask>();
            foreach (string path in files)
            {
                tasks.Add(GuideTask.Parse(File.ReadAllText(path), TaskText.Relative(repoRoot, path), Path.GetFileNameWithoutExtension(path)));
            }
            if (tasks.Count == 0) throw new GuideException(TaskText.Relative(repoRoot, folder) + ": no tasks (*.txt)");
            return tasks;
        }

        public static List<GuideFile> Generate(string repoRoot)
        {
            string framePath = Path.Combine(SourceFolder(repoRoot), "guide.txt");
            GuideFrame frame = GuideFrame.Parse(File.ReadAllText(framePath), TaskText.Relative(repoRoot, framePath));
            List<GuideTask> tasks = ReadTasks(repoRoot);
            LcdFont font = LcdFont.Load(LcdFont.PathIn(repoRoot));
            var files = new List<GuideFile>();
            var factoryRuns = new Dictionary<GuideTask, TaskRun>();
            foreach (Language language in Languages)
            {
                var runs = new List<TaskRun>();
                foreach (GuideTask task in tasks)
                {
                    TaskRun run;
                    if (!task.FactoryLanguage || !factoryRuns.TryGetValue(task, out run)) run = GuideRun.Run(task, language);
                    if (task.FactoryLanguage) factoryRuns[task] = run;
                    runs.Add(run);
                    if (run.Start != null) files.Add(Image(task, 0, language, run.Start, font));
                    for (int s = 0; s < run.Steps.Count; s++) files.Add(Image(task, s + 1, language, run.Steps[s], font));
                }
                string markdown = GuideWriter.Write(frame, tasks, runs, language);
                files.Add(new GuideFile(language == Language.English ? EnglishGuide : ChineseGuide, new UTF8Encoding(false).GetBytes(markdown)));
            }
            return files;
        }

        private static GuideFile Image(GuideTask task, int step, Language language, Shot shot, LcdFont font)
        {
            return new GuideFile("docs/" + GuideWriter.ImagePath(task, step, language), LcdPicture.Encode(LcdRaster.Draw(shot.Ddram, font)));
        }

        /// <summary>
        /// The first committed file that differs from the generated ones (or is missing, or is a
        /// picture in docs/guide-images that no step makes), as a message; null when all match.
        /// </summary>
        public static string FirstDifference(string repoRoot, List<GuideFile> generated)
        {
            var made = new HashSet<string>(StringComparer.Ordinal);
            foreach (GuideFile file in generated)
            {
                made.Add(file.Path);
                string difference = Difference(repoRoot, file);
                if (difference != null) return difference;
            }
            string folder = Path.Combine(repoRoot, ImageFolder);
            if (Directory.Exists(folder))
            {
                string[] present = Directory.GetFiles(folder);
                Array.Sort(present, StringComparer.Ordinal);
                foreach (string path in present)
                {
                    string relative = TaskText.Relative(repoRoot, path);
                    if (!made.Contains(relative)) return relative + " belongs to no step any more";
                }
            }
            return null;
        }

        /// <summary>How the committed copy of one generated file differs from it ("... is missing", "... is out of date: ..."), or null.</summary>
        public static string Difference(string repoRoot, GuideFile file)
        {
            string path = Path.Combine(repoRoot, file.Path);
            if (!File.Exists(path)) return file.Path + " is missing";
            byte[] committed = File.ReadAllBytes(path);
            int at = FirstDifferentByte(committed, file.Bytes);
            return at < 0 ? null : file.Path + " is out of date: " + Where(file.Path, committed, file.Bytes, at);
        }

        /// <summary>A text's first differing line, committed and made; a picture's first differing byte.</summary>
        private static string Where(string path, byte[] committed, byte[] made, int at)
        {
            if (!path.EndsWith(".md", StringComparison.Ordinal)) return "the firmware's screens or the task changed (first different byte " + at + ")";
            string[] old = Encoding.UTF8.GetString(committed).Split('\n');
            string[] now = Encoding.UTF8.GetString(made).Split('\n');
            int line = 0;
            while (line < old.Length && line < now.Length && old[line] == now[line]) line++;
            return "line " + (line + 1) + " is now \"" + (line < now.Length ? now[line] : "") + "\" (committed: \"" + (line < old.Length ? old[line] : "") + "\")";
        }

        private static int FirstDifferentByte(byte[] a, byte[] b)
        {
            int common = Math.Min(a.Length, b.Length);
            for (int i = 0; i < common; i++)
            {
                if (a[i] != b[i]) return i;
            }
            return a.Length == b.Length ? -1 : common;
        }

        /// <summary>Writes the files, and removes pictures of docs/guide-images that no step makes any more; returns how many were removed.</summary>
        public static int Write(string repoRoot, List<GuideFile> files)
        {
            var made = new HashSet<string>(StringComparer.Ordinal);
            foreach (GuideFile file in files)
            {
                string path = Path.Combine(repoRoot, file.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(path));
                File.WriteAllBytes(path, file.Bytes);
                made.Add(file.Path);
            }
            int removed = 0;
            foreach (string path in Directory.GetFiles(Path.Combine(repoRoot, ImageFolder)))
            {
                if (made.Contains(TaskText.Relative(repoRoot, path))) continue;
                File.Delete(path);
                removed++;
            }
            return removed;
        }
    }
}

using System.Collections.Generic;
using System.IO;

namespace PosTerminal.Tools.Guides
{
    /// <summary>An error in a guide's source file or run, named by file and line ("tools/guides/tasks/x.txt line 7: ...").</summary>
    public sealed class GuideException : System.Exception
    {
        public GuideException(string message) : base(message)
        {
        }
    }

    /// <summary>One "name: value" line of a guide source file.</summary>
    public sealed class TaskLine
    {
        public TaskLine(int number, string name, string value)
        {
            Number = number;
            Name = name;
            Value = value;
        }

        public int Number { get; }
        public string Name { get; }
        public string Value { get; }
    }

    /// <summary>
    /// The guide sources' syntax: one "name: value" a line; blank lines and lines starting with
    /// '#' are skipped (a '#' later in a line is part of the value, as a script's own comment).
    /// </summary>
    public static class TaskText
    {
        public static List<TaskLine> Read(string text, string file)
        {
            var lines = new List<TaskLine>();
            string[] raw = text.Replace("\r\n", "\n").Split('\n');
            for (int n = 0; n < raw.Length; n++)
            {
                string line = raw[n].Trim();
                if (line.Length == 0 || line[0] == '#') continue;
                int colon = line.IndexOf(':');
                if (colon <= 0) throw new GuideException(file + " line " + (n + 1) + ": expected 'name: value', got '" + line + "'");
                lines.Add(new TaskLine(n + 1, line.Substring(0, colon).Trim(), line.Substring(colon + 1).Trim()));
            }
            return lines;
        }

        /// <summary>The file's path from the repository's root, with '/' (as the messages and the guides name it).</summary>
        public static string Relative(string repoRoot, string path)
        {
            return Path.GetRelativePath(repoRoot, path).Replace('\\', '/');
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using PosTerminal.Virtual.Script;

namespace PosTerminal.Tools.Guides
{
    /// <summary>What one line of a technician's transcript file does (tools/guides/flashing/*.txt; README there).</summary>
    public enum TranscriptKind
    {
        /// <summary>"terminal: ID [fleet]": from here on, the terminal with that id (powered on new the first time; "fleet": with a fleet link).</summary>
        Terminal,
        /// <summary>"text: ...": a paragraph.</summary>
        Text,
        /// <summary>"console: LINE": typed on the console, shown with the answer; an answer with an "error:" line stops the run.</summary>
        Console,
        /// <summary>"console-error: LINE": the same, but the answer must have an "error:" line.</summary>
        ConsoleError,
        /// <summary>"paste: backup": the lines of the latest backup, sent one by one as a terminal program pastes them.</summary>
        Paste,
        /// <summary>"elide: N": the previous answer is shown by its first N lines and its last, the rest named as a count.</summary>
        Elide,
        /// <summary>"expect: TEXT": the previous answer has a line containing TEXT, or the run stops.</summary>
        Expect,
        /// <summary>"run: SCRIPT": simulator script (keys, swipe, wait, reboot) done but not shown; the texts say what it is.</summary>
        Run
    }

    public sealed class TranscriptItem
    {
        public TranscriptItem(TranscriptKind kind, int line, string value)
        {
            Kind = kind;
            Line = line;
            Value = value;
        }

        public TranscriptKind Kind { get; }
        public int Line { get; }
        public string Value { get; }

        /// <summary>Run: the checked script.</summary>
        public ParsedScript Script { get; set; }

        /// <summary>Terminal: the board gets a fleet link (an in-memory one: the console's fleet lines and set-fleet-key work as on a provisioned device).</summary>
        public bool Fleet { get; set; }

        /// <summary>Elide: the answer lines kept at the top.</summary>
        public int Count { get; set; }
    }

    public sealed class TranscriptStep
    {
        public TranscriptStep(int line, string title)
        {
            Line = line;
            Title = title;
        }

        public int Line { get; }
        public string Title { get; }
        public List<TranscriptItem> Items { get; } = new List<TranscriptItem>();
    }

    /// <summary>
    /// A section of the technician's guide (docs/flashing.md) made from a real run of the
    /// maintenance console: tools/guides/flashing/NAME.txt fills the section marked NAME. The
    /// same "name: value" syntax as the operator guides' task files: a heading, intro
    /// paragraphs, items before the first step (unseen: the terminal, its setup), then steps.
    /// </summary>
    public sealed class Transcript
    {
        private Transcript(string file, string name)
        {
            File = file;
            Name = name;
        }

        public string File { get; }

        /// <summary>The section's marker name (the file name without .txt).</summary>
        public string Name { get; }

        /// <summary>The section's own "## " heading ("7. Provision the terminal"); its number prefixes the steps' (7.1, 7.2...).</summary>
        public string Heading { get; private set; }

        public List<string> Intro { get; } = new List<string>();

        /// <summary>Terminal and run items before the first step: done, never shown.</summary>
        public List<TranscriptItem> Setup { get; } = new List<TranscriptItem>();

        public List<TranscriptStep> Steps { get; } = new List<TranscriptStep>();

        public static Transcript Parse(string text, string file, string name)
        {
            var t = new Transcript(file, name);
            TranscriptStep step = null;
            foreach (TaskLine line in TaskText.Read(text, file))
            {
                string where = file + " line " + line.Number + ": ";
                if (line.Value.Length == 0) throw new GuideException(where + "'" + line.Name + "' needs a value");
                switch (line.Name)
                {
                    case "heading":
                        if (t.Heading != null) throw new GuideException(where + "a second 'heading'");
                        t.Heading = line.Value;
                        break;
                    case "intro":
                        if (step != null) throw new GuideException(where + "'intro' comes before the first step");
                        t.Intro.Add(line.Value);
                        break;
                    case "step":
                        step = new TranscriptStep(line.Number, line.Value);
                        t.Steps.Add(step);
                        break;
                    default:
                        TranscriptItem item = Item(line, where);
                        if (step != null)
                        {
                            CheckFollows(item, step.Items, where);
                            step.Items.Add(item);
                        }
                        else if (item.Kind == TranscriptKind.Terminal || item.Kind == TranscriptKind.Run) t.Setup.Add(item);
                        else throw new GuideException(where + "'" + line.Name + "' belongs to a step: put it after 'step'");
                        break;
                }
            }
            if (t.Heading == null) throw new GuideException(file + ": needs a 'heading'");
            if (t.Steps.Count == 0) throw new GuideException(file + ": needs at least one step");
            bool terminal = t.Setup.Exists(i => i.Kind == TranscriptKind.Terminal);
            foreach (TranscriptStep s in t.Steps)
            {
                foreach (TranscriptItem item in s.Items)
                {
                    if (item.Kind == TranscriptKind.Terminal) terminal = true;
                    else if (!terminal && item.Kind != TranscriptKind.Text)
                        throw new GuideException(file + " line " + item.Line + ": no terminal yet: start with 'terminal: ID'");
                }
            }
            return t;
        }

        private static TranscriptItem Item(TaskLine line, string where)
        {
            switch (line.Name)
            {
                case "terminal":
                {
                    string[] words = line.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (words.Length > 2 || (words.Length == 2 && words[1] != "fleet"))
                        throw new GuideException(where + "'terminal' takes an id and optionally 'fleet'");
                    return new TranscriptItem(TranscriptKind.Terminal, line.Number, words[0]) { Fleet = words.Length == 2 };
                }
                case "text": return new TranscriptItem(TranscriptKind.Text, line.Number, line.Value);
                case "console": return new TranscriptItem(TranscriptKind.Console, line.Number, line.Value);
                case "console-error": return new TranscriptItem(TranscriptKind.ConsoleError, line.Number, line.Value);
                case "expect": return new TranscriptItem(TranscriptKind.Expect, line.Number, line.Value);
                case "paste":
                    if (line.Value != "backup") throw new GuideException(where + "'paste' takes only 'backup' (the latest backup's lines)");
                    return new TranscriptItem(TranscriptKind.Paste, line.Number, line.Value);
                case "elide":
                {
                    int n;
                    if (!int.TryParse(line.Value, out n) || n < 1) throw new GuideException(where + "'elide' needs the number of lines to keep (1 or more)");
                    return new TranscriptItem(TranscriptKind.Elide, line.Number, line.Value) { Count = n };
                }
                case "run":
                {
                    ParsedScript script = ScriptParser.Parse(line.Value);
                    if (script.Error != null) throw new GuideException(where + script.Error.Replace("line 1: ", ""));
                    return new TranscriptItem(TranscriptKind.Run, line.Number, line.Value) { Script = script };
                }
                default:
                    throw new GuideException(where + "unknown name '" + line.Name + "'");
            }
        }

        // elide and expect qualify the console answer just before them.
        private static void CheckFollows(TranscriptItem item, List<TranscriptItem> before, string where)
        {
            if (item.Kind != TranscriptKind.Elide && item.Kind != TranscriptKind.Expect) return;
            int i = before.Count - 1;
            while (i >= 0 && (before[i].Kind == TranscriptKind.Expect || before[i].Kind == TranscriptKind.Elide)) i--;
            bool answer = i >= 0 && (before[i].Kind == TranscriptKind.Console || before[i].Kind == TranscriptKind.ConsoleError || before[i].Kind == TranscriptKind.Paste);
            if (!answer) throw new GuideException(where + "'" + (item.Kind == TranscriptKind.Elide ? "elide" : "expect") + "' follows a console line or a paste");
        }

        public static List<Transcript> ReadAll(string repoRoot)
        {
            string folder = Path.Combine(GuideGenerator.SourceFolder(repoRoot), "flashing");
            string[] files = Directory.GetFiles(folder, "*.txt");
            Array.Sort(files, StringComparer.Ordinal);
            var all = new List<Transcript>();
            foreach (string path in files)
            {
                all.Add(Parse(System.IO.File.ReadAllText(path), TaskText.Relative(repoRoot, path), Path.GetFileNameWithoutExtension(path)));
            }
            return all;
        }
    }
}

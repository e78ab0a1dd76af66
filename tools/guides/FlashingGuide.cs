using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using PosTerminal.Virtual;

namespace PosTerminal.Tools.Guides
{
    /// <summary>
    /// docs/flashing.md, the technician's guide: written by hand, except its marked sections,
    /// which this fills (the same command as the operator guides, the same check):
    ///   parts, wiring, keypad   from board.json's typed model (BoardSheet)
    ///   NAME                    from a real console run, tools/guides/flashing/NAME.txt (Transcript)
    /// A section is everything between "&lt;!-- NAME:begin ... --&gt;" and "&lt;!-- NAME:end --&gt;".
    /// Marked sections that are written by hand and checked by a test instead are listed in
    /// CheckedSections; any other marker, a missing one or a duplicate is an error.
    /// </summary>
    public static class FlashingGuide
    {
        public const string Path = "docs/flashing.md";

        /// <summary>Hand-written marked sections, each checked by a test (FlashingGuideTests: the console error table against the sources, the firmware's native assemblies against the package table).</summary>
        public static readonly string[] CheckedSections = { "console-errors", "firmware-natives" };

        private static readonly string[] BoardSections = { "parts", "wiring", "keypad" };

        public static GuideFile Generate(string repoRoot)
        {
            string path = System.IO.Path.Combine(repoRoot, "docs", "flashing.md");
            string text = File.ReadAllText(path).Replace("\r\n", "\n");
            BoardDescription board = BoardDescription.Load(System.IO.Path.Combine(repoRoot, "boards", "esp32-terminal", BoardDescription.FileName));
            var sections = new Dictionary<string, KeyValuePair<string, string>>(StringComparer.Ordinal);
            sections["parts"] = Made(BoardSheet.Source, BoardSheet.Parts(board));
            sections["wiring"] = Made(BoardSheet.Source, BoardSheet.Wiring(board));
            sections["keypad"] = Made(BoardSheet.Source, BoardSheet.Keypad(board));
            foreach (Transcript transcript in Transcript.ReadAll(repoRoot))
            {
                if (Array.IndexOf(BoardSections, transcript.Name) >= 0 || Array.IndexOf(CheckedSections, transcript.Name) >= 0)
                    throw new GuideException(transcript.File + ": '" + transcript.Name + "' is another section's name");
                sections[transcript.Name] = Made(transcript.File + " (a real console run)", TranscriptRun.Markdown(transcript, TranscriptRun.Run(transcript)));
            }
            CheckMarkers(text, sections.Keys);
            return new GuideFile(Path, new UTF8Encoding(false).GetBytes(Fill(text, sections)));
        }

        /// <summary>The begin marker the generator writes for a section.</summary>
        public static string Begin(string name, string source)
        {
            return "<!-- " + name + ":begin (generated from " + source + " by " + GuideGenerator.Command + "; edit the source, not this) -->";
        }

        public static string End(string name)
        {
            return "<!-- " + name + ":end -->";
        }

        /// <summary>The text between a section's markers (without them), or a GuideException naming what is wrong.</summary>
        public static string Section(string text, string name)
        {
            int begin, contentStart, end;
            Find(text, name, out begin, out contentStart, out end);
            return text.Substring(contentStart, end - contentStart);
        }

        /// <summary>Every marker of text is a section made (names) or a checked one, each exactly once.</summary>
        public static void CheckMarkers(string text, ICollection<string> names)
        {
            List<string> markers = Markers(text);
            foreach (string name in markers)
            {
                if (!names.Contains(name) && Array.IndexOf(CheckedSections, name) < 0)
                    throw new GuideException(Path + ": a marked section '" + name + "' that nothing generates or checks");
            }
            foreach (string name in CheckedSections) Section(text, name);
        }

        /// <summary>text with each named section's content replaced (the begin marker rewritten with its source).</summary>
        public static string Fill(string text, Dictionary<string, KeyValuePair<string, string>> sections)
        {
            foreach (KeyValuePair<string, KeyValuePair<string, string>> section in sections)
            {
                int begin, contentStart, end;
                Find(text, section.Key, out begin, out contentStart, out end);
                string made = Begin(section.Key, section.Value.Key) + "\n\n" + section.Value.Value.TrimEnd('\n') + "\n\n";
                text = text.Substring(0, begin) + made + text.Substring(end);
            }
            return text;
        }

        private static KeyValuePair<string, string> Made(string source, string markdown)
        {
            return new KeyValuePair<string, string>(source, markdown);
        }

        /// <summary>The names of every begin marker in text, in order.</summary>
        public static List<string> Markers(string text)
        {
            var names = new List<string>();
            int at = 0;
            while ((at = text.IndexOf("<!-- ", at, StringComparison.Ordinal)) >= 0)
            {
                int colon = text.IndexOf(":begin", at, StringComparison.Ordinal);
                int close = text.IndexOf("-->", at, StringComparison.Ordinal);
                if (colon > 0 && close > colon && text.IndexOf('\n', at, colon - at) < 0) names.Add(text.Substring(at + 5, colon - at - 5));
                at += 5;
            }
            return names;
        }

        // begin: the begin marker's start; contentStart: just after its line; end: the end marker's start.
        private static void Find(string text, string name, out int begin, out int contentStart, out int end)
        {
            string open = "<!-- " + name + ":begin";
            string close = End(name);
            begin = text.IndexOf(open, StringComparison.Ordinal);
            if (begin < 0) throw new GuideException(Path + " has no section '" + name + "' (a line starting " + open + ")");
            if (text.IndexOf(open, begin + open.Length, StringComparison.Ordinal) >= 0) throw new GuideException(Path + " has the section '" + name + "' twice");
            int lineEnd = text.IndexOf('\n', begin);
            if (lineEnd < 0 || text.IndexOf("-->", begin, lineEnd - begin, StringComparison.Ordinal) < 0)
                throw new GuideException(Path + ": the begin marker of '" + name + "' must end with --> on its own line");
            contentStart = lineEnd + 1;
            end = text.IndexOf(close, contentStart, StringComparison.Ordinal);
            if (end < 0) throw new GuideException(Path + ": the section '" + name + "' has no end marker " + close);
        }
    }
}

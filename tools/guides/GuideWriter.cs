using System.Collections.Generic;
using System.Globalization;
using System.Text;
using PosTerminal.Firmware.Text;
using PosTerminal.Virtual.Script;

namespace PosTerminal.Tools.Guides
{
    /// <summary>
    /// Writes one guide's Markdown: the frame (title, intro, contents, keys), then each task as
    /// a section: its intro, the start picture, and per step a heading with what to do (the
    /// keys, the console line, the desk's command, as the flow says), what the console or the
    /// desk printed, the caption, the LCD picture (its text as the alt text) and the notes.
    /// </summary>
    public static class GuideWriter
    {
        /// <summary>How the service desk's tool is run (docs/fleet.md); the verb follows.</summary>
        public const string FleetTool = "dotnet run --project tools/fleet -- --broker HOST:PORT --credentials desk.json --keys keys.json";

        public static string Write(GuideFrame frame, IList<GuideTask> tasks, IList<TaskRun> runs, Language language)
        {
            GuideWords w = GuideWords.In(language);
            var md = new StringBuilder();
            md.Append("# ").Append(frame.Title.In(language)).Append("\n\n");
            md.Append(w.Generated).Append("\n\n");
            md.Append(w.OtherLanguage).Append("\n\n");
            foreach (Bilingual paragraph in frame.Intro) md.Append(paragraph.In(language)).Append("\n\n");

            md.Append("## ").Append(w.Contents).Append("\n\n");
            md.Append("- [").Append(w.Keys).Append("](#").Append(Slug(w.Keys)).Append(")\n");
            for (int t = 0; t < tasks.Count; t++)
            {
                string heading = TaskHeading(tasks, t, language);
                md.Append("- [").Append(heading).Append("](#").Append(Slug(heading)).Append(")\n");
            }
            md.Append('\n');

            md.Append("## ").Append(w.Keys).Append("\n\n");
            md.Append("| ").Append(w.KeyColumn).Append(" | ").Append(w.MeaningColumn).Append(" |\n| --- | --- |\n");
            foreach (KeyRow key in frame.Keys) md.Append("| `").Append(key.Key).Append("` | ").Append(key.Meaning.In(language)).Append(" |\n");
            md.Append('\n');

            for (int t = 0; t < tasks.Count; t++) WriteTask(md, tasks[t], runs[t], TaskHeading(tasks, t, language), language);
            return md.ToString().TrimEnd('\n') + "\n";
        }

        /// <summary>The picture of a task's step (0: the start), from docs/.</summary>
        public static string ImagePath(GuideTask task, int step, Language language)
        {
            return "guide-images/" + task.Name + "-" + step.ToString("D2", CultureInfo.InvariantCulture) + "." + (language == Language.English ? "en" : "zh") + ".png";
        }

        private static string TaskHeading(IList<GuideTask> tasks, int index, Language language)
        {
            return (index + 1).ToString(CultureInfo.InvariantCulture) + ". " + tasks[index].Title.In(language);
        }

        private static void WriteTask(StringBuilder md, GuideTask task, TaskRun run, string heading, Language language)
        {
            string terminalId = run.TerminalId;
            GuideWords w = GuideWords.In(language);
            md.Append("## ").Append(heading).Append("\n\n");
            foreach (Bilingual paragraph in task.Intro) md.Append(paragraph.In(language)).Append("\n\n");
            if (task.Start != null)
            {
                md.Append("### ").Append(w.Start).Append("\n\n");
                md.Append(task.Start.In(language)).Append("\n\n");
                Picture(md, run.Start, ImagePath(task, 0, language), w);
            }
            for (int s = 0; s < task.Steps.Count; s++)
            {
                GuideStep step = task.Steps[s];
                Shot shot = run.Steps[s];
                var actions = new List<string>();
                foreach (FlowLine line in step.Flow) actions.Add(Action(line, w, terminalId));
                md.Append("### ").Append(Format(w.Step, (s + 1).ToString(CultureInfo.InvariantCulture), Capital(string.Join(w.Then, actions), language))).Append("\n\n");
                for (int l = 0; l < step.Flow.Count; l++) Printed(md, step.Flow[l], shot.Outputs[l], w, terminalId);
                md.Append(step.Caption.In(language)).Append("\n\n");
                Picture(md, shot, ImagePath(task, s + 1, language), w);
                foreach (Bilingual note in step.Notes) md.Append(note.In(language)).Append("\n\n");
            }
        }

        /// <summary>What a flow line asks for, in words: the keys as `KEY`, waits, holds, swipes, the console line, the desk's verb.</summary>
        public static string Action(FlowLine line, GuideWords w, string terminalId)
        {
            if (line.IsFleet) return Format(w.Fleet, "`" + FleetVerb(line, terminalId) + "`");
            var parts = new List<string>();
            var keys = new List<string>();
            List<ScriptToken> tokens = line.Tokens;
            for (int i = 0; i < tokens.Count; i++)
            {
                string word = tokens[i].Text.ToLowerInvariant();
                if (word == "console" || word == "wait" || word == "hold" || word == "reboot" || word.StartsWith("swipe", System.StringComparison.Ordinal))
                {
                    if (keys.Count > 0) parts.Add(Format(w.Press, string.Join(" ", keys)));
                    keys.Clear();
                }
                switch (word)
                {
                    case "console":
                        parts.Add(Format(w.Console, "`" + tokens[i].RestOfLine + "`"));
                        i = tokens.Count;
                        break;
                    case "wait":
                        parts.Add(Format(w.Wait, tokens[++i].Text));
                        break;
                    case "hold":
                        parts.Add(Format(w.Hold, "`" + tokens[i + 1].Text.ToUpperInvariant() + "`", tokens[i + 2].Text));
                        i += 2;
                        break;
                    case "reboot":
                        parts.Add(w.Reboot);
                        break;
                    case "swipe": parts.Add(w.Swipe); i++; break;
                    case "swipe-reverse": parts.Add(w.SwipeReverse); i++; break;
                    case "swipe-noise": parts.Add(w.SwipeNoise); i++; break;
                    default:
                        keys.Add("`" + tokens[i].Text.ToUpperInvariant() + "`");
                        break;
                }
            }
            if (keys.Count > 0) parts.Add(Format(w.Press, string.Join(" ", keys)));
            return string.Join(w.Then, parts);
        }

        private static string FleetVerb(FlowLine line, string terminalId)
        {
            return line.FleetOp + " " + terminalId + (line.FleetArg.Length > 0 ? " " + line.FleetArg : "");
        }

        /// <summary>A block of what the console or the desk's tool printed for a flow line (none when it printed nothing).</summary>
        private static void Printed(StringBuilder md, FlowLine line, List<string> output, GuideWords w, string terminalId)
        {
            bool typed = !line.IsFleet && line.Tokens[0].Text.ToLowerInvariant() == "console";
            if (output.Count == 0 && !line.IsFleet) return;
            if (!typed) md.Append(line.IsFleet ? w.FleetPrints : w.ConsoleShows).Append("\n\n");
            md.Append("```text\n");
            if (typed) md.Append("> ").Append(line.Tokens[0].RestOfLine).Append('\n');
            if (line.IsFleet) md.Append("$ ").Append(FleetTool).Append(' ').Append(FleetVerb(line, terminalId)).Append('\n');
            foreach (string printed in output) md.Append(printed).Append('\n');
            md.Append("```\n\n");
            if (line.IsFleet) md.Append(w.FleetInMemory).Append("\n\n");
        }

        private static void Picture(StringBuilder md, Shot shot, string path, GuideWords w)
        {
            string text = shot.Ddram.Length == 0 ? w.DarkLcd : w.Lcd + string.Join(" / ", NonEmpty(shot.Rows));
            md.Append("![").Append(EscapeAlt(text)).Append("](").Append(path).Append(")\n\n");
        }

        /// <summary>The rows that show something, each with its runs of spaces as one (a right-aligned mark).</summary>
        private static List<string> NonEmpty(string[] rows)
        {
            var kept = new List<string>();
            foreach (string row in rows)
            {
                string text = System.Text.RegularExpressions.Regex.Replace(row.Trim(), " {2,}", " ");
                if (text.Length > 0) kept.Add(text);
            }
            return kept;
        }

        /// <summary>The alt text, with Markdown's own characters escaped (a password's stars are not emphasis).</summary>
        private static string EscapeAlt(string text)
        {
            var escaped = new StringBuilder();
            foreach (char c in text)
            {
                if ("\\`*_[]<>#|".IndexOf(c) >= 0) escaped.Append('\\');
                escaped.Append(c);
            }
            return escaped.ToString();
        }

        private static string Format(string pattern, string first, string second = "")
        {
            return pattern.Replace("{0}", first).Replace("{1}", second);
        }

        private static string Capital(string text, Language language)
        {
            if (language != Language.English || text.Length == 0) return text;
            return char.ToUpperInvariant(text[0]) + text.Substring(1);
        }

        /// <summary>
        /// The anchor GitHub gives a heading: lower case, letters (CJK included), digits, marks,
        /// '-' and '_' kept, spaces as '-', everything else (punctuation, symbols) dropped.
        /// </summary>
        public static string Slug(string heading)
        {
            var slug = new StringBuilder();
            foreach (char c in heading.ToLowerInvariant())
            {
                UnicodeCategory category = char.GetUnicodeCategory(c);
                if (c == ' ') slug.Append('-');
                else if (c == '-' || c == '_' || char.IsLetterOrDigit(c) || category == UnicodeCategory.NonSpacingMark
                    || category == UnicodeCategory.SpacingCombiningMark) slug.Append(c);
            }
            return slug.ToString();
        }
    }
}

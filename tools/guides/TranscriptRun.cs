using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Flash;
using PosTerminal.Virtual.Script;

using PosTerminal.Virtual.Fleet;

namespace PosTerminal.Tools.Guides
{
    /// <summary>A piece of a step as the guide shows it: a paragraph, or a console block (typed lines as "> LINE", then the answers).</summary>
    public sealed class TranscriptBlock
    {
        public TranscriptBlock(string paragraph)
        {
            Paragraph = paragraph;
        }

        public TranscriptBlock(List<string> console)
        {
            Console = console;
        }

        public string Paragraph { get; }
        public List<string> Console { get; }
    }

    /// <summary>
    /// Runs a transcript for real: each terminal is a pin-level board (PinBoard: the firmware
    /// with its own drivers, wired as board.json says, on virtual time, seeded), each console
    /// line goes through the console's serial line editor as typed, and the guide shows what
    /// the firmware answered, nothing else. A console line whose answer is not what the file
    /// says (an error, or none) stops the run with the file's line.
    /// </summary>
    public static class TranscriptRun
    {
        public const string TypedPrefix = "> ";

        public static List<List<TranscriptBlock>> Run(Transcript transcript)
        {
            var state = new State(transcript.File);
            foreach (TranscriptItem item in transcript.Setup) state.Do(item, null);
            var steps = new List<List<TranscriptBlock>>();
            foreach (TranscriptStep step in transcript.Steps)
            {
                var blocks = new List<TranscriptBlock>();
                foreach (TranscriptItem item in step.Items) state.Do(item, blocks);
                steps.Add(blocks);
            }
            return steps;
        }

        /// <summary>The section: its heading, intro, and each step as "### N.M Title" with its paragraphs and console blocks.</summary>
        public static string Markdown(Transcript transcript, List<List<TranscriptBlock>> run)
        {
            var md = new StringBuilder();
            md.Append("## ").Append(transcript.Heading).Append("\n\n");
            foreach (string paragraph in transcript.Intro) md.Append(paragraph).Append("\n\n");
            string number = HeadingNumber(transcript.Heading);
            for (int s = 0; s < transcript.Steps.Count; s++)
            {
                string n = (s + 1).ToString(CultureInfo.InvariantCulture);
                md.Append("### ").Append(number.Length > 0 ? number + "." + n : n + ".").Append(' ').Append(transcript.Steps[s].Title).Append("\n\n");
                foreach (TranscriptBlock block in run[s])
                {
                    if (block.Paragraph != null)
                    {
                        md.Append(block.Paragraph).Append("\n\n");
                        continue;
                    }
                    md.Append("```text\n");
                    foreach (string line in block.Console) md.Append(line).Append('\n');
                    md.Append("```\n\n");
                }
            }
            return md.ToString();
        }

        /// <summary>"7" of "7. Provision the terminal"; "" when the heading has no number.</summary>
        private static string HeadingNumber(string heading)
        {
            int dot = heading.IndexOf('.');
            if (dot <= 0) return "";
            string head = heading.Substring(0, dot);
            foreach (char c in head) if (c < '0' || c > '9') return "";
            return head;
        }

        private sealed class State
        {
            private readonly string _file;
            private readonly Dictionary<string, PinBoard> _boards = new Dictionary<string, PinBoard>(StringComparer.Ordinal);
            private PinBoard _board;
            private string[] _backup;
            private List<string> _block;
            private int _answerStart;

            public State(string file)
            {
                _file = file;
            }

            public void Do(TranscriptItem item, List<TranscriptBlock> blocks)
            {
                string where = _file + " line " + item.Line.ToString(CultureInfo.InvariantCulture) + ": ";
                switch (item.Kind)
                {
                    case TranscriptKind.Terminal:
                        Switch(item);
                        break;
                    case TranscriptKind.Text:
                        _block = null;
                        blocks.Add(new TranscriptBlock(item.Value));
                        break;
                    case TranscriptKind.Run:
                        _block = null;
                        foreach (ScriptStep step in item.Script.Steps) step.Run(_board, TextWriter.Null);
                        _board.ConsolePort.TakeOutput();
                        break;
                    case TranscriptKind.Console:
                    case TranscriptKind.ConsoleError:
                    {
                        _board.ConsolePort.TakeOutput();
                        List<string> block = Block(blocks);
                        block.Add(TypedPrefix + item.Value);
                        _answerStart = block.Count;
                        string[] answer = _board.SendConsoleLine(item.Value);
                        bool error = HasError(answer);
                        if (answer.Length == 0) throw new GuideException(where + "'" + item.Value + "' got no answer");
                        if (item.Kind == TranscriptKind.Console && error)
                            throw new GuideException(where + "'" + item.Value + "' answered " + FirstError(answer) + " (use console-error: for an error on purpose)");
                        if (item.Kind == TranscriptKind.ConsoleError && !error)
                            throw new GuideException(where + "'" + item.Value + "' should answer an error, answered '" + answer[0] + "'");
                        block.AddRange(answer);
                        if (item.Value.Trim().ToLowerInvariant() == "backup" && !error) _backup = answer;
                        break;
                    }
                    case TranscriptKind.Paste:
                    {
                        if (_backup == null) throw new GuideException(where + "'paste: backup' but no backup was printed before");
                        List<string> block = Block(blocks);
                        block.Add(TypedPrefix + "(the " + _backup.Length.ToString(CultureInfo.InvariantCulture) + " backup lines, pasted exactly as printed)");
                        _answerStart = block.Count;
                        var answers = new List<string>();
                        foreach (string line in _backup) answers.AddRange(_board.SendConsoleLine(line));
                        if (HasError(answers.ToArray())) throw new GuideException(where + "the paste answered " + FirstError(answers.ToArray()));
                        block.AddRange(answers);
                        break;
                    }
                    case TranscriptKind.Elide:
                        Elide(item.Count, where);
                        break;
                    case TranscriptKind.Expect:
                    {
                        bool found = false;
                        for (int i = _answerStart; i < _block.Count; i++) found |= _block[i].Contains(item.Value, StringComparison.Ordinal);
                        if (!found) throw new GuideException(where + "the answer has no line with '" + item.Value + "'; it was: " + string.Join(" / ", _block.GetRange(_answerStart, _block.Count - _answerStart)));
                        break;
                    }
                }
            }

            private void Switch(TranscriptItem item)
            {
                _block = null;
                PinBoard board;
                if (!_boards.TryGetValue(item.Value, out board))
                {
                    board = new PinBoard(new SimFlash()) { TerminalId = item.Value };
                    if (item.Fleet) board.UseLink(new InstantLink());
                    board.PowerOn();
                    _boards[item.Value] = board;
                }
                _board = board;
            }

            private List<string> Block(List<TranscriptBlock> blocks)
            {
                if (_block == null)
                {
                    _block = new List<string>();
                    blocks.Add(new TranscriptBlock(_block));
                }
                return _block;
            }

            // Keeps the first n answer lines and the last; the lines between become one line saying how many.
            private void Elide(int n, string where)
            {
                int answers = _block.Count - _answerStart;
                if (answers <= n + 2) throw new GuideException(where + "'elide: " + n + "' but the answer has only " + answers + " lines");
                int cut = answers - n - 1;
                _block.RemoveRange(_answerStart + n, cut);
                _block.Insert(_answerStart + n, "… (" + cut.ToString(CultureInfo.InvariantCulture) + " more lines) …");
            }

            private static bool HasError(string[] answer)
            {
                return FirstError(answer) != null;
            }

            private static string FirstError(string[] answer)
            {
                foreach (string line in answer) if (line.StartsWith("error:", StringComparison.Ordinal)) return line;
                return null;
            }
        }
    }
}

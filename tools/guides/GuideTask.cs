using System;
using System.Collections.Generic;
using PosTerminal.Firmware.Fleet;
using PosTerminal.Firmware.Text;
using PosTerminal.Virtual.Script;

namespace PosTerminal.Tools.Guides
{
    /// <summary>A text in both guides' languages.</summary>
    public sealed class Bilingual
    {
        public Bilingual(string zh, string en)
        {
            Zh = zh;
            En = en;
        }

        public string Zh { get; }
        public string En { get; }

        public string In(Language language)
        {
            return language == Language.English ? En : Zh;
        }
    }

    /// <summary>
    /// One line of a task's flow: simulator script (ScriptParser's language: keys, digit runs,
    /// wait, hold, swipe, console, reboot), or the guide's own "fleet OP [ARG]": the service
    /// desk's signed command (FleetDesk.SignedCommand) handed to the terminal.
    /// </summary>
    public sealed class FlowLine
    {
        /// <summary>Script tokens a guide refuses: they print for a developer, cut the power or need a broker.</summary>
        private static readonly string[] NotInAGuide = { "screen", "bindings", "beeps", "cut", "net" };

        private FlowLine(int number, string text)
        {
            Number = number;
            Text = text;
        }

        public int Number { get; }
        public string Text { get; }

        /// <summary>The checked script; null for a fleet line.</summary>
        public ParsedScript Script { get; private set; }

        public string FleetOp { get; private set; }
        public string FleetArg { get; private set; }
        public bool IsFleet { get { return FleetOp != null; } }

        /// <summary>The script's tokens (for the guide's description of the keys).</summary>
        public List<ScriptToken> Tokens { get; private set; }

        public static FlowLine Parse(TaskLine line, string file)
        {
            string where = file + " line " + line.Number + ": ";
            var flow = new FlowLine(line.Number, line.Value);
            flow.Tokens = ScriptReader.Tokenize(line.Value);
            if (flow.Tokens.Count == 0) throw new GuideException(where + "'" + line.Name + "' needs a script line");
            if (flow.Tokens[0].Text == "fleet")
            {
                string rest = flow.Tokens[0].RestOfLine;
                int space = rest.IndexOf(' ');
                flow.FleetOp = space < 0 ? rest : rest.Substring(0, space);
                flow.FleetArg = space < 0 ? "" : rest.Substring(space + 1).Trim();
                if (!FleetCommand.IsKnownOp(flow.FleetOp)) throw new GuideException(where + "'fleet' needs a fleet command (lock, unlock, pause, reactivate, set-merchant-name, status), got '" + rest + "'");
                return flow;
            }
            if (flow.Tokens[0].Text.ToLowerInvariant() != "console")
            {
                foreach (ScriptToken token in flow.Tokens)
                {
                    if (Array.IndexOf(NotInAGuide, token.Text.ToLowerInvariant()) >= 0)
                        throw new GuideException(where + "'" + token.Text + "' has no place in an operator guide");
                }
            }
            flow.Script = ScriptParser.Parse(line.Value);
            if (flow.Script.Error != null) throw new GuideException(where + flow.Script.Error.Replace("line 1: ", ""));
            return flow;
        }
    }

    /// <summary>One step of a task: what is done (flow lines), the screen it must end on, and what the guides say about it.</summary>
    public sealed class GuideStep
    {
        public GuideStep(int line)
        {
            Line = line;
        }

        public int Line { get; }
        public List<FlowLine> Flow { get; } = new List<FlowLine>();

        /// <summary>The screen id the terminal must show after the step (the run fails otherwise).</summary>
        public string Screen { get; set; }

        public Bilingual Caption { get; set; }
        public List<Bilingual> Notes { get; } = new List<Bilingual>();
    }

    /// <summary>
    /// A task of the operator guides, read from tools/guides/tasks/NN-name.txt (see its README):
    /// a title and intro in both languages, an unseen setup, optionally a picture of the start,
    /// then steps, each a flow, the screen id it ends on, a caption per language and notes.
    /// </summary>
    public sealed class GuideTask
    {
        private GuideTask(string file, string name)
        {
            File = file;
            Name = name;
        }

        /// <summary>The source, from the repository's root.</summary>
        public string File { get; }

        /// <summary>The file name without .txt: the pictures' prefix.</summary>
        public string Name { get; }

        public Bilingual Title { get; private set; }
        public List<Bilingual> Intro { get; } = new List<Bilingual>();

        /// <summary>"language: factory": both guides run the task in the terminal's own language (factory 中文) instead of their own.</summary>
        public bool FactoryLanguage { get; private set; }

        /// <summary>The desk's key for this terminal (fleet-key: 64 hex digits); null when the task sends no fleet command.</summary>
        public byte[] FleetKey { get; private set; }

        public List<FlowLine> Setup { get; } = new List<FlowLine>();

        /// <summary>Caption of a picture taken after the setup, before the first step; null for none.</summary>
        public Bilingual Start { get; private set; }

        public string StartScreen { get; private set; }

        public List<GuideStep> Steps { get; } = new List<GuideStep>();

        public static GuideTask Parse(string text, string file, string name)
        {
            var task = new GuideTask(file, name);
            var pending = new Pending(file);
            GuideStep step = null;
            foreach (TaskLine line in TaskText.Read(text, file))
            {
                string where = file + " line " + line.Number + ": ";
                switch (line.Name)
                {
                    case "title.zh": case "title.en": case "intro.zh": case "intro.en":
                    case "start.zh": case "start.en": case "zh": case "en": case "note.zh": case "note.en":
                        if (line.Value.Length == 0) throw new GuideException(where + "'" + line.Name + "' needs a text");
                        pending.Add(line);
                        break;
                    case "language":
                        if (line.Value != "factory") throw new GuideException(where + "'language' takes only 'factory'");
                        task.FactoryLanguage = true;
                        break;
                    case "fleet-key":
                        task.FleetKey = ParseKey(line.Value, where);
                        break;
                    case "setup":
                        if (task.Steps.Count > 0) throw new GuideException(where + "'setup' comes before the first step");
                        task.Setup.Add(FlowLine.Parse(line, file));
                        break;
                    case "start":
                        if (task.Steps.Count > 0) throw new GuideException(where + "'start' comes before the first step");
                        task.StartScreen = line.Value;
                        break;
                    case "step":
                        pending.FlushInto(task, step);
                        step = new GuideStep(line.Number);
                        step.Flow.Add(FlowLine.Parse(line, file));
                        task.Steps.Add(step);
                        break;
                    case "and":
                        if (step == null) throw new GuideException(where + "'and' continues a step: put it after 'step'");
                        step.Flow.Add(FlowLine.Parse(line, file));
                        break;
                    case "screen":
                        if (step == null) throw new GuideException(where + "'screen' belongs to a step");
                        step.Screen = line.Value;
                        break;
                    default:
                        throw new GuideException(where + "unknown name '" + line.Name + "'");
                }
            }
            pending.FlushInto(task, step);
            task.Check();
            return task;
        }

        private void Check()
        {
            if (Title == null) throw new GuideException(File + ": needs title.zh and title.en");
            if (Steps.Count == 0) throw new GuideException(File + ": needs at least one step");
            if ((Start == null) != (StartScreen == null)) throw new GuideException(File + ": a start picture needs 'start' (its screen id) and start.zh / start.en");
            foreach (GuideStep s in Steps)
            {
                string where = File + " line " + s.Line + ": ";
                if (s.Screen == null) throw new GuideException(where + "the step needs 'screen: ID' (the screen it ends on)");
                if (s.Caption == null) throw new GuideException(where + "the step needs a caption in both languages (zh: and en:)");
                foreach (FlowLine flow in s.Flow)
                {
                    if (flow.IsFleet && FleetKey == null) throw new GuideException(File + " line " + flow.Number + ": 'fleet' needs the task's 'fleet-key'");
                }
            }
        }

        private static byte[] ParseKey(string hex, string where)
        {
            if (hex.Length != 64) throw new GuideException(where + "'fleet-key' needs 64 hex digits");
            try
            {
                return Convert.FromHexString(hex);
            }
            catch (FormatException)
            {
                throw new GuideException(where + "'fleet-key' needs 64 hex digits");
            }
        }

        /// <summary>
        /// Texts read since the last step line, paired by language when the next step (or the
        /// end) comes: before the first step the task's title, intro and start caption, after a
        /// step its caption and notes.
        /// </summary>
        private sealed class Pending
        {
            private static readonly string[] Repeatable = { "intro", "note" };
            private static readonly string[] HeaderTexts = { "title", "intro", "start" };
            private static readonly string[] StepTexts = { "", "note" };

            private readonly string _file;
            private readonly Dictionary<string, List<TaskLine>> _texts = new Dictionary<string, List<TaskLine>>();

            public Pending(string file)
            {
                _file = file;
            }

            public void Add(TaskLine line)
            {
                string prefix = Prefix(line.Name);
                List<TaskLine> list;
                if (!_texts.TryGetValue(line.Name, out list)) _texts[line.Name] = list = new List<TaskLine>();
                if (list.Count > 0 && Array.IndexOf(Repeatable, prefix) < 0)
                    throw new GuideException(_file + " line " + line.Number + ": a second '" + line.Name + "' here");
                list.Add(line);
            }

            public void FlushInto(GuideTask task, GuideStep step)
            {
                string[] allowed = step == null ? HeaderTexts : StepTexts;
                foreach (List<TaskLine> lines in _texts.Values)
                {
                    if (Array.IndexOf(allowed, Prefix(lines[0].Name)) < 0)
                        throw new GuideException(_file + " line " + lines[0].Number + ": '" + lines[0].Name + "' belongs "
                            + (step == null ? "to a step: put it after 'step'" : "before the first step"));
                }
                if (step == null)
                {
                    List<Bilingual> title = Pairs("title");
                    if (title.Count > 0) task.Title = title[0];
                    task.Intro.AddRange(Pairs("intro"));
                    List<Bilingual> start = Pairs("start");
                    if (start.Count > 0) task.Start = start[0];
                }
                else
                {
                    List<Bilingual> caption = Pairs("");
                    if (caption.Count > 0) step.Caption = caption[0];
                    step.Notes.AddRange(Pairs("note"));
                }
                _texts.Clear();
            }

            /// <summary>"note.zh" → "note"; a caption's "zh" → "".</summary>
            private static string Prefix(string name)
            {
                int dot = name.IndexOf('.');
                return dot < 0 ? "" : name.Substring(0, dot);
            }

            private List<Bilingual> Pairs(string prefix)
            {
                string head = prefix.Length == 0 ? "" : prefix + ".";
                List<TaskLine> zh, en;
                if (!_texts.TryGetValue(head + "zh", out zh)) zh = new List<TaskLine>();
                if (!_texts.TryGetValue(head + "en", out en)) en = new List<TaskLine>();
                if (zh.Count != en.Count)
                {
                    TaskLine alone = zh.Count > en.Count ? zh[en.Count] : en[zh.Count];
                    throw new GuideException(_file + " line " + alone.Number + ": '" + alone.Name + "' has no counterpart in the other language");
                }
                var pairs = new List<Bilingual>();
                for (int i = 0; i < zh.Count; i++) pairs.Add(new Bilingual(zh[i].Value, en[i].Value));
                return pairs;
            }
        }
    }
}

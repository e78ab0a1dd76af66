using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.IO;

namespace PosTerminal.Simulator
{
    /// <summary>
    /// Command-line options of the virtual terminal, parsed with System.CommandLine. Flag
    /// names are a contract: keep them. Every bad value gets its own message (Program exits 2).
    /// </summary>
    public sealed class Options
    {
        /// <summary>--web without a port.</summary>
        public const int DefaultWebPort = 7080;

        private ParseResult _parsed;

        public string Script { get; private set; }
        public string FlashPath { get; private set; }

        /// <summary>--flash-reset: replace the flash file (an existing image) with a new, erased one.</summary>
        public bool FlashReset { get; private set; }

        public string Language { get; private set; }
        public string Bench { get; private set; }

        /// <summary>"pins" (default): the real drivers on electrically simulated parts; "events": the fast key-event board.</summary>
        public string Board { get; private set; } = "pins";

        /// <summary>Interactive mode: the maintenance console on 127.0.0.1:N (0 = none).</summary>
        public int ConsolePort { get; private set; }

        /// <summary>--web [PORT]: the browser terminal on 127.0.0.1:PORT (0 = any free port); null without --web.</summary>
        public int? WebPort { get; private set; }

        /// <summary>--broker HOST:PORT, checked: the board joins the fleet (Program.CreateBoard).</summary>
        public string Broker { get; private set; }

        /// <summary>--terminal-id ID (1-16 of A-Z, 0-9, '-'): the id the board gives the firmware.</summary>
        public string TerminalId { get; private set; }

        public bool HelpRequested { get; private set; }

        public static string DefaultFlashPath()
        {
            string data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            return Path.Combine(data, "PosTerminal", "terminal.flash");
        }

        /// <summary>Parses args; returns an error message (every problem, one a line), or null on success.</summary>
        public static string TryParse(string[] args, out Options options)
        {
            options = new Options();
            var s = new Symbols();
            ParseResult parsed = s.Root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
            options._parsed = parsed;
            if (parsed.Errors.Count > 0)
            {
                string all = "";
                foreach (ParseError e in parsed.Errors) all += (all.Length == 0 ? "" : "\n") + e.Message;
                return all;
            }
            // The root command has no action of its own, so any action is an option's that only
            // prints: --help or --version. Program runs it (WriteHelp) and exits 0.
            if (parsed.Action != null)
            {
                options.HelpRequested = true;
                return null;
            }
            options.Script = parsed.GetValue(s.Script);
            options.FlashPath = parsed.GetValue(s.Flash);
            options.FlashReset = parsed.GetValue(s.FlashReset);
            options.Language = parsed.GetValue(s.Lang);
            options.Board = parsed.GetValue(s.Board) ?? "pins";
            options.ConsolePort = parsed.GetValue(s.ConsolePort);
            options.Bench = parsed.GetValue(s.Bench);
            options.WebPort = parsed.GetResult(s.Web) == null ? null : parsed.GetValue(s.Web);
            options.Broker = parsed.GetValue(s.Broker);
            options.TerminalId = parsed.GetValue(s.TerminalId);
            return options.Conflict();
        }

        /// <summary>Writes what --help or --version prints.</summary>
        public void WriteHelp(TextWriter output)
        {
            _parsed.Invoke(new InvocationConfiguration { Output = output });
        }

        /// <summary>Options that are valid alone but not together.</summary>
        private string Conflict()
        {
            bool interactive = Script == null && Bench == null;
            if (ConsolePort != 0 && !interactive)
                return "--console-port is for interactive mode; a script talks to the console with 'console LINE'";
            if (WebPort.HasValue && Script != null)
                return "--web serves the terminal to a browser; it cannot run with --script (a script is run without it)";
            if (WebPort.HasValue && Board != "pins")
                return "--web draws the LCD from the simulated ST7920's DDRAM, so it needs --board pins (the default), not '" + Board + "'";
            if (WebPort.HasValue && WebPort.Value != 0 && WebPort.Value == ConsolePort)
                return "--web and --console-port cannot both use port " + ConsolePort;
            if (FlashReset && Script != null && FlashPath == null)
                return "--flash-reset needs --flash PATH with --script (a script without --flash already starts on a new image in memory)";
            return null;
        }

        /// <summary>Why id is not a terminal id (1-16 of A-Z, 0-9, '-'), or null.</summary>
        public static string TerminalIdProblem(string id)
        {
            if (id.Length < 1 || id.Length > 16) return "--terminal-id takes 1-16 characters of A-Z, 0-9 and '-', not '" + id + "' (" + id.Length + " characters)";
            foreach (char c in id)
            {
                bool ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
                if (!ok) return "--terminal-id takes only A-Z, 0-9 and '-' (capitals), not '" + c + "' in '" + id + "'";
            }
            return null;
        }

        /// <summary>Why text is not HOST:PORT, or null.</summary>
        public static string BrokerProblem(string text)
        {
            int colon = text.LastIndexOf(':');
            string usage = "--broker takes HOST:PORT (e.g. 127.0.0.1:1883), not '" + text + "'";
            if (colon <= 0 || colon == text.Length - 1) return usage;
            string host = text.Substring(0, colon);
            if (host.StartsWith("[", StringComparison.Ordinal) && host.EndsWith("]", StringComparison.Ordinal)) host = host.Substring(1, host.Length - 2);
            if (host.Length == 0 || Uri.CheckHostName(host) == UriHostNameType.Unknown) return usage + ": '" + host + "' is not a host name or address";
            int port;
            if (!TryPort(text.Substring(colon + 1), 1, out port)) return usage + ": the port must be 1-65535";
            return null;
        }

        private static bool TryPort(string text, int lowest, out int port)
        {
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port >= lowest && port <= 65535;
        }

        /// <summary>The option objects of one parse (System.CommandLine keeps results per symbol).</summary>
        private sealed class Symbols
        {
            public readonly Option<string> Script = Text("--script", "FILE|-", "run a script (- reads it from standard input); see README, \"Script tokens\"", null);
            public readonly Option<string> Flash = Text("--flash", "PATH", "keep the flash in this file (a new path makes a new image); default: interactive " + DefaultFlashPath() + ", script a new image in memory", FlashPathProblem);
            public readonly Option<bool> FlashReset = new Option<bool>("--flash-reset") { Description = "start the flash file over as a new, erased image (factory state)" };
            public readonly Option<string> Lang = Text("--lang", "zh|en", "show this language whatever the settings say (the stored setting is left alone)",
                v => v == "zh" || v == "en" ? null : "--lang takes zh or en, not '" + v + "'");
            public readonly Option<string> Board = Text("--board", "pins|events", "pins (default): the real drivers on electrically simulated parts; events: the fast key-event board",
                v => v == "pins" || v == "events" ? null : "--board takes pins or events, not '" + v + "'");
            public readonly Option<int> ConsolePort = Port("--console-port", "interactive and --web: the maintenance console on 127.0.0.1:N too (TCP, e.g. nc 127.0.0.1 N)", 1);
            public readonly Option<int?> Web = WebOption();
            public readonly Option<string> Broker = Text("--broker", "HOST:PORT", "the fleet's MQTT broker; the board joins as --terminal-id, password from POSTERM_BROKER_PASSWORD", BrokerProblem);
            public readonly Option<string> TerminalId = Text("--terminal-id", "ID", "the terminal id the board gives the firmware (1-16 of A-Z, 0-9, '-'; default PT000001)", TerminalIdProblem);
            public readonly Option<string> Bench = Text("--bench", "NAME", "moved: the benchmarks are in tools/bench", null);
            public readonly RootCommand Root;

            public Symbols()
            {
                Root = new RootCommand("PosTerminal virtual terminal: the firmware on a simulated board. Interactive by default; --script runs a script; --web serves it to a browser.")
                {
                    Script, Flash, FlashReset, Lang, Board, ConsolePort, Web, Broker, TerminalId, Bench,
                };
            }

            private static string FlashPathProblem(string path)
            {
                return path.Trim().Length == 0 ? "--flash takes a file path, not an empty one" : null;
            }

            /// <summary>A string option whose value 'problem' checks (null: any value).</summary>
            private static Option<string> Text(string name, string helpName, string description, Func<string, string> problem)
            {
                var option = new Option<string>(name) { HelpName = helpName, Description = description };
                option.CustomParser = result =>
                {
                    string value = result.Tokens[0].Value;
                    string error = problem == null ? null : problem(value);
                    if (error != null) result.AddError(error);
                    return value;
                };
                return option;
            }

            private static Option<int> Port(string name, string description, int lowest)
            {
                var option = new Option<int>(name) { HelpName = "N", Description = description };
                option.CustomParser = result =>
                {
                    int port;
                    string value = result.Tokens[0].Value;
                    if (TryPort(value, lowest, out port)) return port;
                    result.AddError(name + " takes a TCP port " + lowest + "-65535, not '" + value + "'");
                    return 0;
                };
                return option;
            }

            private static Option<int?> WebOption()
            {
                var option = new Option<int?>("--web")
                {
                    HelpName = "PORT",
                    Arity = ArgumentArity.ZeroOrOne,
                    Description = "serve the terminal to a browser on http://127.0.0.1:PORT/ (PORT is optional: default " + DefaultWebPort + "; 0: any free port)",
                };
                option.CustomParser = result =>
                {
                    if (result.Tokens.Count == 0) return DefaultWebPort;
                    int port;
                    string value = result.Tokens[0].Value;
                    if (TryPort(value, 0, out port)) return port;
                    result.AddError("--web takes a TCP port 0-65535 (0: any free one), not '" + value + "'");
                    return null;
                };
                return option;
            }
        }
    }
}

using System;
using System.IO;
using System.Net;
using System.Text;
using System.Threading;
using PosTerminal.Firmware.Text;
using PosTerminal.Simulator.Interactive;
using PosTerminal.Simulator.Web;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Flash;
using PosTerminal.Virtual.Script;

namespace PosTerminal.Simulator
{
    /// <summary>
    /// The virtual terminal. Interactive by default; '--script FILE|-' runs a script;
    /// '--web [PORT]' serves it to a browser. '--flash PATH' keeps the flash in a file
    /// (interactive and web default: the user's data folder; scripted default: a new image in
    /// memory, so runs are repeatable). A bad command line gets a message and exit code 2,
    /// and changes no file.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            Console.OutputEncoding = Encoding.UTF8;
            Options options;
            string error = Options.TryParse(args, out options);
            if (error != null) return Refuse(error + "\n(see --help)");
            if (options.HelpRequested)
            {
                options.WriteHelp(Console.Out);
                return 0;
            }
            // The benchmarks are their own tool now (tools/bench): say where, change nothing.
            if (options.Bench != null) return Refuse("benchmarks moved: dotnet run -c Release --project tools/bench -- --bench " + options.Bench);
            // Without it the broker would refuse the login again and again, with nothing on screen.
            if (options.Broker != null && PosTerminal.Virtual.Fleet.FleetLinkSettings.PasswordFromEnvironment() == null)
                return Refuse("--broker needs this terminal's broker password in the environment variable "
                    + PosTerminal.Virtual.Fleet.FleetLinkSettings.PasswordVariable + " (never on the command line); nothing was started");
            try
            {
                if (options.Script != null) return RunScript(options);
                if (options.WebPort.HasValue) return RunWeb(options);
                return RunInteractive(options);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // The flash file became unwritable during the run (disk full, permissions changed).
                Console.Error.WriteLine("cannot write the flash file: " + e.Message);
                return 1;
            }
        }

        private static int Refuse(string message)
        {
            Console.Error.WriteLine(message);
            return 2;
        }

        private static int RunScript(Options options)
        {
            string source;
            try
            {
                source = options.Script == "-" ? Console.In.ReadToEnd() : File.ReadAllText(options.Script);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return Refuse("cannot read script: " + e.Message);
            }
            // The whole script is checked before the flash file is opened or a key pressed.
            ParsedScript script = ScriptParser.Parse(source);
            if (script.Error != null) return Refuse("script error, " + script.Error);
            SimFlash flash = new SimFlash();
            if (options.FlashPath != null)
            {
                string problem = PrepareFlash(options.FlashPath, options.FlashReset);
                if (problem != null) return Refuse(problem);
                flash = new SimFlash(path: options.FlashPath);
            }
            SimBoard board = CreateBoard(options, flash);
            if (board == null) return 2;
            board.PowerOn();
            return new ScriptRunner(board, Console.Out).Run(script);
        }

        private static int RunInteractive(Options options)
        {
            if (Console.IsInputRedirected || Console.IsOutputRedirected)
                return Refuse("interactive mode needs a terminal; for automation use --script FILE|- or --web [PORT]");
            string flashPath = options.FlashPath ?? Options.DefaultFlashPath();
            string problem = PrepareFlash(flashPath, options.FlashReset);
            if (problem != null) return Refuse(problem);
            SimBoard board = CreateBoard(options, new SimFlash(path: flashPath));
            if (board == null) return 2;
            board.PowerOn();
            var status = new StatusInfo(options.Board, flashPath, options.ConsolePort, board.TerminalId) { Link = () => board.FleetStatus };
            ConsoleBridge bridge;
            if (!TryStartBridge(board, options, out bridge)) return 2;
            using (bridge)
            {
                return new InteractiveTerminal(board, status).Run();
            }
        }

        private static int RunWeb(Options options)
        {
            string flashPath = options.FlashPath ?? Options.DefaultFlashPath();
            string problem = PrepareFlash(flashPath, options.FlashReset);
            if (problem != null) return Refuse(problem);
            var board = (PinBoard)CreateBoard(options, new SimFlash(path: flashPath));
            if (board == null) return 2;
            board.PowerOn();
            ConsoleBridge bridge;
            if (!TryStartBridge(board, options, out bridge)) return 2;
            WebTerminal web;
            try
            {
                web = WebTerminal.Start(board, options.WebPort.Value, new StatusInfo(options.Board, flashPath, options.ConsolePort, board.TerminalId) { Link = () => board.FleetStatus });
            }
            catch (HttpListenerException e)
            {
                bridge?.Dispose();
                return Refuse("cannot serve on 127.0.0.1:" + options.WebPort.Value + ": " + e.Message);
            }
            using (bridge)
            using (web)
            {
                var stop = new ManualResetEventSlim();
                Console.CancelKeyPress += (_, e) =>
                {
                    e.Cancel = true;
                    stop.Set();
                };
                Console.WriteLine("web terminal on " + web.Url + " (Ctrl+C stops it)");
                stop.Wait();
            }
            return 0;
        }

        /// <summary>--console-port N: the console on TCP too (false after a message when the port is taken).</summary>
        private static bool TryStartBridge(SimBoard board, Options options, out ConsoleBridge bridge)
        {
            bridge = null;
            if (options.ConsolePort == 0) return true;
            try
            {
                bridge = ConsoleBridge.Start(board.ConsolePort, options.ConsolePort);
                return true;
            }
            catch (System.Net.Sockets.SocketException e)
            {
                Console.Error.WriteLine("cannot listen on 127.0.0.1:" + options.ConsolePort + ": " + e.Message);
                return false;
            }
        }

        /// <summary>
        /// Checks the flash file (FlashFile.Problem) and, for a new path or --flash-reset, writes
        /// a new erased image; returns an error, or null when the file is ready.
        /// </summary>
        public static string PrepareFlash(string path, bool reset)
        {
            string problem = FlashFile.Problem(path, reset);
            if (problem != null) return problem;
            if (reset || !File.Exists(path)) return FlashFile.WriteErased(path);
            return null;
        }

        /// <summary>--lang zh|en, or null to show the language stored in the Settings record.</summary>
        public static Language? LanguageOf(Options options)
        {
            if (options.Language == "en") return Language.English;
            if (options.Language == "zh") return Language.Chinese;
            return null;
        }

        /// <summary>The board --board names, with --lang and --terminal-id; null (after a message) when its description cannot be read.</summary>
        public static SimBoard CreateBoard(Options options, SimFlash flash)
        {
            SimBoard board;
            if (options.Board == "events")
            {
                board = new EventBoard(flash);
            }
            else
            {
                try
                {
                    board = new PinBoard(flash);
                }
                catch (BoardDescriptionException e)
                {
                    Console.Error.WriteLine(e.Message);
                    return null;
                }
            }
            board.LanguageOverride = LanguageOf(options);
            if (options.TerminalId != null) board.TerminalId = options.TerminalId;
            // --broker: the board joins the fleet as TerminalId; the broker password comes from
            // POSTERM_BROKER_PASSWORD, never the command line (FleetLinkSettings.PasswordFromEnvironment).
            if (options.Broker != null) board.JoinFleet(options.Broker, PosTerminal.Virtual.Fleet.FleetLinkSettings.PasswordFromEnvironment());
            return board;
        }
    }
}

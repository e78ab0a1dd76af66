using System;
using System.IO;
using System.Text;
using PosTerminal.Firmware.Text;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Flash;
using PosTerminal.Simulator.Interactive;
using PosTerminal.Virtual.Script;

namespace PosTerminal.Simulator
{
    /// <summary>
    /// The virtual terminal. Interactive by default; '--script FILE|-' runs a script.
    /// '--flash PATH' keeps the flash in a file (interactive default: the user's data folder;
    /// scripted default: a fresh flash in memory, so runs are repeatable).
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            Console.OutputEncoding = Encoding.UTF8;
            Options options;
            string error = Options.TryParse(args, out options);
            if (error != null)
            {
                Console.Error.WriteLine(error);
                Console.Error.WriteLine(Options.Usage);
                return 2;
            }
            if (options.Bench != null)
            {
                // The benchmarks are their own tool now (tools/bench): say where, change nothing.
                Console.Error.WriteLine("benchmarks moved: dotnet run -c Release --project tools/bench -- --bench " + options.Bench);
                return 2;
            }
            if (options.Script != null)
            {
                return RunScript(options);
            }
            return RunInteractive(options);
        }

        private static int RunInteractive(Options options)
        {
            string flashPath = options.FlashPath ?? Options.DefaultFlashPath();
            SimBoard board = CreateBoard(options, new SimFlash(path: flashPath));
            if (board == null) return 2;
            board.LanguageOverride = LanguageOf(options);
            board.PowerOn();
            string status = options.Board + " board, flash " + flashPath;
            ConsoleBridge bridge = null;
            if (options.ConsolePort != 0)
            {
                try
                {
                    bridge = ConsoleBridge.Start(board.ConsolePort, options.ConsolePort);
                }
                catch (System.Net.Sockets.SocketException e)
                {
                    Console.Error.WriteLine("cannot listen on 127.0.0.1:" + options.ConsolePort + ": " + e.Message);
                    return 2;
                }
                status += "  console 127.0.0.1:" + options.ConsolePort;
            }
            using (bridge)
            {
                return new InteractiveTerminal(board, status).Run();
            }
        }

        /// <summary>--lang zh|en, or null to show the language stored in the Settings record.</summary>
        public static Language? LanguageOf(Options options)
        {
            if (options.Language == "en") return Language.English;
            if (options.Language == "zh") return Language.Chinese;
            return null;
        }

        private static int RunScript(Options options)
        {
            string source;
            try
            {
                source = options.Script == "-" ? Console.In.ReadToEnd() : File.ReadAllText(options.Script);
            }
            catch (IOException e)
            {
                Console.Error.WriteLine("cannot read script: " + e.Message);
                return 2;
            }
            SimBoard board = CreateBoard(options, new SimFlash(path: options.FlashPath));
            if (board == null) return 2;
            board.LanguageOverride = LanguageOf(options);
            board.PowerOn();
            return new ScriptRunner(board, Console.Out).Run(source);
        }

        /// <summary>The board --board names; null (after a message) when its description cannot be read.</summary>
        public static SimBoard CreateBoard(Options options, SimFlash flash)
        {
            if (options.Board == "events") return new EventBoard(flash);
            try
            {
                return new PinBoard(flash);
            }
            catch (BoardDescriptionException e)
            {
                Console.Error.WriteLine(e.Message);
                return null;
            }
        }
    }
}

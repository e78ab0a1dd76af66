using System;
using System.IO;

namespace PosTerminal.Simulator
{
    /// <summary>Command-line options of the virtual terminal. Flag names are a contract: keep them.</summary>
    public sealed class Options
    {
        public const string Usage =
            "usage: PosTerminal.Simulator [--script FILE|-] [--flash PATH] [--lang zh|en] [--board pins|events] [--console-port N] [--bench NAME]";

        public string Script { get; private set; }
        public string FlashPath { get; private set; }
        public string Language { get; private set; }
        public string Bench { get; private set; }

        /// <summary>"pins" (default): the real drivers on electrically simulated parts; "events": the fast key-event board.</summary>
        public string Board { get; private set; } = "pins";

        /// <summary>Interactive mode: the maintenance console on 127.0.0.1:N (0 = none).</summary>
        public int ConsolePort { get; private set; }

        public static string DefaultFlashPath()
        {
            string data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            return Path.Combine(data, "PosTerminal", "terminal.flash");
        }

        /// <summary>Parses args; returns an error message, or null on success.</summary>
        public static string TryParse(string[] args, out Options options)
        {
            options = new Options();
            for (int i = 0; i < args.Length; i++)
            {
                string flag = args[i];
                if (!flag.StartsWith("--", StringComparison.Ordinal))
                {
                    return "unknown option '" + flag + "'";
                }
                if (i + 1 >= args.Length)
                {
                    return "option '" + flag + "' needs a value";
                }
                string error = options.Set(flag, args[++i]);
                if (error != null) return error;
            }
            if (options.ConsolePort != 0 && (options.Script != null || options.Bench != null))
            {
                return "--console-port is for interactive mode; a script talks to the console with 'console LINE'";
            }
            return null;
        }

        private string Set(string flag, string value)
        {
            switch (flag)
            {
                case "--script": Script = value; return null;
                case "--flash": FlashPath = value; return null;
                case "--bench": Bench = value; return null;
                case "--lang":
                    if (value != "zh" && value != "en") return "--lang takes zh or en, not '" + value + "'";
                    Language = value;
                    return null;
                case "--board":
                    if (value != "pins" && value != "events") return "--board takes pins or events, not '" + value + "'";
                    Board = value;
                    return null;
                case "--console-port":
                    int port;
                    if (!int.TryParse(value, out port) || port < 1 || port > 65535) return "--console-port takes a TCP port 1-65535, not '" + value + "'";
                    ConsolePort = port;
                    return null;
                default:
                    return "unknown option '" + flag + "'";
            }
        }
    }
}

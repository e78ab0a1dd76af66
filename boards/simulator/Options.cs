using System;
using System.IO;

namespace PosTerminal.Simulator
{
    /// <summary>Command-line options of the virtual terminal. Flag names are a contract: keep them.</summary>
    public sealed class Options
    {
        public const string Usage =
            "usage: PosTerminal.Simulator [--script FILE|-] [--flash PATH] [--lang zh|en] [--bench NAME] [--console-port N]";

        public string Script { get; private set; }
        public string FlashPath { get; private set; }
        public string Language { get; private set; }
        public string Bench { get; private set; }

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
                if (flag != "--script" && flag != "--flash" && flag != "--lang" && flag != "--bench" && flag != "--console-port")
                {
                    return "unknown option '" + flag + "'";
                }
                if (i + 1 >= args.Length)
                {
                    return "option '" + flag + "' needs a value";
                }
                string value = args[++i];
                if (flag == "--script") options.Script = value;
                else if (flag == "--flash") options.FlashPath = value;
                else if (flag == "--bench") options.Bench = value;
                else if (flag == "--console-port")
                {
                    int port;
                    if (!int.TryParse(value, out port) || port < 1 || port > 65535) return "--console-port takes a TCP port 1-65535, not '" + value + "'";
                    options.ConsolePort = port;
                }
                else if (value == "zh" || value == "en") options.Language = value;
                else return "--lang takes zh or en, not '" + value + "'";
            }
            if (options.ConsolePort != 0 && (options.Script != null || options.Bench != null))
            {
                return "--console-port is for interactive mode; scripts use the 'console LINE' token";
            }
            return null;
        }
    }
}

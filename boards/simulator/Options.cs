using System;
using System.IO;

namespace PosTerminal.Simulator
{
    /// <summary>Command-line options of the virtual terminal. Flag names are a contract: keep them.</summary>
    public sealed class Options
    {
        public const string Usage =
            "usage: PosTerminal.Simulator [--script FILE|-] [--flash PATH] [--lang zh|en] [--board pins|events] [--bench NAME]";

        public string Script { get; private set; }
        public string FlashPath { get; private set; }
        public string Language { get; private set; }
        public string Bench { get; private set; }

        /// <summary>"pins" (default): the real drivers on electrically simulated parts; "events": the fast key-event board.</summary>
        public string Board { get; private set; } = "pins";

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
                if (flag != "--script" && flag != "--flash" && flag != "--lang" && flag != "--bench" && flag != "--board")
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
                else if (flag == "--board")
                {
                    if (value != "pins" && value != "events") return "--board takes pins or events, not '" + value + "'";
                    options.Board = value;
                }
                else if (value == "zh" || value == "en") options.Language = value;
                else return "--lang takes zh or en, not '" + value + "'";
            }
            return null;
        }
    }
}

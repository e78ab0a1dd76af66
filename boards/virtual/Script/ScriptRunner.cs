using System;
using System.IO;

namespace PosTerminal.Virtual.Script
{
    /// <summary>
    /// Runs a script against a board (tokens: see ScriptParser). The whole script is parsed
    /// first: an unknown token or a bad argument anywhere stops the run before its first
    /// step, with a message naming the token and its line.
    /// </summary>
    public sealed class ScriptRunner
    {
        private readonly SimBoard _board;
        private readonly TextWriter _out;

        public ScriptRunner(SimBoard board, TextWriter output)
        {
            _board = board;
            _out = output;
        }

        /// <summary>The message of the error that stopped the last run ("line N: ..."), or null.</summary>
        public string LastError { get; private set; }

        /// <summary>Parses, then runs every step; returns 0, or 2 (nothing run) when the script has an error.</summary>
        public int Run(string source)
        {
            return Run(ScriptParser.Parse(source));
        }

        public int Run(ParsedScript script)
        {
            LastError = script.Error ?? BoardProblem(script);
            if (LastError != null)
            {
                Console.Error.WriteLine("script error, " + LastError);
                return 2;
            }
            foreach (ScriptStep step in script.Steps) step.Run(_board, _out);
            _out.Flush();
            return 0;
        }

        /// <summary>What this board cannot run of a valid script ("line N: ..."), or null.</summary>
        private string BoardProblem(ParsedScript script)
        {
            foreach (ScriptStep step in script.Steps)
            {
                if (step.NeedsFleetLink && _board.FleetLink == null)
                    return "line " + step.Line + ": '" + step.Text + "' needs a fleet link (--broker HOST:PORT)";
            }
            return null;
        }
    }
}

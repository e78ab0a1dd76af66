using System;
using System.IO;

namespace PosTerminal.Virtual.Script
{
    /// <summary>One checked step of a parsed script: what it does to the board, and the source line it came from.</summary>
    public sealed class ScriptStep
    {
        private readonly Action<SimBoard, TextWriter> _run;

        public ScriptStep(int line, string text, Action<SimBoard, TextWriter> run, bool needsFleetLink = false)
        {
            Line = line;
            Text = text;
            _run = run;
            NeedsFleetLink = needsFleetLink;
        }

        /// <summary>The step drives the board's fleet link ('net down', 'net up'): a board without one refuses the script before it runs.</summary>
        public bool NeedsFleetLink { get; }

        public int Line { get; }

        /// <summary>The step as written ("ENTER", "wait 2", "console log 2").</summary>
        public string Text { get; }

        public void Run(SimBoard board, TextWriter output)
        {
            _run(board, output);
        }
    }
}

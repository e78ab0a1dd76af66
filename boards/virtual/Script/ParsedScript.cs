using System.Collections.Generic;

namespace PosTerminal.Virtual.Script
{
    /// <summary>A whole script, checked: its steps, or the first error ("line N: ...") and no steps.</summary>
    public sealed class ParsedScript
    {
        internal ParsedScript(IReadOnlyList<ScriptStep> steps, string error)
        {
            Steps = steps;
            Error = error;
        }

        public IReadOnlyList<ScriptStep> Steps { get; }

        /// <summary>Null when every token is valid.</summary>
        public string Error { get; }
    }
}

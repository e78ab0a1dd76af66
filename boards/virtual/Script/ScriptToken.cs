namespace PosTerminal.Virtual.Script
{
    /// <summary>One word of a script, with the line it came from (for error messages).</summary>
    public sealed class ScriptToken
    {
        public ScriptToken(string text, int line, string restOfLine)
        {
            Text = text;
            Line = line;
            RestOfLine = restOfLine;
        }

        public string Text { get; }
        public int Line { get; }

        /// <summary>The rest of the source line after this token, its comment left out (for 'console', which takes it).</summary>
        public string RestOfLine { get; }
    }
}

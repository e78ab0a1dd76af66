using System.Collections.Generic;

namespace PosTerminal.Virtual.Script
{
    /// <summary>Splits a script into whitespace-separated tokens; '#' at a token's start comments out the rest of the line.</summary>
    public static class ScriptReader
    {
        public static List<ScriptToken> Tokenize(string source)
        {
            var tokens = new List<ScriptToken>();
            string[] lines = source.Replace("\r\n", "\n").Split('\n');
            for (int n = 0; n < lines.Length; n++)
            {
                string line = lines[n];
                int i = 0;
                while (i < line.Length)
                {
                    while (i < line.Length && char.IsWhiteSpace(line[i])) i++;
                    if (i >= line.Length || line[i] == '#') break;
                    int start = i;
                    while (i < line.Length && !char.IsWhiteSpace(line[i])) i++;
                    tokens.Add(new ScriptToken(line.Substring(start, i - start), n + 1, line.Substring(i).Trim()));
                }
            }
            return tokens;
        }
    }
}

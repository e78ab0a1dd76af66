using System.Collections.Generic;

namespace PosTerminal.Virtual.Script
{
    /// <summary>
    /// Splits a script into whitespace-separated tokens. A '#' that starts a token comments out
    /// the rest of its line; a '#' inside a token ("pa#ss") is part of it.
    /// </summary>
    public static class ScriptReader
    {
        public static List<ScriptToken> Tokenize(string source)
        {
            var tokens = new List<ScriptToken>();
            string[] lines = source.Replace("\r\n", "\n").Split('\n');
            for (int n = 0; n < lines.Length; n++)
            {
                string line = WithoutComment(lines[n]);
                int i = 0;
                while (i < line.Length)
                {
                    while (i < line.Length && char.IsWhiteSpace(line[i])) i++;
                    if (i >= line.Length) break;
                    int start = i;
                    while (i < line.Length && !char.IsWhiteSpace(line[i])) i++;
                    tokens.Add(new ScriptToken(line.Substring(start, i - start), n + 1, line.Substring(i).Trim()));
                }
            }
            return tokens;
        }

        /// <summary>The line up to its comment: the first '#' at the line's start or after whitespace.</summary>
        public static string WithoutComment(string line)
        {
            for (int i = 0; i < line.Length; i++)
            {
                if (line[i] == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1]))) return line.Substring(0, i);
            }
            return line;
        }
    }
}

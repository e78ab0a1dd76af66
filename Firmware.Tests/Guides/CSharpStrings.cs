using System.Collections.Generic;
using System.Text;

namespace PosTerminal.Firmware.Tests.Guides
{
    /// <summary>A string literal of a C# source: its text (escapes resolved; an interpolated one up to its first hole) and its line.</summary>
    public sealed class StringLiteral
    {
        public StringLiteral(string text, int line, bool interpolated, string after)
        {
            Text = text;
            Line = line;
            Interpolated = interpolated;
            After = after;
        }

        public string Text { get; }
        public int Line { get; }

        /// <summary>$"...": Text is only the part before the first hole.</summary>
        public bool Interpolated { get; }

        /// <summary>The source right after the literal, to its line's end (what it is concatenated with).</summary>
        public string After { get; }
    }

    /// <summary>
    /// The string literals of a C# source, found by a small lexer that knows comments, character
    /// literals, regular, verbatim and interpolated strings: so a message quoted in a comment is
    /// not taken for one the code prints, and one split over a line is not missed.
    /// </summary>
    public static class CSharpStrings
    {
        public static List<StringLiteral> Of(string source)
        {
            var found = new List<StringLiteral>();
            int line = 1;
            int i = 0;
            while (i < source.Length)
            {
                char c = source[i];
                char next = i + 1 < source.Length ? source[i + 1] : '\0';
                if (c == '\n') { line++; i++; }
                else if (c == '/' && next == '/') { while (i < source.Length && source[i] != '\n') i++; }
                else if (c == '/' && next == '*')
                {
                    i += 2;
                    while (i + 1 < source.Length && !(source[i] == '*' && source[i + 1] == '/')) { if (source[i] == '\n') line++; i++; }
                    i += 2;
                }
                else if (c == '\'') { i = SkipChar(source, i); }
                else if (c == '"' || ((c == '@' || c == '$') && (next == '"' || next == '@' || next == '$')))
                {
                    bool verbatim = false, interpolated = false;
                    while (source[i] == '@' || source[i] == '$') { verbatim |= source[i] == '@'; interpolated |= source[i] == '$'; i++; }
                    int start = line;
                    var text = new StringBuilder();
                    bool hole = false;
                    i++; // the opening quote
                    while (i < source.Length)
                    {
                        char s = source[i];
                        if (s == '\n') line++;
                        if (verbatim && s == '"' && i + 1 < source.Length && source[i + 1] == '"') { if (!hole) text.Append('"'); i += 2; continue; }
                        if (s == '"') { i++; break; }
                        if (!verbatim && s == '\\') { if (!hole) text.Append(Escape(source[i + 1])); i += 2; continue; }
                        if (interpolated && s == '{')
                        {
                            if (i + 1 < source.Length && source[i + 1] == '{') { if (!hole) text.Append('{'); i += 2; continue; }
                            hole = true;
                        }
                        if (!hole) text.Append(s);
                        i++;
                    }
                    int end = source.IndexOf('\n', i);
                    found.Add(new StringLiteral(text.ToString(), start, interpolated, source.Substring(i, (end < 0 ? source.Length : end) - i)));
                }
                else i++;
            }
            return found;
        }

        private static int SkipChar(string source, int i)
        {
            i++;
            if (i < source.Length && source[i] == '\\') i += 2;
            else i++;
            while (i < source.Length && source[i] != '\'') i++;
            return i + 1;
        }

        private static char Escape(char c)
        {
            switch (c)
            {
                case 'n': return '\n';
                case 'r': return '\r';
                case 't': return '\t';
                case '0': return '\0';
                default: return c;
            }
        }
    }
}

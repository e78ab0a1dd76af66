using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace PosTerminal.Firmware.Tests.Display
{
    /// <summary>One string or char literal of a C# source: its decoded text and the line it starts on.</summary>
    public sealed record Literal(string File, int Line, string Text);

    /// <summary>
    /// Finds the string and char literals of a C# source, skipping comments: regular
    /// (escapes decoded), verbatim, interpolated (holes lexed as code, so literals inside
    /// them count too) and raw literals. Enough C# to find every text the firmware shows.
    /// </summary>
    public sealed class CSharpLiterals
    {
        private readonly string _file;
        private readonly string _s;
        private readonly List<Literal> _found = new List<Literal>();
        private int _i;

        private CSharpLiterals(string file, string source)
        {
            _file = file;
            _s = source;
        }

        public static List<Literal> Scan(string file, string source)
        {
            var lexer = new CSharpLiterals(file, source);
            lexer.Code(inHole: false);
            return lexer._found;
        }

        /// <summary>Code up to the end, or (in an interpolation hole) up to its closing brace.</summary>
        private void Code(bool inHole)
        {
            int depth = 0;
            while (_i < _s.Length)
            {
                char c = _s[_i];
                if (c == '/' && Peek(1) == '/') SkipTo("\n");
                else if (c == '/' && Peek(1) == '*') { _i += 2; SkipTo("*/"); _i += 2; }
                else if (c == '\'') CharLiteral();
                else if (c == '"' || c == '$' || c == '@') StringOrOther();
                else if (c == '{') { depth++; _i++; }
                else if (c == '}')
                {
                    if (inHole && depth == 0) return;
                    depth--;
                    _i++;
                }
                else _i++;
            }
        }

        private void CharLiteral()
        {
            int start = _i++;
            var text = new StringBuilder();
            while (_i < _s.Length && _s[_i] != '\'' && _s[_i] != '\n')
            {
                if (_s[_i] == '\\') text.Append(Escape());
                else text.Append(_s[_i++]);
            }
            _i++;
            Add(start, text.ToString());
        }

        private void StringOrOther()
        {
            int start = _i;
            int dollars = 0;
            bool verbatim = false;
            while (_i < _s.Length && (_s[_i] == '$' || _s[_i] == '@'))
            {
                if (_s[_i] == '$') dollars++;
                else verbatim = true;
                _i++;
            }
            if (Peek(0) != '"')
            {
                // '@' before an identifier (@class) or a stray '$': not a literal.
                if (_i == start) _i++;
                return;
            }
            int quotes = 0;
            while (Peek(quotes) == '"') quotes++;
            if (quotes >= 3) RawString(start, quotes);
            else QuotedString(start, verbatim, dollars > 0);
        }

        private void RawString(int start, int quotes)
        {
            string delimiter = new string('"', quotes);
            _i += quotes;
            int end = _s.IndexOf(delimiter, _i, StringComparison.Ordinal);
            if (end < 0) end = _s.Length;
            Add(start, _s.Substring(_i, end - _i));
            _i = end + quotes;
        }

        private void QuotedString(int start, bool verbatim, bool interpolated)
        {
            _i++;
            var text = new StringBuilder();
            while (_i < _s.Length)
            {
                char c = _s[_i];
                if (c == '"')
                {
                    if (verbatim && Peek(1) == '"') { text.Append('"'); _i += 2; continue; }
                    _i++;
                    break;
                }
                if (interpolated && (c == '{' || c == '}'))
                {
                    if (Peek(1) == c) { text.Append(c); _i += 2; continue; }
                    if (c == '{')
                    {
                        _i++;
                        Code(inHole: true);
                        _i++;
                        continue;
                    }
                }
                if (c == '\\' && !verbatim) text.Append(Escape());
                else { text.Append(c); _i++; }
            }
            Add(start, text.ToString());
        }

        /// <summary>Decodes the escape sequence at _i (which is a backslash).</summary>
        private string Escape()
        {
            char kind = Peek(1);
            _i += 2;
            switch (kind)
            {
                case 'n': return "\n";
                case 't': return "\t";
                case 'r': return "\r";
                case '0': return "\0";
                case 'a': return "\a";
                case 'b': return "\b";
                case 'f': return "\f";
                case 'v': return "\v";
                case 'e': return "\u001B";
                case 'u': return Hex(4, 4);
                case 'U': return Hex(8, 8);
                case 'x': return Hex(1, 4);
                default: return kind.ToString();
            }
        }

        private string Hex(int min, int max)
        {
            int n = 0;
            while (n < max && Uri.IsHexDigit(Peek(n))) n++;
            if (n < min) return "";
            int value = int.Parse(_s.AsSpan(_i, n), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            _i += n;
            return char.ConvertFromUtf32(value);
        }

        private void SkipTo(string end)
        {
            int at = _s.IndexOf(end, _i, StringComparison.Ordinal);
            _i = at < 0 ? _s.Length : at;
        }

        private char Peek(int ahead)
        {
            int at = _i + ahead;
            return at < _s.Length ? _s[at] : '\0';
        }

        private void Add(int start, string text)
        {
            int line = 1;
            for (int k = 0; k < start; k++)
            {
                if (_s[k] == '\n') line++;
            }
            _found.Add(new Literal(_file, line, text));
        }
    }
}

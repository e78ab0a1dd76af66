using System;
using System.Collections.Generic;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PosTerminal.Hal;

namespace PosTerminal.Virtual
{
    /// <summary>
    /// IJson as lenient as the device's: Deserialize re-enacts nanoFramework.Json 2.2.203
    /// (JsonConvert.DeserializeObject(string, Type) with default options, read from its sources:
    /// JsonConvert.cs, Resolvers/MemberResolver.cs, Converters/*, JsonObject.cs, JsonValue.cs),
    /// so that nothing passing through IJson in the simulator is refused where the device
    /// would take it. No firmware part reads documents through IJson any more (backup and
    /// restore use Firmware/Json); this keeps any future use honest.
    ///
    /// Mirrored, for classes with public get/set properties or fields, strings, integers,
    /// nested objects and arrays:
    /// - Unknown members are skipped (MemberResolver: ThrowExceptionWhenPropertyNotFound false).
    ///   Names are case-sensitive; a leading '$' becomes '_'.
    /// - A duplicate member name throws ArgumentException (JsonObject keeps members in a
    ///   Hashtable; Hashtable.Add refuses a key twice). Member order is not kept.
    /// - Scalars are converted to the member's type, not checked: a string member takes any
    ///   scalar's ToString() (5 → "5", true → "True"), null → "", an object → the text
    ///   "nanoFramework.Json.JsonObject"; an int or long member takes Convert.ToInt32/64 of the
    ///   value's text ("12" → 12), and throws when that text is not a number (true, 1.5, null).
    /// - A string of 18 or more characters that nanoCLR's DateTime parser takes (the prefixes
    ///   yyyy-MM-dd HH:mm:ssZ, yyyy-MM-ddTHH:mm:ss[.f], ddd, dd MMM yyyy HH:mm:ss) is read as a
    ///   date: a string member then gets DateTime.ToString(), not the original text (here with
    ///   the invariant "MM/dd/yyyy HH:mm:ss"; the device's exact pattern was not checked).
    /// - Syntax: strings in "" or ''; true/false/null in any case; numbers of - + . e E and
    ///   digits in any order (a '.', 'e' or 'E' makes a double); commas between members
    ///   optional, trailing commas taken; escapes \t \r \n \b \f \\ \" \u only (others throw);
    ///   text after the root value throws; the root must be an object or an array.
    /// Not mirrored: Hashtable and ArrayList members, root arrays of scalars, "/Date(...)/" and
    /// iCalendar dates. Serialize uses System.Text.Json (member order and spacing may differ
    /// from the device's; nothing compares them).
    /// </summary>
    public sealed class SimJson : IJson
    {
        private static readonly JsonSerializerOptions WriteOptions = new JsonSerializerOptions
        {
            // Console output, never HTML: keep '+' and the like readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        public string Serialize(object document)
        {
            return JsonSerializer.Serialize(document, document.GetType(), WriteOptions);
        }

        public object Deserialize(string json, Type type)
        {
            var lexer = new Lexer(json);
            Token first = lexer.Next();
            Node root;
            if (first.Type == TokenType.LBrace) root = ParseObject(lexer);
            else if (first.Type == TokenType.LArray) root = ParseArray(lexer);
            else throw new FormatException("unexpected initial token");
            if (lexer.Next().Type != TokenType.End) throw new FormatException("text after the document");
            return Populate(root, type);
        }

        // ---- tree ----

        private abstract class Node { }

        private sealed class ObjectNode : Node
        {
            public readonly Dictionary<string, Node> Members = new Dictionary<string, Node>();
        }

        private sealed class ArrayNode : Node
        {
            public readonly List<Node> Items = new List<Node>();
        }

        private sealed class ValueNode : Node
        {
            public ValueNode(object value) { Value = value; }
            public object Value { get; }
        }

        private static ObjectNode ParseObject(Lexer lexer)
        {
            var node = new ObjectNode();
            Token token = lexer.Next();
            while (token.Type != TokenType.End && token.Type != TokenType.RBrace)
            {
                if (token.Type != TokenType.String) throw new FormatException("expected a member name");
                string name = (string)token.Value;
                if (lexer.Next().Type != TokenType.Colon) throw new FormatException("expected ':'");
                Node value = ParseValue(lexer, lexer.Next());
                if (node.Members.ContainsKey(name)) throw new ArgumentException("duplicate member " + name);
                node.Members.Add(name, value);
                token = lexer.Next();
                if (token.Type == TokenType.Comma) token = lexer.Next();
            }
            if (token.Type != TokenType.RBrace) throw new FormatException("unterminated object");
            return node;
        }

        private static ArrayNode ParseArray(Lexer lexer)
        {
            var node = new ArrayNode();
            Token token = lexer.Next();
            while (token.Type != TokenType.End && token.Type != TokenType.RArray)
            {
                node.Items.Add(ParseValue(lexer, token));
                token = lexer.Next();
                if (token.Type == TokenType.Comma) token = lexer.Next();
                else if (token.Type != TokenType.RArray) throw new FormatException("badly formed array");
            }
            if (token.Type != TokenType.RArray) throw new FormatException("unterminated array");
            return node;
        }

        private static Node ParseValue(Lexer lexer, Token token)
        {
            switch (token.Type)
            {
                case TokenType.LBrace: return ParseObject(lexer);
                case TokenType.LArray: return ParseArray(lexer);
                case TokenType.String: return new ValueNode(token.Value);
                case TokenType.Date: return new ValueNode(token.Value);
                case TokenType.Number: return new ValueNode(Number((string)token.Value));
                case TokenType.True: return new ValueNode(true);
                case TokenType.False: return new ValueNode(false);
                case TokenType.Null: return new ValueNode(null);
                default: throw new FormatException("invalid value");
            }
        }

        // As JsonConvert.ParseValue: '.', 'e' or 'E' makes a double; else int, long, ulong.
        private static object Number(string text)
        {
            if (text.IndexOfAny(new[] { '.', 'e', 'E' }) >= 0) return double.Parse(text, CultureInfo.InvariantCulture);
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int i)) return i;
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l)) return l;
            return ulong.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        // ---- population (JsonConvert.PopulateObject) ----

        private static object Populate(Node node, Type type)
        {
            if (node is ObjectNode obj)
            {
                if (type == typeof(string)) return "nanoFramework.Json.JsonObject";
                if (IsInteger(type)) return ToInteger("nanoFramework.Json.JsonObject", type);
                ConstructorInfo ctor = type.GetConstructor(Type.EmptyTypes);
                if (ctor == null) throw new FormatException("no parameterless constructor for " + type.Name);
                object instance = ctor.Invoke(null);
                foreach (KeyValuePair<string, Node> member in obj.Members)
                {
                    string name = member.Key.Length > 0 && member.Key[0] == '$' ? "_" + member.Key.Substring(1) : member.Key;
                    Member target = Member.Find(type, name);
                    if (target == null) continue;
                    target.Set(instance, Value(member.Value, target.Type));
                }
                return instance;
            }
            if (node is ArrayNode array && type.IsArray)
            {
                Type element = type.GetElementType();
                Array result = Array.CreateInstance(element, array.Items.Count);
                for (int i = 0; i < array.Items.Count; i++) result.SetValue(Value(array.Items[i], element), i);
                return result;
            }
            throw new FormatException("cannot populate " + type.Name);
        }

        private static object Value(Node node, Type type)
        {
            if (!(node is ValueNode value)) return Populate(node, type);
            object v = value.Value;
            if (type == typeof(string))
            {
                if (v == null) return string.Empty;
                if (v is DateTime date) return date.ToString("MM/dd/yyyy HH:mm:ss", CultureInfo.InvariantCulture);
                if (v is bool b) return b ? "True" : "False";
                return Convert.ToString(v, CultureInfo.InvariantCulture);
            }
            if (IsInteger(type))
            {
                // Convert.ToInt32(value.ToString()): a null value has no ToString.
                if (v == null) throw new NullReferenceException("null for a number");
                string text = v is bool b ? (b ? "True" : "False") : Convert.ToString(v, CultureInfo.InvariantCulture);
                return ToInteger(text, type);
            }
            // A class or array member given a scalar: the converter returns it unchanged; null sets null.
            if (v == null) return null;
            if (!type.IsInstanceOfType(v)) throw new ArgumentException("a " + v.GetType().Name + " for a " + type.Name);
            return v;
        }

        private static bool IsInteger(Type type)
        {
            return type == typeof(int) || type == typeof(long);
        }

        private static object ToInteger(string text, Type type)
        {
            if (type == typeof(int)) return int.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            return long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        /// <summary>A public field, or a property with public get and set (MemberResolver.Get).</summary>
        private sealed class Member
        {
            private FieldInfo _field;
            private PropertyInfo _property;

            public Type Type { get { return _field != null ? _field.FieldType : _property.PropertyType; } }

            public static Member Find(Type type, string name)
            {
                FieldInfo field = type.GetField(name);
                if (field != null) return new Member { _field = field };
                PropertyInfo property = type.GetProperty(name);
                if (property == null || property.GetGetMethod() == null || property.GetSetMethod() == null) return null;
                return new Member { _property = property };
            }

            public void Set(object instance, object value)
            {
                if (_field != null) _field.SetValue(instance, value);
                else _property.SetValue(instance, value);
            }
        }

        // ---- lexer (JsonConvert.GetNextTokenInternal) ----

        private enum TokenType { LBrace, RBrace, LArray, RArray, Colon, Comma, String, Number, Date, True, False, Null, End }

        private readonly struct Token
        {
            public Token(TokenType type, object value = null) { Type = type; Value = value; }
            public TokenType Type { get; }
            public object Value { get; }
        }

        private sealed class Lexer
        {
            private readonly string _text;
            private int _at;

            public Lexer(string text) { _text = text ?? throw new ArgumentNullException(nameof(text)); }

            public Token Next()
            {
                while (_at < _text.Length)
                {
                    char c = _text[_at++];
                    switch (c)
                    {
                        case '{': return new Token(TokenType.LBrace);
                        case '}': return new Token(TokenType.RBrace);
                        case '[': return new Token(TokenType.LArray);
                        case ']': return new Token(TokenType.RArray);
                        case ':': return new Token(TokenType.Colon);
                        case ',': return new Token(TokenType.Comma);
                        case ' ': case '\t': case '\r': case '\n': continue;
                        case '"': case '\'': return Quoted(c);
                    }
                    if (c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9'))
                    {
                        int start = _at - 1;
                        while (_at < _text.Length && IsNumberChar(_text[_at])) _at++;
                        return new Token(TokenType.Number, _text.Substring(start, _at - start));
                    }
                    switch (char.ToLowerInvariant(c))
                    {
                        case 't': Expect("rue"); return new Token(TokenType.True);
                        case 'f': Expect("alse"); return new Token(TokenType.False);
                        case 'n': Expect("ull"); return new Token(TokenType.Null);
                    }
                    throw new FormatException("unexpected character '" + c + "'");
                }
                return new Token(TokenType.End);
            }

            private Token Quoted(char quote)
            {
                var text = new StringBuilder();
                while (true)
                {
                    if (_at >= _text.Length) throw new FormatException("unterminated string");
                    char c = _text[_at++];
                    if (c == quote) break;
                    if (c != '\\')
                    {
                        text.Append(c);
                        continue;
                    }
                    if (_at >= _text.Length) throw new FormatException("unterminated string");
                    char e = _text[_at++];
                    switch (e)
                    {
                        case 't': text.Append('\t'); break;
                        case 'r': text.Append('\r'); break;
                        case 'n': text.Append('\n'); break;
                        case 'b': text.Append('\b'); break;
                        case 'f': text.Append('\f'); break;
                        case '\\': text.Append('\\'); break;
                        case '"': text.Append('"'); break;
                        case 'u': text.Append(Unicode()); break;
                        default: throw new FormatException("unsupported escape \\" + e);
                    }
                }
                string value = text.ToString();
                DateTime date;
                if (LooksLikeDate(value, out date)) return new Token(TokenType.Date, date);
                return new Token(TokenType.String, value);
            }

            // Four characters of the number alphabet, read as hex (what the device's lexer accepts).
            private char Unicode()
            {
                if (_at + 4 > _text.Length) throw new FormatException("bad \\u escape");
                string digits = _text.Substring(_at, 4);
                foreach (char d in digits) if (!IsNumberChar(d)) throw new FormatException("bad \\u escape");
                _at += 4;
                return (char)Convert.ToInt16(digits, 16);
            }

            private void Expect(string rest)
            {
                foreach (char expected in rest)
                {
                    if (_at >= _text.Length || char.ToLowerInvariant(_text[_at++]) != expected) throw new FormatException("bad literal");
                }
            }

            private static bool IsNumberChar(char c)
            {
                return c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' || (c >= '0' && c <= '9');
            }
        }

        // TimeExtensions.ConvertFromString: 18 characters or more, then nanoCLR's
        // Convert.NativeToDateTime, which tries these strptime patterns as prefixes.
        private static readonly string[] DatePrefixes =
        {
            "yyyy-MM-dd HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss", "ddd, dd MMM yyyy HH:mm:ss",
        };

        private static bool LooksLikeDate(string text, out DateTime date)
        {
            date = default;
            if (text.Length < 18) return false;
            foreach (string pattern in DatePrefixes)
            {
                for (int length = text.Length; length >= 18; length--)
                {
                    if (DateTime.TryParseExact(text.Substring(0, length), pattern, CultureInfo.InvariantCulture,
                        DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out date)) return true;
                }
            }
            return false;
        }
    }
}

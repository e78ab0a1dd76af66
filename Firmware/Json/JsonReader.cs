namespace PosTerminal.Firmware.Json
{
    /// <summary>
    /// A strict JSON reader in portable code, for every document that comes from outside
    /// (restore lines, fleet commands). Strict where the device's nanoFramework.Json is
    /// lenient: a duplicate member name, a fraction or exponent, a number out of range, a
    /// control character in a string, trailing text, or nesting deeper than MaxDepth is an
    /// error, never a guess. Errors say where: "at 17: expected ':'".
    ///
    /// Cost: it walks a char[] copy of the text, because on nanoCLR strings are UTF-8 and
    /// text[i] walks from the start (a per-character loop over the string would be O(n²)).
    /// </summary>
    public static class JsonReader
    {
        public const int MaxDepth = 8;

        /// <summary>The document, or null with error set.</summary>
        public static JsonNode Parse(string text, out string error)
        {
            error = null;
            if (text == null)
            {
                error = "at 0: no document";
                return null;
            }
            Cursor cursor = new Cursor(text.ToCharArray());
            JsonNode root = cursor.Value(0);
            if (root != null)
            {
                cursor.SkipSpace();
                if (!cursor.AtEnd) cursor.Fail("text after the document");
            }
            if (cursor.Error != null)
            {
                error = cursor.Error;
                return null;
            }
            return root;
        }

        private sealed class Cursor
        {
            private readonly char[] _text;
            private int _at;

            public Cursor(char[] text)
            {
                _text = text;
            }

            public string Error { get; private set; }

            public bool AtEnd { get { return _at >= _text.Length; } }

            public JsonNode Fail(string what)
            {
                if (Error == null) Error = "at " + _at.ToString() + ": " + what;
                return null;
            }

            public void SkipSpace()
            {
                while (_at < _text.Length)
                {
                    char c = _text[_at];
                    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
                    _at++;
                }
            }

            public JsonNode Value(int depth)
            {
                SkipSpace();
                if (AtEnd) return Fail("expected a value");
                char c = _text[_at];
                if (c == '{') return depth < MaxDepth ? Object(depth + 1) : Fail("nested deeper than " + MaxDepth.ToString());
                if (c == '[') return depth < MaxDepth ? Array(depth + 1) : Fail("nested deeper than " + MaxDepth.ToString());
                if (c == '"')
                {
                    string s = String();
                    return s == null ? null : JsonNode.NewString(s);
                }
                if (c == '-' || (c >= '0' && c <= '9')) return Number();
                if (Word("true")) return JsonNode.NewBool(true);
                if (Word("false")) return JsonNode.NewBool(false);
                if (Word("null")) return JsonNode.NewNull();
                return Fail("expected a value");
            }

            private JsonNode Object(int depth)
            {
                JsonNode node = JsonNode.NewObject();
                _at++;
                SkipSpace();
                if (!AtEnd && _text[_at] == '}')
                {
                    _at++;
                    return node;
                }
                while (true)
                {
                    SkipSpace();
                    if (AtEnd || _text[_at] != '"') return Fail("expected a member name");
                    int nameAt = _at;
                    string name = String();
                    if (name == null) return null;
                    SkipSpace();
                    if (AtEnd || _text[_at] != ':') return Fail("expected ':'");
                    _at++;
                    JsonNode value = Value(depth);
                    if (value == null) return null;
                    if (!node.AddMember(name, value))
                    {
                        _at = nameAt;
                        return Fail("duplicate member '" + name + "'");
                    }
                    SkipSpace();
                    if (AtEnd) return Fail("expected ',' or '}'");
                    char c = _text[_at++];
                    if (c == '}') return node;
                    if (c != ',')
                    {
                        _at--;
                        return Fail("expected ',' or '}'");
                    }
                }
            }

            private JsonNode Array(int depth)
            {
                JsonNode node = JsonNode.NewArray();
                _at++;
                SkipSpace();
                if (!AtEnd && _text[_at] == ']')
                {
                    _at++;
                    return node;
                }
                while (true)
                {
                    JsonNode item = Value(depth);
                    if (item == null) return null;
                    node.AddItem(item);
                    SkipSpace();
                    if (AtEnd) return Fail("expected ',' or ']'");
                    char c = _text[_at++];
                    if (c == ']') return node;
                    if (c != ',')
                    {
                        _at--;
                        return Fail("expected ',' or ']'");
                    }
                }
            }

            /// <summary>An integer: optional minus, no leading zeros, within a long; no fraction or exponent.</summary>
            private JsonNode Number()
            {
                bool negative = _text[_at] == '-';
                if (negative) _at++;
                if (AtEnd || _text[_at] < '0' || _text[_at] > '9') return Fail("expected a digit");
                if (_text[_at] == '0' && _at + 1 < _text.Length && _text[_at + 1] >= '0' && _text[_at + 1] <= '9')
                {
                    return Fail("leading zero");
                }
                long value = 0;
                while (!AtEnd && _text[_at] >= '0' && _text[_at] <= '9')
                {
                    int digit = _text[_at] - '0';
                    // Accumulate negatively: long.MinValue has no positive twin.
                    if (value < (long.MinValue + digit) / 10) return Fail("number out of range");
                    value = value * 10 - digit;
                    _at++;
                }
                if (!AtEnd && (_text[_at] == '.' || _text[_at] == 'e' || _text[_at] == 'E'))
                {
                    return Fail("numbers must be whole (no fraction or exponent)");
                }
                if (!negative)
                {
                    if (value == long.MinValue) return Fail("number out of range");
                    value = -value;
                }
                return JsonNode.NewInteger(value);
            }

            /// <summary>A string at the cursor (which is on its opening quote); null after Fail.</summary>
            private string String()
            {
                _at++;
                int start = _at;
                // Fast path: no escapes.
                while (_at < _text.Length && _text[_at] != '"' && _text[_at] != '\\' && _text[_at] >= ' ') _at++;
                if (_at < _text.Length && _text[_at] == '"')
                {
                    string plain = new string(_text, start, _at - start);
                    _at++;
                    return plain;
                }
                char[] buffer = new char[_text.Length - start];
                int n = 0;
                for (int i = start; i < _at; i++) buffer[n++] = _text[i];
                while (true)
                {
                    if (AtEnd)
                    {
                        Fail("unterminated string");
                        return null;
                    }
                    char c = _text[_at++];
                    if (c == '"') return new string(buffer, 0, n);
                    if (c < ' ')
                    {
                        _at--;
                        Fail("control character in a string");
                        return null;
                    }
                    if (c != '\\')
                    {
                        buffer[n++] = c;
                        continue;
                    }
                    if (AtEnd)
                    {
                        Fail("unterminated string");
                        return null;
                    }
                    int escapeAt = _at - 1;
                    char e = _text[_at++];
                    switch (e)
                    {
                        case '"': buffer[n++] = '"'; break;
                        case '\\': buffer[n++] = '\\'; break;
                        case '/': buffer[n++] = '/'; break;
                        case 'b': buffer[n++] = '\b'; break;
                        case 'f': buffer[n++] = '\f'; break;
                        case 'n': buffer[n++] = '\n'; break;
                        case 'r': buffer[n++] = '\r'; break;
                        case 't': buffer[n++] = '\t'; break;
                        case 'u':
                            int code = Hex4();
                            if (code < 0)
                            {
                                _at = escapeAt;
                                Fail("bad \\u escape");
                                return null;
                            }
                            buffer[n++] = (char)code;
                            break;
                        default:
                            _at--;
                            Fail("bad escape");
                            return null;
                    }
                }
            }

            private int Hex4()
            {
                if (_at + 4 > _text.Length) return -1;
                int code = 0;
                for (int i = 0; i < 4; i++)
                {
                    char c = _text[_at++];
                    int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
                    if (v < 0) return -1;
                    code = code * 16 + v;
                }
                return code;
            }

            private bool Word(string word)
            {
                if (_at + word.Length > _text.Length) return false;
                for (int i = 0; i < word.Length; i++)
                {
                    if (_text[_at + i] != word[i]) return false;
                }
                // "trueish" is not true.
                int end = _at + word.Length;
                if (end < _text.Length && _text[end] >= 'a' && _text[end] <= 'z') return false;
                _at = end;
                return true;
            }
        }
    }
}

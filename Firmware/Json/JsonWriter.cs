namespace PosTerminal.Firmware.Json
{
    /// <summary>
    /// Writes one JSON document into a growing char buffer (nanoFramework's mscorlib has no
    /// StringBuilder; concatenating in a loop would copy the whole text each time). Commas are
    /// placed for the caller. Names and strings are escaped; non-ASCII stays as it is.
    /// </summary>
    public sealed class JsonWriter
    {
        private const int MaxDepth = JsonReader.MaxDepth;
        private readonly bool[] _first = new bool[MaxDepth + 1];
        private char[] _chars;
        private int _length;
        private int _depth;
        private bool _afterName;

        public JsonWriter() : this(128)
        {
        }

        public JsonWriter(int capacity)
        {
            _chars = new char[capacity];
        }

        public int Length { get { return _length; } }

        public JsonWriter BeginObject() { return Open('{'); }

        public JsonWriter EndObject() { return Close('}'); }

        public JsonWriter BeginArray() { return Open('['); }

        public JsonWriter EndArray() { return Close(']'); }

        public JsonWriter Name(string name)
        {
            Separate();
            Quoted(name);
            Append(':');
            _afterName = true;
            return this;
        }

        public JsonWriter String(string value)
        {
            Separate();
            if (value == null) Append("null");
            else Quoted(value);
            return this;
        }

        public JsonWriter Integer(long value)
        {
            Separate();
            Append(value.ToString());
            return this;
        }

        public JsonWriter Bool(bool value)
        {
            Separate();
            Append(value ? "true" : "false");
            return this;
        }

        public JsonWriter Null()
        {
            Separate();
            Append("null");
            return this;
        }

        /// <summary>Name and value in one call.</summary>
        public JsonWriter Member(string name, string value) { return Name(name).String(value); }

        public JsonWriter Member(string name, long value) { return Name(name).Integer(value); }

        public JsonWriter Member(string name, bool value) { return Name(name).Bool(value); }

        public override string ToString()
        {
            return new string(_chars, 0, _length);
        }

        /// <summary>Starts again with an empty document, keeping the buffer.</summary>
        public void Reset()
        {
            _length = 0;
            _depth = 0;
            _afterName = false;
        }

        private JsonWriter Open(char c)
        {
            Separate();
            if (_depth == MaxDepth) throw new System.InvalidOperationException("JSON nested deeper than " + MaxDepth);
            Append(c);
            _depth++;
            _first[_depth] = true;
            return this;
        }

        private JsonWriter Close(char c)
        {
            if (_depth == 0) throw new System.InvalidOperationException("nothing to close");
            _depth--;
            Append(c);
            return this;
        }

        // A comma before every value but the first of its container, none after a name.
        private void Separate()
        {
            if (_afterName)
            {
                _afterName = false;
                return;
            }
            if (_depth == 0) return;
            if (_first[_depth]) _first[_depth] = false;
            else Append(',');
        }

        private void Quoted(string s)
        {
            Append('"');
            char[] chars = s.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                char c = chars[i];
                if (c == '"') Append("\\\"");
                else if (c == '\\') Append("\\\\");
                else if (c == '\n') Append("\\n");
                else if (c == '\r') Append("\\r");
                else if (c == '\t') Append("\\t");
                else if (c < ' ') Append("\\u00" + Hex(c >> 4) + Hex(c & 15));
                else Append(c);
            }
            Append('"');
        }

        private static string Hex(int v)
        {
            return ((char)(v < 10 ? '0' + v : 'a' + v - 10)).ToString();
        }

        private void Append(string s)
        {
            for (int i = 0; i < s.Length; i++) Append(s[i]);
        }

        private void Append(char c)
        {
            if (_length == _chars.Length)
            {
                char[] bigger = new char[_chars.Length * 2];
                System.Array.Copy(_chars, bigger, _length);
                _chars = bigger;
            }
            _chars[_length++] = c;
        }
    }
}

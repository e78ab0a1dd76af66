using System.Collections;

namespace PosTerminal.Firmware.Json
{
    public enum JsonKind
    {
        Null,
        Bool,
        /// <summary>A whole number: this JSON has no fractions or exponents (JsonReader refuses them).</summary>
        Integer,
        String,
        Array,
        Object
    }

    /// <summary>
    /// One value of a parsed document (JsonReader). Objects keep their members in document
    /// order; a name occurs once (the reader refuses duplicates).
    /// </summary>
    public sealed class JsonNode
    {
        private readonly ArrayList _names;
        private readonly ArrayList _items;

        private JsonNode(JsonKind kind)
        {
            Kind = kind;
            if (kind == JsonKind.Object) _names = new ArrayList();
            if (kind == JsonKind.Object || kind == JsonKind.Array) _items = new ArrayList();
        }

        public JsonKind Kind { get; private set; }

        public bool Bool { get; private set; }

        public long Integer { get; private set; }

        /// <summary>The text of a String; null for every other kind.</summary>
        public string String { get; private set; }

        /// <summary>Members of an object, items of an array, else 0.</summary>
        public int Count { get { return _items == null ? 0 : _items.Count; } }

        /// <summary>The i-th member's name (objects only).</summary>
        public string NameAt(int i) { return (string)_names[i]; }

        /// <summary>The i-th member's value or array item.</summary>
        public JsonNode At(int i) { return (JsonNode)_items[i]; }

        /// <summary>The member called name, or null when there is none (or this is not an object).</summary>
        public JsonNode Get(string name)
        {
            if (_names == null) return null;
            for (int i = 0; i < _names.Count; i++)
            {
                if ((string)_names[i] == name) return (JsonNode)_items[i];
            }
            return null;
        }

        /// <summary>The first member whose name is not in allowed, or null when every one is.</summary>
        public string UnknownMember(string[] allowed)
        {
            if (_names == null) return null;
            for (int i = 0; i < _names.Count; i++)
            {
                string name = (string)_names[i];
                bool known = false;
                for (int j = 0; j < allowed.Length && !known; j++) known = allowed[j] == name;
                if (!known) return name;
            }
            return null;
        }

        internal static JsonNode NewNull() { return new JsonNode(JsonKind.Null); }

        internal static JsonNode NewBool(bool value)
        {
            JsonNode node = new JsonNode(JsonKind.Bool);
            node.Bool = value;
            return node;
        }

        internal static JsonNode NewInteger(long value)
        {
            JsonNode node = new JsonNode(JsonKind.Integer);
            node.Integer = value;
            return node;
        }

        internal static JsonNode NewString(string value)
        {
            JsonNode node = new JsonNode(JsonKind.String);
            node.String = value;
            return node;
        }

        internal static JsonNode NewArray() { return new JsonNode(JsonKind.Array); }

        internal static JsonNode NewObject() { return new JsonNode(JsonKind.Object); }

        /// <summary>False (adding nothing) when the object already has a member called name.</summary>
        internal bool AddMember(string name, JsonNode value)
        {
            if (Get(name) != null) return false;
            _names.Add(name);
            _items.Add(value);
            return true;
        }

        internal void AddItem(JsonNode value)
        {
            _items.Add(value);
        }
    }
}

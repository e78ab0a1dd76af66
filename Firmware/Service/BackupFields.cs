using System.Collections;
using PosTerminal.Firmware.Json;

namespace PosTerminal.Firmware.Service
{
    /// <summary>
    /// Reads the members of one JSON object of a backup line, strictly, collecting one
    /// problem per bad field named by its path ("Bindings[2].MerchantNo: must be 15 digits"):
    /// a member not in the allowed list, a missing one, a wrong JSON type, a value out of range.
    /// Nothing is converted or guessed (nanoFramework.Json would turn 5 into "5" and skip
    /// unknown members; this does neither).
    /// </summary>
    internal sealed class BackupFields
    {
        private readonly JsonNode _node;
        private readonly string _path;
        private readonly ArrayList _problems;

        /// <summary>allowed: every member the object may have; each other one is a problem.</summary>
        public BackupFields(JsonNode node, string path, string[] allowed, ArrayList problems)
        {
            _path = path;
            _problems = problems;
            if (node == null || node.Kind != JsonKind.Object)
            {
                problems.Add(path + ": must be an object");
                return;
            }
            _node = node;
            for (int i = 0; i < node.Count; i++)
            {
                string name = node.NameAt(i);
                if (!Contains(allowed, name)) problems.Add(path + "." + Printable(name) + ": unknown member");
            }
        }

        /// <summary>False when the value was not an object (already a problem).</summary>
        public bool IsObject { get { return _node != null; } }

        public bool Has(string name)
        {
            return _node != null && _node.Get(name) != null;
        }

        /// <summary>A required string member; null (after adding the problem) when missing or not a string.</summary>
        public string Text(string name)
        {
            JsonNode value = Value(name);
            if (value == null) return null;
            if (value.Kind != JsonKind.String)
            {
                Problem(name, "must be a string");
                return null;
            }
            return value.String;
        }

        /// <summary>A required whole number; false (after adding the problem) when missing or not one.</summary>
        public bool Integer(string name, out long value)
        {
            value = -1;
            JsonNode node = Value(name);
            if (node == null) return false;
            if (node.Kind != JsonKind.Integer)
            {
                Problem(name, "must be a whole number");
                return false;
            }
            value = node.Integer;
            return true;
        }

        /// <summary>A required whole number in [min, max] (min ≥ 0); -1 (after adding the problem) when it is not.</summary>
        public long Number(string name, long min, long max)
        {
            long value;
            if (!Integer(name, out value)) return -1;
            if (value < min || value > max)
            {
                Problem(name, "must be " + min.ToString() + "-" + max.ToString() + " (got " + value.ToString() + ")");
                return -1;
            }
            return value;
        }

        /// <summary>Adds "Path.name: what".</summary>
        public void Problem(string name, string what)
        {
            _problems.Add(_path + "." + name + ": " + what);
        }

        /// <summary>A member name as it may appear in a message: printable ASCII, at most 24 characters.</summary>
        public static string Printable(string name)
        {
            char[] chars = name.ToCharArray();
            int n = chars.Length < 24 ? chars.Length : 24;
            char[] shown = new char[n];
            for (int i = 0; i < n; i++) shown[i] = chars[i] >= ' ' && chars[i] <= '~' ? chars[i] : '?';
            return new string(shown);
        }

        private JsonNode Value(string name)
        {
            if (_node == null) return null;
            JsonNode value = _node.Get(name);
            if (value == null) Problem(name, "missing");
            return value;
        }

        private static bool Contains(string[] names, string name)
        {
            for (int i = 0; i < names.Length; i++)
            {
                if (names[i] == name) return true;
            }
            return false;
        }
    }

    /// <summary>The shapes of backup values, each walking a char array (on nanoCLR s[i] walks the UTF-8 string from its start).</summary>
    internal static class BackupShapes
    {
        /// <summary>A terminal id: 1-16 of A-Z, 0-9 and '-'.</summary>
        public static bool IsTerminalId(string text)
        {
            if (text == null) return false;
            char[] c = text.ToCharArray();
            if (c.Length < 1 || c.Length > 16) return false;
            for (int i = 0; i < c.Length; i++)
            {
                bool ok = (c[i] >= 'A' && c[i] <= 'Z') || (c[i] >= '0' && c[i] <= '9') || c[i] == '-';
                if (!ok) return false;
            }
            return true;
        }

        public static bool IsDigits(string text, int min, int max)
        {
            if (text == null) return false;
            char[] c = text.ToCharArray();
            if (c.Length < min || c.Length > max) return false;
            for (int i = 0; i < c.Length; i++)
            {
                if (c[i] < '0' || c[i] > '9') return false;
            }
            return true;
        }

        /// <summary>"6222********1234": 16–19 characters, 4 digits, only '*' between, 4 digits.</summary>
        public static bool IsCardMask(string mask)
        {
            if (mask == null) return false;
            char[] c = mask.ToCharArray();
            if (c.Length < 16 || c.Length > 19) return false;
            for (int i = 0; i < c.Length; i++)
            {
                bool edge = i < 4 || i >= c.Length - 4;
                if (edge ? (c[i] < '0' || c[i] > '9') : c[i] != '*') return false;
            }
            return true;
        }

        /// <summary>Printable ASCII (space to '~'), min..max characters.</summary>
        public static bool IsPrintable(string text, int min, int max)
        {
            if (text == null) return false;
            char[] c = text.ToCharArray();
            if (c.Length < min || c.Length > max) return false;
            for (int i = 0; i < c.Length; i++)
            {
                if (c[i] < ' ' || c[i] > '~') return false;
            }
            return true;
        }

        /// <summary>Exactly length lower-case hex digits.</summary>
        public static bool IsHex(string text, int length)
        {
            if (text == null) return false;
            char[] c = text.ToCharArray();
            if (c.Length != length) return false;
            for (int i = 0; i < c.Length; i++)
            {
                if (!((c[i] >= '0' && c[i] <= '9') || (c[i] >= 'a' && c[i] <= 'f'))) return false;
            }
            return true;
        }
    }
}

using PosTerminal.Firmware.Json;

namespace PosTerminal.Firmware.Fleet
{
    /// <summary>
    /// One command on pos/ID/cmd (docs/fleet.md):
    /// {"v":1,"id":"c-1","seq":42,"exp":1795000000,"op":"lock","arg":"reported stolen","mac":"64 hex"}.
    ///
    /// The MAC is HMAC-SHA256 under the terminal's fleet key over Canonical(terminal id, id,
    /// seq, exp, op, arg): the terminal id is inside, so a command for one terminal is
    /// worthless at another even where keys were shared by mistake. Every field but arg is
    /// from a closed alphabet and arg comes last, so the canonical form is unambiguous.
    /// </summary>
    public sealed class FleetCommand
    {
        public const int MaxPayloadBytes = 1024;
        public const int MaxIdLength = 40;
        public const int MaxArgLength = 64;
        public const int MacBytes = 32;

        public const string Status = "status";
        public const string Lock = "lock";
        public const string Unlock = "unlock";
        public const string Pause = "pause";
        public const string Reactivate = "reactivate";
        public const string SetMerchantName = "set-merchant-name";

        private static readonly string[] Members = new string[] { "v", "id", "seq", "exp", "op", "arg", "mac" };

        public string Id { get; private set; }
        public long Sequence { get; private set; }

        /// <summary>Unix seconds (UTC) after which the command must not run.</summary>
        public long Expires { get; private set; }

        public string Op { get; private set; }

        /// <summary>The reason of lock, the name of set-merchant-name; "" otherwise.</summary>
        public string Arg { get; private set; }

        public byte[] Mac { get; private set; }

        public static bool IsKnownOp(string op)
        {
            return op == Status || op == Lock || op == Unlock || op == Pause || op == Reactivate || op == SetMerchantName;
        }

        /// <summary>The bytes the MAC covers.</summary>
        public static byte[] Canonical(string terminalId, string id, long sequence, long expires, string op, string arg)
        {
            return Utf8.Encode("pos-cmd/1\n" + terminalId + "\n" + id + "\n" + sequence.ToString() + "\n"
                + expires.ToString() + "\n" + op + "\n" + arg);
        }

        /// <summary>
        /// The command in payload, or null with problem set ("at 12: expected ':'", "seq must be
        /// 1 or more"...). Strict: unknown members, wrong types and out-of-range values are errors.
        /// The id is returned even for a bad command when it could be read, so the ack can name it.
        /// </summary>
        public static FleetCommand Parse(byte[] payload, out string id, out string problem)
        {
            id = null;
            problem = null;
            if (payload == null || payload.Length == 0 || payload.Length > MaxPayloadBytes)
            {
                problem = "payload must be 1-" + MaxPayloadBytes.ToString() + " bytes";
                return null;
            }
            string text = Utf8.Decode(payload);
            if (text == null)
            {
                problem = "payload is not UTF-8";
                return null;
            }
            string error;
            JsonNode root = JsonReader.Parse(text, out error);
            if (root == null)
            {
                problem = error;
                return null;
            }
            if (root.Kind != JsonKind.Object)
            {
                problem = "a command is a JSON object";
                return null;
            }
            JsonNode idNode = root.Get("id");
            if (idNode != null && idNode.Kind == JsonKind.String && IsToken(idNode.String, MaxIdLength)) id = idNode.String;
            string unknown = root.UnknownMember(Members);
            if (unknown != null)
            {
                problem = "unknown member '" + Printable(unknown) + "'";
                return null;
            }
            JsonNode v = root.Get("v");
            if (v == null || v.Kind != JsonKind.Integer || v.Integer != 1)
            {
                problem = "v must be 1";
                return null;
            }
            if (id == null)
            {
                problem = "id must be 1-" + MaxIdLength.ToString() + " of A-Z a-z 0-9 - _ . :";
                return null;
            }
            long seq;
            if (!Integer(root, "seq", 1, out seq, out problem)) return null;
            long exp;
            if (!Integer(root, "exp", 1, out exp, out problem)) return null;
            JsonNode op = root.Get("op");
            if (op == null || op.Kind != JsonKind.String || !IsToken(op.String, 24))
            {
                problem = "op must be a command name";
                return null;
            }
            string arg = string.Empty;
            JsonNode argNode = root.Get("arg");
            if (argNode != null)
            {
                if (argNode.Kind != JsonKind.String || argNode.String.Length > MaxArgLength || HasControl(argNode.String))
                {
                    problem = "arg must be a text of at most " + MaxArgLength.ToString() + " characters, no control characters";
                    return null;
                }
                arg = argNode.String;
            }
            JsonNode mac = root.Get("mac");
            byte[] macBytes = mac != null && mac.Kind == JsonKind.String ? FleetHex.Parse(mac.String, MacBytes) : null;
            if (macBytes == null)
            {
                problem = "mac must be 64 hex digits";
                return null;
            }
            FleetCommand command = new FleetCommand();
            command.Id = id;
            command.Sequence = seq;
            command.Expires = exp;
            command.Op = op.String;
            command.Arg = arg;
            command.Mac = macBytes;
            return command;
        }

        private static bool Integer(JsonNode root, string name, long min, out long value, out string problem)
        {
            value = 0;
            problem = null;
            JsonNode node = root.Get(name);
            // Up to 2^53: the largest whole number every JSON reader on the fleet side keeps exactly.
            if (node == null || node.Kind != JsonKind.Integer || node.Integer < min || node.Integer > 9007199254740991)
            {
                problem = name + " must be a whole number from " + min.ToString() + " to 2^53-1";
                return false;
            }
            value = node.Integer;
            return true;
        }

        /// <summary>1..max characters of A-Z a-z 0-9 - _ . : (ids and command names).</summary>
        public static bool IsToken(string text, int max)
        {
            if (text == null || text.Length == 0 || text.Length > max) return false;
            char[] chars = text.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                char c = chars[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == ':';
                if (!ok) return false;
            }
            return true;
        }

        private static bool HasControl(string text)
        {
            char[] chars = text.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                if (chars[i] < ' ' || chars[i] == (char)0x7F) return true;
            }
            return false;
        }

        private static string Printable(string text)
        {
            return Security.AsciiText.Clean(text, 24);
        }
    }
}

using PosTerminal.Firmware.Fleet;
using PosTerminal.Firmware.Storage;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Lifecycle
{
    /// <summary>
    /// The merchant's name for the idle screen (set-merchant-name from the fleet): 1-16 LCD
    /// cells (a 中文 character takes two, and must be one the firmware's GB2312 table encodes),
    /// printable, no control characters. "" clears it.
    /// Who may set it, and its audit entry, are the command layer's (TerminalCommands.SetMerchantName).
    /// Record MerchantName: version (1) = 1, then the name in UTF-8. Unreadable = no name.
    /// </summary>
    public sealed class MerchantName
    {
        public const int MaxCells = 16;
        private const byte Version = 1;

        private string _staged = string.Empty;

        public MerchantName(IRecordStore store)
        {
            Name = Load(store);
        }

        /// <summary>"" when none is set.</summary>
        public string Name { get; private set; }

        /// <summary>Null when name may be shown, else why not.</summary>
        public static string Check(string name)
        {
            if (name == null) return "no name";
            char[] chars = name.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                char c = chars[i];
                if (c < ' ' || c == (char)0x7F || (c >= 0x80 && c < 0xA0)) return "control characters are not allowed";
                if (c > '~' && !TextCells.IsWide(c)) return "only ASCII and 中文 characters fit the LCD";
                int code;
                // The LCD's ROM draws any GB2312 character, but the firmware encodes only those in its
                // generated table (Hal/Display/Gb2312Table.cs): a name must use those.
                if (TextCells.IsWide(c) && !Hal.Display.Gb2312Table.TryEncode(c, out code)) return "a character the terminal cannot draw";
            }
            if (TextCells.Width(name) > MaxCells) return "at most " + MaxCells.ToString() + " LCD cells (a 中文 character takes 2)";
            return null;
        }

        /// <summary>Puts name (checked with Check first) into batch; the command layer commits it with its audit entry and event, then Committed.</summary>
        public void Stage(RecordBatch batch, string name)
        {
            if (name.Length == 0) batch.Delete(RecordKeys.MerchantName);
            else batch.Write(RecordKeys.MerchantName, Record(name));
            _staged = name;
        }

        /// <summary>The batch holding the staged name was committed: it is shown.</summary>
        public void Committed()
        {
            Name = _staged;
        }

        private static byte[] Record(string name)
        {
            byte[] text = Utf8.Encode(name);
            byte[] record = new byte[1 + text.Length];
            record[0] = Version;
            System.Array.Copy(text, 0, record, 1, text.Length);
            return record;
        }

        private static string Load(IRecordStore store)
        {
            byte[] record = store.Read(RecordKeys.MerchantName);
            if (record == null || record.Length < 2 || record[0] != Version) return string.Empty;
            byte[] text = new byte[record.Length - 1];
            System.Array.Copy(record, 1, text, 0, text.Length);
            string name = Utf8.Decode(text);
            return name != null && Check(name) == null ? name : string.Empty;
        }
    }
}

using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Storage;

namespace PosTerminal.Firmware.Audit
{
    /// <summary>
    /// The last exception a main-loop pass caught, kept for the console's status (issue 9,
    /// item 9). Record LastFault: version (1) = 1, boot (u32), uptime s (u32), faults in that
    /// boot (u16, saturating), type (length + ASCII, ≤ 24), message (length + ASCII, ≤ 40).
    /// </summary>
    public sealed class LastFault
    {
        public const int MaxType = 24;
        public const int MaxMessage = 40;
        private const byte Version = 1;

        public LastFault(uint boot, uint uptimeSeconds, int count, string type, string message)
        {
            Boot = boot;
            UptimeSeconds = uptimeSeconds;
            Count = count < 0 ? 0 : (count > 0xFFFF ? 0xFFFF : count);
            Type = AsciiText.Clean(type, MaxType);
            Message = AsciiText.Clean(message, MaxMessage);
        }

        public uint Boot { get; private set; }
        public uint UptimeSeconds { get; private set; }
        public int Count { get; private set; }
        public string Type { get; private set; }
        public string Message { get; private set; }

        /// <summary>"last fault: boot 3 +62 s, 2 this boot: IOException: flash read failed".</summary>
        public string ConsoleLine()
        {
            return "last fault: boot " + Boot.ToString() + " +" + UptimeSeconds.ToString() + " s, " + Count.ToString()
                + " that boot: " + Type + (Message.Length > 0 ? ": " + Message : "");
        }

        public byte[] Encode()
        {
            byte[] record = new byte[1 + 4 + 4 + 2 + 1 + Type.Length + 1 + Message.Length];
            record[0] = Version;
            LittleEndian.PutU32(record, 1, Boot);
            LittleEndian.PutU32(record, 5, UptimeSeconds);
            LittleEndian.PutU16(record, 9, Count);
            int p = 11 + AsciiText.Put(record, 11, Type);
            AsciiText.Put(record, p, Message);
            return record;
        }

        /// <summary>The fault a record holds, or null when absent or malformed.</summary>
        public static LastFault Decode(byte[] record)
        {
            if (record == null || record.Length < 13 || record[0] != Version) return null;
            string type = AsciiText.Get(record, 11);
            if (type == null) return null;
            int p = 12 + type.Length;
            string message = AsciiText.Get(record, p);
            if (message == null || record.Length != p + 1 + message.Length) return null;
            return new LastFault(LittleEndian.GetU32(record, 1), LittleEndian.GetU32(record, 5),
                LittleEndian.GetU16(record, 9), type, message);
        }

        public static LastFault Read(IRecordStore store)
        {
            return Decode(store.Read(RecordKeys.LastFault));
        }
    }
}

using PosTerminal.Firmware.Security;

namespace PosTerminal.Firmware.Audit
{
    /// <summary>
    /// One audit entry: sequence number, event, outcome, time and a short detail (never a
    /// secret: binding ids masked, no passwords or codes).
    ///
    /// Time: Unix seconds when the wall clock was known; always also the boot number and the
    /// seconds since that power-on, which order entries even without a clock.
    ///
    /// Sequence numbers are one series over both rings (AuditLog); RingIndex counts the entries
    /// its own ring has taken (1, 2, ...), so the ring knows how many it has overwritten.
    /// Repeats: how many more times the same event and outcome came right after it
    /// (AuditNames.Coalesces); the detail and time are the latest one's.
    ///
    /// Record v2 (31 + detail bytes): version (1) = 2, sequence (u32), ring index (u32),
    /// event (1), outcome (1), flags (1; bit 0 = wall clock known), Unix seconds (i64),
    /// boot (u32), uptime s (u32), entries dropped just before this one (1, saturating),
    /// repeats (1, saturating), detail (length byte + ASCII, ≤ 20).
    /// Record v1 (26 + detail, the first ring): as v2 without ring index and repeats; it reads
    /// with ring index = sequence (v1 slots were sequence mod 32) and no repeats.
    /// </summary>
    public sealed class AuditEntry
    {
        public const int MaxDetail = 20;
        private const byte Version = 2;
        private const int FixedLength = 31;
        private const int V1FixedLength = 26;

        public AuditEntry(uint sequence, AuditEvent auditEvent, AuditOutcome outcome, bool wallClockKnown,
            long unixSeconds, uint bootCount, uint uptimeSeconds, int droppedBefore, string detail)
            : this(sequence, sequence, auditEvent, outcome, wallClockKnown, unixSeconds, bootCount, uptimeSeconds,
                droppedBefore, 0, detail)
        {
        }

        public AuditEntry(uint sequence, uint ringIndex, AuditEvent auditEvent, AuditOutcome outcome, bool wallClockKnown,
            long unixSeconds, uint bootCount, uint uptimeSeconds, int droppedBefore, int repeats, string detail)
        {
            Sequence = sequence;
            RingIndex = ringIndex;
            Event = auditEvent;
            Outcome = outcome;
            WallClockKnown = wallClockKnown;
            UnixSeconds = wallClockKnown ? unixSeconds : 0;
            BootCount = bootCount;
            UptimeSeconds = uptimeSeconds;
            DroppedBefore = Saturate(droppedBefore);
            Repeats = Saturate(repeats);
            Detail = AsciiText.Clean(detail, MaxDetail);
        }

        public uint Sequence { get; private set; }
        public uint RingIndex { get; private set; }
        public AuditEvent Event { get; private set; }
        public AuditOutcome Outcome { get; private set; }
        public bool WallClockKnown { get; private set; }
        public long UnixSeconds { get; private set; }
        public uint BootCount { get; private set; }
        public uint UptimeSeconds { get; private set; }
        public int DroppedBefore { get; private set; }
        public int Repeats { get; private set; }
        public string Detail { get; private set; }

        /// <summary>True when it sits in the security ring (AuditNames.IsSecurity).</summary>
        public bool IsSecurity { get { return AuditNames.IsSecurity(Event, Outcome); } }

        /// <summary>"2026-11-25T10:00:00Z", or "boot 7 +0:01:23" when the clock was unknown.</summary>
        public string TimeText()
        {
            if (WallClockKnown) return UtcTime.Format(UnixSeconds);
            return "boot " + BootCount.ToString() + " +" + Uptime();
        }

        /// <summary>The console's line: "#12 2026-11-25T10:00:00Z login-failure failed try 3 (x4)".</summary>
        public string ConsoleLine()
        {
            string line = "#" + Sequence.ToString() + " " + TimeText() + " " + AuditNames.Event(Event)
                + " " + AuditNames.Outcome(Outcome);
            if (Detail.Length > 0) line += " " + Detail;
            if (Repeats > 0) line += " (x" + (Repeats + 1).ToString() + ")";
            if (DroppedBefore > 0) line += " (" + DroppedBefore.ToString() + " dropped before)";
            return line;
        }

        /// <summary>LCD line 1 (≤ 16 cells): "11-25 10:00" or "B7 +0:01:23".</summary>
        public string ShortTime()
        {
            if (WallClockKnown) return UtcTime.FormatShort(UnixSeconds);
            string text = "B" + BootCount.ToString() + " +" + Uptime();
            return text.Length <= 16 ? text : text.Substring(0, 16);
        }

        /// <summary>LCD line 2 (≤ 16 cells): "login-bad fail". The UI may translate Event instead.</summary>
        public string ShortText()
        {
            return AuditNames.ShortEvent(Event) + " " + AuditNames.ShortOutcome(Outcome);
        }

        /// <summary>This entry once more: the same sequence and slot, one more repeat, the newer time and detail.</summary>
        internal AuditEntry Repeated(bool wallClockKnown, long unixSeconds, uint bootCount, uint uptimeSeconds, string detail)
        {
            return new AuditEntry(Sequence, RingIndex, Event, Outcome, wallClockKnown, unixSeconds, bootCount,
                uptimeSeconds, DroppedBefore, Repeats + 1, detail);
        }

        internal byte[] Encode()
        {
            byte[] record = new byte[FixedLength + Detail.Length];
            record[0] = Version;
            LittleEndian.PutU32(record, 1, Sequence);
            LittleEndian.PutU32(record, 5, RingIndex);
            record[9] = (byte)Event;
            record[10] = (byte)Outcome;
            record[11] = (byte)(WallClockKnown ? 1 : 0);
            LittleEndian.PutI64(record, 12, UnixSeconds);
            LittleEndian.PutU32(record, 20, BootCount);
            LittleEndian.PutU32(record, 24, UptimeSeconds);
            record[28] = (byte)DroppedBefore;
            record[29] = (byte)Repeats;
            AsciiText.Put(record, 30, Detail);
            return record;
        }

        /// <summary>The entry a record holds (v2 or v1), or null when it is malformed.</summary>
        internal static AuditEntry Decode(byte[] record)
        {
            if (record == null || record.Length < V1FixedLength) return null;
            if (record[0] == 1) return DecodeV1(record);
            if (record[0] != Version || record.Length < FixedLength) return null;
            string detail = AsciiText.Get(record, 30);
            if (detail == null || record.Length != FixedLength + detail.Length) return null;
            return new AuditEntry(LittleEndian.GetU32(record, 1), LittleEndian.GetU32(record, 5), (AuditEvent)record[9],
                (AuditOutcome)record[10], (record[11] & 1) != 0, LittleEndian.GetI64(record, 12),
                LittleEndian.GetU32(record, 20), LittleEndian.GetU32(record, 24), record[28], record[29], detail);
        }

        private static AuditEntry DecodeV1(byte[] record)
        {
            string detail = AsciiText.Get(record, 25);
            if (detail == null || record.Length != V1FixedLength + detail.Length) return null;
            return new AuditEntry(LittleEndian.GetU32(record, 1), (AuditEvent)record[5], (AuditOutcome)record[6],
                (record[7] & 1) != 0, LittleEndian.GetI64(record, 8), LittleEndian.GetU32(record, 16),
                LittleEndian.GetU32(record, 20), record[24], detail);
        }

        private static int Saturate(int value)
        {
            return value < 0 ? 0 : (value > 255 ? 255 : value);
        }

        private string Uptime()
        {
            uint s = UptimeSeconds;
            uint minutes = s / 60 % 60;
            uint seconds = s % 60;
            return (s / 3600).ToString() + ":" + (minutes < 10 ? "0" : "") + minutes.ToString()
                + ":" + (seconds < 10 ? "0" : "") + seconds.ToString();
        }
    }
}

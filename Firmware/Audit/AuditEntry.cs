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
    /// Record (26 + detail bytes): version (1) = 1, sequence (u32), event (1), outcome (1),
    /// flags (1; bit 0 = wall clock known), Unix seconds (i64), boot (u32), uptime s (u32),
    /// entries dropped just before this one (1, saturating), detail (length byte + ASCII, ≤ 20).
    /// </summary>
    public sealed class AuditEntry
    {
        public const int MaxDetail = 20;
        private const byte Version = 1;
        private const int FixedLength = 26;

        public AuditEntry(uint sequence, AuditEvent auditEvent, AuditOutcome outcome, bool wallClockKnown,
            long unixSeconds, uint bootCount, uint uptimeSeconds, int droppedBefore, string detail)
        {
            Sequence = sequence;
            Event = auditEvent;
            Outcome = outcome;
            WallClockKnown = wallClockKnown;
            UnixSeconds = wallClockKnown ? unixSeconds : 0;
            BootCount = bootCount;
            UptimeSeconds = uptimeSeconds;
            DroppedBefore = droppedBefore < 0 ? 0 : (droppedBefore > 255 ? 255 : droppedBefore);
            Detail = AsciiText.Clean(detail, MaxDetail);
        }

        public uint Sequence { get; private set; }
        public AuditEvent Event { get; private set; }
        public AuditOutcome Outcome { get; private set; }
        public bool WallClockKnown { get; private set; }
        public long UnixSeconds { get; private set; }
        public uint BootCount { get; private set; }
        public uint UptimeSeconds { get; private set; }
        public int DroppedBefore { get; private set; }
        public string Detail { get; private set; }

        /// <summary>"2026-11-25T10:00:00Z", or "boot 7 +0:01:23" when the clock was unknown.</summary>
        public string TimeText()
        {
            if (WallClockKnown) return UtcTime.Format(UnixSeconds);
            return "boot " + BootCount.ToString() + " +" + Uptime();
        }

        /// <summary>The console's line: "#12 2026-11-25T10:00:00Z login-failure failed attempt 3".</summary>
        public string ConsoleLine()
        {
            string line = "#" + Sequence.ToString() + " " + TimeText() + " " + AuditNames.Event(Event)
                + " " + AuditNames.Outcome(Outcome);
            if (Detail.Length > 0) line += " " + Detail;
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

        internal byte[] Encode()
        {
            byte[] record = new byte[FixedLength + Detail.Length];
            record[0] = Version;
            LittleEndian.PutU32(record, 1, Sequence);
            record[5] = (byte)Event;
            record[6] = (byte)Outcome;
            record[7] = (byte)(WallClockKnown ? 1 : 0);
            LittleEndian.PutI64(record, 8, UnixSeconds);
            LittleEndian.PutU32(record, 16, BootCount);
            LittleEndian.PutU32(record, 20, UptimeSeconds);
            record[24] = (byte)DroppedBefore;
            AsciiText.Put(record, 25, Detail);
            return record;
        }

        /// <summary>The entry a record holds, or null when it is malformed.</summary>
        internal static AuditEntry Decode(byte[] record)
        {
            if (record == null || record.Length < FixedLength || record[0] != Version) return null;
            string detail = AsciiText.Get(record, 25);
            if (detail == null || record.Length != FixedLength + detail.Length) return null;
            return new AuditEntry(LittleEndian.GetU32(record, 1), (AuditEvent)record[5], (AuditOutcome)record[6],
                (record[7] & 1) != 0, LittleEndian.GetI64(record, 8), LittleEndian.GetU32(record, 16),
                LittleEndian.GetU32(record, 20), record[24], detail);
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

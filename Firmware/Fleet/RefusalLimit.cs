using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Storage;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Fleet
{
    /// <summary>
    /// How refused fleet commands are all audited without a flood filling the routine audit
    /// ring. A window opens at the first refusal and lasts WindowMs of uptime: its first
    /// PerWindow refusals get an entry each (detail: the code, "forged"); the rest are counted
    /// per reason, and when the window closes (FleetAgent.Poll checks the time, no refusal
    /// needed) each reason with a count gets one summary entry ("+57 forged": 57 more forged
    /// refusals in that window). So a flood of one kind costs at most 4 entries an hour.
    ///
    /// The counts survive a power cut: every PersistEvery-th counted refusal rewrites record
    /// FleetRefusals, and each summary entry commits with the record of the counts still
    /// pending (so a cut never counts a refusal twice). After a power cut at most
    /// PersistEvery - 1 refusals are unaccounted for; the counts found at boot are summarised
    /// at the first poll. The command layer (TerminalCommands.Refused, SummariseRefusals)
    /// writes the entries; this class keeps the counts. Every refusal is still acked.
    ///
    /// Record FleetRefusals: version (1) = 1, then Reasons counts (u32), in FleetCode order
    /// from Failed to UnknownCommand.
    /// </summary>
    public sealed class RefusalLimit
    {
        public const int PerWindow = 3;
        public const long WindowMs = 3600000;
        public const int PersistEvery = 16;
        /// <summary>A summary that did not fit the store is tried again this much later.</summary>
        public const long RetryMs = 60000;
        private const int Reasons = (int)FleetCode.UnknownCommand - (int)FleetCode.Failed + 1;
        private const byte Version = 1;

        private readonly IClock _clock;
        private readonly int[] _counts = new int[Reasons];
        private long _windowStart = -WindowMs;
        private int _written;
        private int _unsaved;
        private long _dueMs = long.MaxValue;

        public RefusalLimit(IClock clock, IRecordStore store)
        {
            _clock = clock;
            byte[] record = store.Read(RecordKeys.FleetRefusals);
            if (record == null || record.Length != 1 + 4 * Reasons || record[0] != Version) return;
            for (int i = 0; i < Reasons; i++) _counts[i] = (int)LittleEndian.GetU32(record, 1 + 4 * i);
            if (Pending > 0) _dueMs = 0;
        }

        /// <summary>Refusals counted and not yet summarised.</summary>
        public int Pending
        {
            get
            {
                int total = 0;
                for (int i = 0; i < Reasons; i++) total += _counts[i];
                return total;
            }
        }

        /// <summary>Uptime (ms) when the summary is due; long.MaxValue when nothing is pending.</summary>
        public long DueMs { get { return _dueMs; } }

        /// <summary>True when this refusal gets an entry of its own; false when it was counted for the summary.</summary>
        public bool Admit(FleetCode code)
        {
            long now = _clock.UptimeMs;
            if (now - _windowStart >= WindowMs)
            {
                _windowStart = now;
                _written = 0;
            }
            if (_written < PerWindow)
            {
                _written++;
                return true;
            }
            Count(code);
            return false;
        }

        /// <summary>Counts a refusal for the summary (also one whose own entry did not fit the store).</summary>
        public void Count(FleetCode code)
        {
            int reason = (int)code - (int)FleetCode.Failed;
            _counts[reason < 0 ? 0 : reason]++;
            _unsaved++;
            long due = _windowStart + WindowMs;
            if (due < _dueMs) _dueMs = due;
        }

        /// <summary>Enough refusals were counted since the record was last written: write Record().</summary>
        public bool SaveDue { get { return _unsaved >= PersistEvery; } }

        /// <summary>The record was written.</summary>
        public void Saved()
        {
            _unsaved = 0;
        }

        /// <summary>The reason the next summary entry is for (an index), or -1 when none is pending.</summary>
        public int NextReason()
        {
            for (int i = 0; i < Reasons; i++)
            {
                if (_counts[i] > 0) return i;
            }
            return -1;
        }

        /// <summary>"+57 forged": the summary entry's detail for reason (≤ 20 ASCII).</summary>
        public string SummaryDetail(int reason)
        {
            FleetCode code = (FleetCode)(reason + (int)FleetCode.Failed);
            string name = code == FleetCode.UnknownCommand ? "unknown" : FleetCodes.Name(code);
            return "+" + _counts[reason].ToString() + " " + name;
        }

        /// <summary>The record of the counts, without reason's when reason ≥ 0; null when no count would be left.</summary>
        public byte[] Record(int without)
        {
            byte[] record = new byte[1 + 4 * Reasons];
            record[0] = Version;
            bool any = false;
            for (int i = 0; i < Reasons; i++)
            {
                int count = i == without ? 0 : _counts[i];
                if (count > 0) any = true;
                LittleEndian.PutU32(record, 1 + 4 * i, (uint)count);
            }
            return any ? record : null;
        }

        /// <summary>reason's summary entry was committed (with Record(reason)).</summary>
        public void Summarised(int reason)
        {
            _counts[reason] = 0;
            _unsaved = 0;
            if (NextReason() < 0) _dueMs = long.MaxValue;
        }

        /// <summary>A summary did not fit the store: try again in RetryMs.</summary>
        public void Retry()
        {
            _dueMs = _clock.UptimeMs + RetryMs;
        }
    }
}

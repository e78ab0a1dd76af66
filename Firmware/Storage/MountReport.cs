namespace PosTerminal.Firmware.Storage
{
    /// <summary>What the store found on flash at boot, for the LCD.</summary>
    public enum MountOutcome
    {
        /// <summary>The region was erased: a new terminal. Factory state.</summary>
        Blank,

        /// <summary>Everything found was intact (an interrupted write may have been dropped).</summary>
        Clean,

        /// <summary>Some records or sectors were unreadable; each key has its newest intact value.</summary>
        Recovered,

        /// <summary>There was content but nothing intact: factory state.</summary>
        Formatted,
    }

    /// <summary>The outcome of LogStore's boot-time recovery, with counts.</summary>
    public sealed class MountReport
    {
        public MountOutcome Outcome { get; internal set; }

        /// <summary>Keys holding a value after the mount.</summary>
        public int Records { get; internal set; }

        /// <summary>Records that failed their CRC (not counting an interrupted last write).</summary>
        public int CorruptRecords { get; internal set; }

        /// <summary>Sectors with content but no readable header.</summary>
        public int BadSectors { get; internal set; }

        /// <summary>A write cut short by a power cut was found and dropped (normal after pulling the plug).</summary>
        public bool InterruptedWrite { get; internal set; }

        /// <summary>A compaction cut short was found: rolled back (copies dropped) or finished (source dropped).</summary>
        public bool InterruptedCompaction { get; internal set; }

        public int SectorsInUse { get; internal set; }

        public override string ToString()
        {
            return OutcomeName() + ": " + Records + " records, " + CorruptRecords + " corrupt, " + BadSectors + " bad sectors"
                + (InterruptedWrite ? ", interrupted write dropped" : "")
                + (InterruptedCompaction ? ", interrupted compaction resolved" : "");
        }

        private string OutcomeName()
        {
            switch (Outcome)
            {
                case MountOutcome.Blank: return "blank";
                case MountOutcome.Clean: return "clean";
                case MountOutcome.Recovered: return "recovered";
                default: return "formatted";
            }
        }
    }
}

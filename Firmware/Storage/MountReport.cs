namespace PosTerminal.Firmware.Storage
{
    /// <summary>What the store found on flash at boot, for the LCD.</summary>
    public enum MountOutcome
    {
        /// <summary>The region was erased: a new terminal. Factory state.</summary>
        Blank,

        /// <summary>
        /// Nothing new was wrong: every key reads its last committed value (a write or a
        /// compaction a power cut interrupted may have been dropped or finished, which is normal).
        /// Damage found on an earlier boot may still be in force: see FailClosed.
        /// </summary>
        Clean,

        /// <summary>
        /// Flipped bits were corrected (Repaired), or new damage was found (DamageSites): keys
        /// it may have hit are damaged (IsDamaged) and read as none; the rest read their last value.
        /// </summary>
        Recovered,

        /// <summary>
        /// New damage was found and no key holds a readable value. NOT a factory state: every
        /// key without a newer record is damaged (FailClosed), so security state fails closed.
        /// </summary>
        Formatted,
    }

    /// <summary>The outcome of LogStore's boot-time recovery, with counts.</summary>
    public sealed class MountReport
    {
        public MountOutcome Outcome { get; internal set; }

        /// <summary>Keys holding a value after the mount.</summary>
        public int Records { get; internal set; }

        /// <summary>Records that failed their CRC and could not be corrected (an interrupted write is not counted).</summary>
        public int CorruptRecords { get; internal set; }

        /// <summary>Sectors with content but no readable header (a torn erase leaves one: normal after a power cut).</summary>
        public int BadSectors { get; internal set; }

        /// <summary>A write cut short by a power cut was found and dropped or completed (normal after pulling the plug).</summary>
        public bool InterruptedWrite { get; internal set; }

        /// <summary>A compaction cut short was found: rolled back (copies dropped) or finished (source dropped).</summary>
        public bool InterruptedCompaction { get; internal set; }

        public int SectorsInUse { get; internal set; }

        /// <summary>Single flipped bits corrected in data in force (records, headers, marks), each made good on flash.</summary>
        public int Repaired { get; internal set; }

        /// <summary>Single flipped bits corrected in superseded data or gap marks: no value depended on them.</summary>
        public int CorrectedElsewhere { get; internal set; }

        /// <summary>
        /// Places with damage this boot found for the first time that no key can be pinned on
        /// (an uncorrectable record, an unreadable stretch of a sector, a lost sector). Each makes
        /// every key whose newest record is older than it damaged: fail closed.
        /// </summary>
        public int DamageSites { get; internal set; }

        /// <summary>Keys found on flash whose newest record is older than the damage in force: they read as none and IsDamaged.</summary>
        public int DamagedKeys { get; internal set; }

        /// <summary>
        /// A damage mark is in force (found now or on an earlier boot): IsDamaged is true for
        /// every key with no record newer than the damage, keys never seen included.
        /// </summary>
        public bool FailClosed { get; internal set; }

        public override string ToString()
        {
            return OutcomeName() + ": " + Records + " records, " + CorruptRecords + " corrupt, " + BadSectors + " bad sectors"
                + (Repaired > 0 ? ", " + Repaired + " repaired" : "")
                + (CorrectedElsewhere > 0 ? ", " + CorrectedElsewhere + " corrected elsewhere" : "")
                + (DamageSites > 0 ? ", " + DamageSites + " damage sites" : "")
                + (FailClosed ? ", fail closed (" + DamagedKeys + " damaged keys)" : "")
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

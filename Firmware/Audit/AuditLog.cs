using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Storage;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Audit
{
    /// <summary>Hears each audit entry once it is committed (the fleet's outbox: pos/ID/events).</summary>
    public interface IAuditListener
    {
        void Recorded(AuditEvent auditEvent, AuditOutcome outcome, string detail);
    }

    /// <summary>
    /// The audit log: two bounded rings in the record store, one record per entry.
    /// - Security ring (SecurityCapacity, 32: keys 0x30-0x4F, the first log's ring): factory
    ///   reset, restore, lock, unlock, code and password changes, lockouts (bursts of failed
    ///   logins) and storage damage (AuditNames.IsSecurity).
    /// - Routine ring (RoutineCapacity, 16: keys 0xA0-0xAF): logins, bindings, clock, backups,
    ///   settings, merchant name, faults, failed attempts, refused fleet commands.
    /// So no amount of routine work (console commands, wrong guesses, set-time) pushes a
    /// security entry out; a repeat of a ring's newest entry (AuditNames.Coalesces) updates it
    /// in place with a count instead of taking a slot. Overwritten counts what each ring has
    /// pushed out since the terminal was new (console status).
    ///
    /// One sequence series over both rings orders the entries. Only the command layer
    /// (Firmware/Commands) writes entries: Record (one commit), or Stage into a RecordBatch that
    /// lands together with the operation's own records, then Committed.
    ///
    /// It never blocks the terminal on a full store: Record drops the entry and counts it
    /// (Dropped, and DroppedBefore on the next entry that fits). Only StoreFullException is
    /// caught; anything else (a flash I/O error, a simulated power cut) is not the log's to hide.
    /// </summary>
    public sealed class AuditLog
    {
        public const int SecurityCapacity = RecordKeys.AuditEntries;
        public const int RoutineCapacity = RecordKeys.RoutineAuditEntries;

        /// <summary>Entries both rings hold together (console `log` shows at most this many).</summary>
        public const int Capacity = SecurityCapacity + RoutineCapacity;

        private readonly IRecordStore _store;
        private readonly IClock _clock;
        private readonly BootCounter _boot;
        private readonly AuditRing _security;
        private readonly AuditRing _routine;
        private uint _nextSequence;
        private int _droppedSinceLast;
        private AuditEntry _staged;
        private AuditRing _stagedRing;

        public AuditLog(IRecordStore store, IClock clock, BootCounter boot)
        {
            _store = store;
            _clock = clock;
            _boot = boot;
            _security = new AuditRing(store, RecordKeys.FirstAuditEntry, SecurityCapacity);
            _routine = new AuditRing(store, RecordKeys.FirstRoutineAuditEntry, RoutineCapacity);
            uint newest = _security.NewestSequence > _routine.NewestSequence ? _security.NewestSequence : _routine.NewestSequence;
            _nextSequence = newest + 1;
        }

        /// <summary>
        /// Told of every entry written (after its commit): the fleet agent, which reports the
        /// transitions the host must learn of on pos/ID/events. May be null. Reading, not writing:
        /// a listener never writes an entry itself (it asks the command layer).
        /// </summary>
        public IAuditListener Listener { get; set; }

        /// <summary>Entries held in both rings (at most Capacity).</summary>
        public int Count { get { return _security.Count + _routine.Count; } }

        public int SecurityCount { get { return _security.Count; } }

        public int RoutineCount { get { return _routine.Count; } }

        /// <summary>Security entries pushed out by newer security entries, ever.</summary>
        public long SecurityOverwritten { get { return _security.Overwritten; } }

        /// <summary>Routine entries pushed out by newer routine entries, ever.</summary>
        public long RoutineOverwritten { get { return _routine.Overwritten; } }

        /// <summary>Entries dropped since power-on because the store was full.</summary>
        public int Dropped { get; private set; }

        /// <summary>The sequence number the next new entry will get (1 on an empty log).</summary>
        public uint NextSequence { get { return _nextSequence; } }

        /// <summary>"*1234": the last 4 characters of an identifier, for details. Never pass a secret.</summary>
        public static string Masked(string identifier)
        {
            if (identifier == null || identifier.Length <= 4) return "****";
            return "*" + identifier.Substring(identifier.Length - 4);
        }

        /// <summary>Appends an entry (one commit). Returns false, dropping it, when the store is full.</summary>
        public bool Record(AuditEvent auditEvent, AuditOutcome outcome, string detail)
        {
            AuditRing ring;
            AuditEntry entry = Build(auditEvent, outcome, detail, out ring);
            try
            {
                _store.Write(ring.SlotKey(entry.RingIndex), entry.Encode());
            }
            catch (StoreFullException)
            {
                Dropped++;
                _droppedSinceLast++;
                return false;
            }
            Took(ring, entry);
            return true;
        }

        /// <summary>
        /// Puts an entry into batch, to land with the operation's own records. Call Committed
        /// once the store committed the batch (nothing else may log in between); if the commit
        /// fails, the staged entry is simply forgotten.
        /// </summary>
        public void Stage(RecordBatch batch, AuditEvent auditEvent, AuditOutcome outcome, string detail)
        {
            AuditRing ring;
            AuditEntry entry = Build(auditEvent, outcome, detail, out ring);
            batch.Write(ring.SlotKey(entry.RingIndex), entry.Encode());
            _staged = entry;
            _stagedRing = ring;
        }

        /// <summary>The batch holding the staged entry was committed.</summary>
        public void Committed()
        {
            AuditEntry staged = _staged;
            AuditRing ring = _stagedRing;
            _staged = null;
            _stagedRing = null;
            if (staged != null) Took(ring, staged);
        }

        /// <summary>Up to max entries of both rings, newest first.</summary>
        public AuditEntry[] ReadNewestFirst(int max)
        {
            AuditEntry[] a = _security.ReadNewestFirst(max);
            AuditEntry[] b = _routine.ReadNewestFirst(max);
            int n = a.Length + b.Length < max ? a.Length + b.Length : max;
            if (n < 0) n = 0;
            AuditEntry[] merged = (AuditEntry[])RefArrays.Nulls(new AuditEntry[n]);
            int i = 0, j = 0;
            for (int k = 0; k < n; k++)
            {
                bool takeA = j >= b.Length || (i < a.Length && a[i].Sequence > b[j].Sequence);
                merged[k] = takeA ? a[i++] : b[j++];
            }
            return merged;
        }

        /// <summary>Console lines, newest first.</summary>
        public string[] ConsoleLines(int max)
        {
            AuditEntry[] entries = ReadNewestFirst(max);
            string[] lines = (string[])RefArrays.Nulls(new string[entries.Length]);
            for (int i = 0; i < entries.Length; i++) lines[i] = entries[i].ConsoleLine();
            return lines;
        }

        // The entry to write: a repeat of the ring's newest (same slot, one more count) or a new one.
        private AuditEntry Build(AuditEvent auditEvent, AuditOutcome outcome, string detail, out AuditRing ring)
        {
            ring = AuditNames.IsSecurity(auditEvent, outcome) ? _security : _routine;
            bool wall = _clock.WallClockKnown;
            long unix = wall ? UtcTime.ToUnixSeconds(_clock.UtcNow) : 0;
            uint uptime = (uint)(_clock.UptimeMs / 1000);
            AuditEntry newest = ring.Newest;
            if (newest != null && AuditNames.Coalesces(auditEvent) && newest.Event == auditEvent
                && newest.Outcome == outcome && newest.Repeats < 255 && _droppedSinceLast == 0)
            {
                return newest.Repeated(wall, unix, _boot.Count, uptime, detail);
            }
            return new AuditEntry(_nextSequence, ring.NewestIndex + 1, auditEvent, outcome, wall, unix, _boot.Count,
                uptime, _droppedSinceLast, 0, detail);
        }

        private void Took(AuditRing ring, AuditEntry entry)
        {
            if (entry.Sequence == _nextSequence) _nextSequence++;
            _droppedSinceLast = 0;
            ring.Took(entry);
            // Last: the listener may have the command layer record another entry (an outbox overflow).
            if (Listener != null) Listener.Recorded(entry.Event, entry.Outcome, entry.Detail);
        }
    }
}

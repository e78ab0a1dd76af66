using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Storage;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Audit
{
    /// <summary>
    /// Stages, into the same batch as an audit entry, the records that must land with it (the
    /// fleet's outbox event: pos/ID/events), so a power cut leaves both or neither.
    /// </summary>
    public interface IAuditListener
    {
        /// <summary>
        /// An entry is going into batch: stage what belongs with it. May have the command layer
        /// stage one more entry into the same batch (an outbox overflow); writes nothing itself.
        /// </summary>
        void Staging(RecordBatch batch, AuditEvent auditEvent, AuditOutcome outcome, string detail);

        /// <summary>The batch of the last Staging was committed.</summary>
        void Committed();
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
    /// - Pins (AuditPins, PinnedCapacity, 18: keys 0xB0-0xC1): the newest entry of each critical
    ///   kind, a copy of its ring entry in the same commit, so no run of security entries either
    ///   (alternating lock and unlock by a logged-in technician) takes the newest factory reset,
    ///   restore, code change... out of the log. `log` and backups merge the pins in.
    ///
    /// One sequence series over both rings orders the entries. Only the command layer
    /// (Firmware/Commands) writes entries: Record (one commit), or Stage into a RecordBatch that
    /// lands together with the operation's own records, then Committed (or Abandoned). Either
    /// way the entry's pin (when it has one) and the listener's records are staged into the same
    /// commit: an entry the fleet must hear of and its outbox event land together or not at all.
    ///
    /// A pin the store reports damaged, or that does not decode as an entry of its kind, fails
    /// closed: its newest entry may be lost, so it is reported (DamagedPins: `log` names each,
    /// `status` counts them, the command layer's boot damage report gives it a storage-damage
    /// entry), never dropped without a word; the next entry of that kind writes it whole again.
    ///
    /// It never blocks the terminal on a full store: Record drops the entry and counts it
    /// (Dropped, and DroppedBefore on the next entry that fits). Only StoreFullException is
    /// caught; anything else (a flash I/O error, a simulated power cut) is not the log's to hide.
    /// </summary>
    public sealed class AuditLog
    {
        public const int SecurityCapacity = RecordKeys.AuditEntries;
        public const int RoutineCapacity = RecordKeys.RoutineAuditEntries;

        /// <summary>Pinned kinds (AuditPins): one record each, outside the rings.</summary>
        public const int PinnedCapacity = AuditPins.Count;

        /// <summary>
        /// Distinct entries the rings and the pins hold together (console `log` shows at most this
        /// many): every security kind is pinned (AuditLogTests.EverySecurityEventIsPinned), so the
        /// security ring's newest entry is always a pin's as well, and counted once.
        /// </summary>
        public const int Capacity = SecurityCapacity + RoutineCapacity + PinnedCapacity - 1;

        private readonly IRecordStore _store;
        private readonly IClock _clock;
        private readonly BootCounter _boot;
        private readonly AuditRing _security;
        private readonly AuditRing _routine;
        private uint _nextSequence;
        private int _droppedSinceLast;
        // Entries staged into the batch being built: the operation's, and one the listener asked for.
        private const int MaxStaged = 2;
        private readonly AuditEntry[] _staged = (AuditEntry[])RefArrays.Nulls(new AuditEntry[MaxStaged]);
        private readonly AuditRing[] _stagedRings = (AuditRing[])RefArrays.Nulls(new AuditRing[MaxStaged]);
        private int _stagedCount;
        private bool _inListener;
        // Record's own commit: its entry and pin, an outbox event and head, an overflow entry and its pin.
        private readonly RecordBatch _own = new RecordBatch(6);
        private readonly AuditEntry[] _pins = (AuditEntry[])RefArrays.Nulls(new AuditEntry[AuditPins.Count]);
        private readonly bool[] _pinDamaged = new bool[AuditPins.Count];

        public AuditLog(IRecordStore store, IClock clock, BootCounter boot)
        {
            _store = store;
            _clock = clock;
            _boot = boot;
            _security = new AuditRing(store, RecordKeys.FirstAuditEntry, SecurityCapacity);
            _routine = new AuditRing(store, RecordKeys.FirstRoutineAuditEntry, RoutineCapacity);
            uint newest = _security.NewestSequence > _routine.NewestSequence ? _security.NewestSequence : _routine.NewestSequence;
            uint pinned = LoadPins();
            _nextSequence = (pinned > newest ? pinned : newest) + 1;
        }

        /// <summary>
        /// Stages its records with every entry (IAuditListener): the fleet agent, which reports
        /// the transitions the host must learn of on pos/ID/events. May be null. A listener never
        /// writes an entry itself (it asks the command layer).
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

        /// <summary>Pinned kinds that hold an entry.</summary>
        public int PinnedCount
        {
            get
            {
                int n = 0;
                for (int k = 0; k < _pins.Length; k++) if (_pins[k] != null) n++;
                return n;
            }
        }

        /// <summary>Pinned kinds whose record is damaged: their newest entry may be lost (fail closed: said, not hidden).</summary>
        public int DamagedPins
        {
            get
            {
                int n = 0;
                for (int k = 0; k < _pinDamaged.Length; k++) if (_pinDamaged[k]) n++;
                return n;
            }
        }

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

        /// <summary>Appends an entry (one commit, with what the listener stages). Returns false, dropping it, when the store is full.</summary>
        public bool Record(AuditEvent auditEvent, AuditOutcome outcome, string detail)
        {
            _own.Clear();
            Stage(_own, auditEvent, outcome, detail);
            try
            {
                if (_own.Count == 1) _store.Write(_own.KeyAt(0), _own.ValueAt(0));
                else _store.Commit(_own);
            }
            catch (StoreFullException)
            {
                Abandoned();
                Dropped++;
                _droppedSinceLast++;
                return false;
            }
            finally
            {
                _own.Clear();
            }
            Committed();
            return true;
        }

        /// <summary>
        /// Puts an entry into batch, to land with the operation's own records, and lets the
        /// listener stage its records (the outbox event) into it too. Call Committed once the
        /// store committed the batch (nothing else may log in between), or Abandoned if it did not.
        /// </summary>
        public void Stage(RecordBatch batch, AuditEvent auditEvent, AuditOutcome outcome, string detail)
        {
            if (!_inListener) Abandoned();
            if (_stagedCount == MaxStaged) throw new System.InvalidOperationException("at most " + MaxStaged.ToString() + " entries a batch");
            AuditRing ring;
            AuditEntry entry = Build(auditEvent, outcome, detail, out ring);
            byte[] record = entry.Encode();
            batch.Write(ring.SlotKey(entry.RingIndex), record);
            int pin = AuditPins.Of(entry);
            if (pin != AuditPins.None) batch.Write(AuditPins.KeyOf(pin), record);
            _staged[_stagedCount] = entry;
            _stagedRings[_stagedCount] = ring;
            _stagedCount++;
            if (_inListener || Listener == null) return;
            _inListener = true;
            try
            {
                Listener.Staging(batch, auditEvent, outcome, entry.Detail);
            }
            finally
            {
                _inListener = false;
            }
        }

        /// <summary>The batch holding the staged entries was committed.</summary>
        public void Committed()
        {
            int count = _stagedCount;
            _stagedCount = 0;
            for (int i = 0; i < count; i++)
            {
                Took(_stagedRings[i], _staged[i]);
                _staged[i] = null;
                _stagedRings[i] = null;
            }
            if (count > 0 && Listener != null) Listener.Committed();
        }

        /// <summary>The batch holding the staged entries was not committed: they are forgotten.</summary>
        public void Abandoned()
        {
            for (int i = 0; i < _stagedCount; i++)
            {
                _staged[i] = null;
                _stagedRings[i] = null;
            }
            _stagedCount = 0;
        }

        /// <summary>Up to max entries of both rings and the pins (each entry once), newest first.</summary>
        public AuditEntry[] ReadNewestFirst(int max)
        {
            return Read(max, null);
        }

        /// <summary>
        /// Console lines, newest first: first one line per damaged pin ("pinned factory-reset:
        /// damaged, its newest entry may be lost"), then the entries; one that only a pin still
        /// holds (its ring pushed it out) ends in " (pinned)".
        /// </summary>
        public string[] ConsoleLines(int max)
        {
            bool[] pinnedOnly = new bool[max > 0 ? max : 0];
            AuditEntry[] entries = Read(max, pinnedOnly);
            int damaged = DamagedPins;
            string[] lines = (string[])RefArrays.Nulls(new string[damaged + entries.Length]);
            int n = 0;
            for (int k = 0; k < _pinDamaged.Length; k++)
            {
                if (_pinDamaged[k]) lines[n++] = "pinned " + AuditPins.Name(k) + ": damaged, its newest entry may be lost";
            }
            for (int i = 0; i < entries.Length; i++) lines[n++] = entries[i].ConsoleLine() + (pinnedOnly[i] ? " (pinned)" : "");
            return lines;
        }

        // Both rings merged, then the pins merged in (a pin also in its ring is taken once: the
        // same commit wrote both). pinnedOnly (may be null): set for entries only a pin holds.
        private AuditEntry[] Read(int max, bool[] pinnedOnly)
        {
            AuditEntry[] rings = Merge(_security.ReadNewestFirst(max), _routine.ReadNewestFirst(max), max, null);
            return Merge(rings, PinsNewestFirst(), max, pinnedOnly);
        }

        // Two newest-first lists into one of at most max, an equal sequence taken once (from a); fromB marks b's.
        private static AuditEntry[] Merge(AuditEntry[] a, AuditEntry[] b, int max, bool[] fromB)
        {
            AuditEntry[] merged = (AuditEntry[])RefArrays.Nulls(new AuditEntry[a.Length + b.Length]);
            int i = 0, j = 0, n = 0;
            while (n < max && (i < a.Length || j < b.Length))
            {
                if (j >= b.Length || (i < a.Length && a[i].Sequence >= b[j].Sequence))
                {
                    if (j < b.Length && a[i].Sequence == b[j].Sequence) j++;
                    merged[n++] = a[i++];
                }
                else
                {
                    if (fromB != null) fromB[n] = true;
                    merged[n++] = b[j++];
                }
            }
            if (n == merged.Length) return merged;
            AuditEntry[] shorter = (AuditEntry[])RefArrays.Nulls(new AuditEntry[n]);
            System.Array.Copy(merged, shorter, n);
            return shorter;
        }

        // The pins held, newest first (at most AuditPins.Count: an insertion sort).
        private AuditEntry[] PinsNewestFirst()
        {
            AuditEntry[] found = (AuditEntry[])RefArrays.Nulls(new AuditEntry[PinnedCount]);
            int n = 0;
            for (int k = 0; k < _pins.Length; k++)
            {
                AuditEntry pin = _pins[k];
                if (pin == null) continue;
                int at = n++;
                while (at > 0 && found[at - 1].Sequence < pin.Sequence)
                {
                    found[at] = found[at - 1];
                    at--;
                }
                found[at] = pin;
            }
            return found;
        }

        // Boot: every pin's record; damaged when the store says so or it is not an entry of its kind. The highest sequence.
        private uint LoadPins()
        {
            uint newest = 0;
            for (int k = 0; k < AuditPins.Count; k++)
            {
                int key = AuditPins.KeyOf(k);
                bool damaged = _store.IsDamaged(key);
                byte[] record = _store.Read(key);
                AuditEntry entry = record == null ? null : AuditEntry.Decode(record);
                if (record != null && (entry == null || AuditPins.Of(entry) != k))
                {
                    damaged = true;
                    entry = null;
                }
                _pins[k] = entry;
                _pinDamaged[k] = damaged;
                if (entry != null && entry.Sequence > newest) newest = entry.Sequence;
            }
            return newest;
        }

        // The entry to write: a repeat of the ring's newest (same slot, one more count) or a new one,
        // after any entries already staged into the same batch.
        private AuditEntry Build(AuditEvent auditEvent, AuditOutcome outcome, string detail, out AuditRing ring)
        {
            ring = AuditNames.IsSecurity(auditEvent, outcome) ? _security : _routine;
            bool wall = _clock.WallClockKnown;
            long unix = wall ? UtcTime.ToUnixSeconds(_clock.UtcNow) : 0;
            uint uptime = (uint)(_clock.UptimeMs / 1000);
            AuditEntry newest = ring.Newest;
            // Never across pinned kinds (a keypad lockout onto a console one): each pin holds its own kind.
            if (_stagedCount == 0 && newest != null && AuditNames.Coalesces(auditEvent) && newest.Event == auditEvent
                && newest.Outcome == outcome && newest.Repeats < 255 && _droppedSinceLast == 0
                && AuditPins.Of(newest) == AuditPins.Of(auditEvent, outcome, detail))
            {
                return newest.Repeated(wall, unix, _boot.Count, uptime, detail);
            }
            uint sequence = _nextSequence;
            uint index = ring.NewestIndex + 1;
            for (int i = 0; i < _stagedCount; i++)
            {
                if (_staged[i].Sequence < _nextSequence) continue;
                sequence++;
                if (_stagedRings[i] == ring) index++;
            }
            return new AuditEntry(sequence, index, auditEvent, outcome, wall, unix, _boot.Count,
                uptime, _stagedCount == 0 ? _droppedSinceLast : 0, 0, detail);
        }

        private void Took(AuditRing ring, AuditEntry entry)
        {
            if (entry.Sequence == _nextSequence) _nextSequence++;
            _droppedSinceLast = 0;
            ring.Took(entry);
            int pin = AuditPins.Of(entry);
            if (pin != AuditPins.None)
            {
                _pins[pin] = entry;
                _pinDamaged[pin] = false;
            }
        }
    }
}

using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Storage;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Audit
{
    /// <summary>
    /// The audit log: a bounded ring of Capacity (32) entries in the record store, one record
    /// per entry, slot = sequence mod Capacity, so writing an entry is exactly one commit and
    /// overwrites the oldest. Boot finds the newest sequence by reading the 32 slots.
    ///
    /// It never blocks or fails the terminal: when the store is full the entry is dropped and
    /// counted (Dropped, and DroppedBefore on the next entry that fits). Only StoreFullException
    /// is caught; anything else (a power cut in the simulator) is not the log's to hide.
    /// </summary>
    /// <summary>Hears each audit entry once it is committed.</summary>
    public interface IAuditListener
    {
        void Recorded(AuditEvent auditEvent, AuditOutcome outcome, string detail);
    }

    public sealed class AuditLog
    {
        public const int Capacity = RecordKeys.AuditEntries;

        private readonly IRecordStore _store;
        private readonly IClock _clock;
        private readonly BootCounter _boot;
        private uint _nextSequence = 1;
        private int _count;
        private int _droppedSinceLast;

        public AuditLog(IRecordStore store, IClock clock, BootCounter boot)
        {
            _store = store;
            _clock = clock;
            _boot = boot;
            Scan();
        }

        /// <summary>
        /// Told of every entry written (after its commit), e.g. the fleet's outbox, which
        /// reports transitions on pos/ID/events. May be null.
        /// </summary>
        public IAuditListener Listener { get; set; }

        /// <summary>Entries held (at most Capacity).</summary>
        public int Count { get { return _count; } }

        /// <summary>Entries dropped since power-on because the store was full.</summary>
        public int Dropped { get; private set; }

        /// <summary>The sequence number the next entry will get (1 on an empty log).</summary>
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
            AuditEntry entry = NewEntry(auditEvent, outcome, detail);
            try
            {
                _store.Write(SlotKey(_nextSequence), entry.Encode());
            }
            catch (StoreFullException)
            {
                Dropped++;
                _droppedSinceLast++;
                return false;
            }
            Advanced(entry);
            return true;
        }

        private AuditEntry NewEntry(AuditEvent auditEvent, AuditOutcome outcome, string detail)
        {
            bool wall = _clock.WallClockKnown;
            long unix = wall ? UtcTime.ToUnixSeconds(_clock.UtcNow) : 0;
            uint uptime = (uint)(_clock.UptimeMs / 1000);
            return new AuditEntry(_nextSequence, auditEvent, outcome, wall, unix, _boot.Count, uptime, _droppedSinceLast, detail);
        }

        // After the entry at _nextSequence committed: the ring moves on, the listener (fleet events) hears of it.
        private void Advanced(AuditEntry entry)
        {
            _nextSequence++;
            _droppedSinceLast = 0;
            if (_count < Capacity) _count++;
            if (Listener != null) Listener.Recorded(entry.Event, entry.Outcome, entry.Detail);
        }

        /// <summary>
        /// Commits batch together with an entry, as one IRecordStore.Commit (all or nothing):
        /// for an operation that must never land without its audit entry, nor the entry
        /// without it (a restore). Unlike Record, a full store is not hidden: it throws
        /// StoreFullException and nothing changes.
        /// </summary>
        public void CommitWith(RecordBatch batch, AuditEvent auditEvent, AuditOutcome outcome, string detail)
        {
            AuditEntry entry = NewEntry(auditEvent, outcome, detail);
            batch.Write(SlotKey(_nextSequence), entry.Encode());
            _store.Commit(batch);
            Advanced(entry);
        }

        /// <summary>Up to max entries, newest first.</summary>
        public AuditEntry[] ReadNewestFirst(int max)
        {
            if (max > _count) max = _count;
            if (max < 0) max = 0;
            AuditEntry[] found = (AuditEntry[])RefArrays.Nulls(new AuditEntry[max]);
            int n = 0;
            uint sequence = _nextSequence - 1;
            for (int i = 0; i < Capacity && n < max && sequence >= 1; i++, sequence--)
            {
                AuditEntry entry = AuditEntry.Decode(_store.Read(SlotKey(sequence)));
                if (entry != null && entry.Sequence == sequence) found[n++] = entry;
            }
            if (n == max) return found;
            AuditEntry[] shorter = (AuditEntry[])RefArrays.Nulls(new AuditEntry[n]);
            System.Array.Copy(found, shorter, n);
            return shorter;
        }

        /// <summary>Console lines, newest first.</summary>
        public string[] ConsoleLines(int max)
        {
            AuditEntry[] entries = ReadNewestFirst(max);
            string[] lines = (string[])RefArrays.Nulls(new string[entries.Length]);
            for (int i = 0; i < entries.Length; i++) lines[i] = entries[i].ConsoleLine();
            return lines;
        }

        private static int SlotKey(uint sequence)
        {
            return RecordKeys.FirstAuditEntry + (int)(sequence % Capacity);
        }

        private void Scan()
        {
            uint[] sequences = new uint[Capacity];
            uint newest = 0;
            for (int slot = 0; slot < Capacity; slot++)
            {
                AuditEntry entry = AuditEntry.Decode(_store.Read(RecordKeys.FirstAuditEntry + slot));
                if (entry == null || SlotKey(entry.Sequence) != RecordKeys.FirstAuditEntry + slot) continue;
                sequences[slot] = entry.Sequence;
                if (entry.Sequence > newest) newest = entry.Sequence;
            }
            // A slot left behind by a lost newer entry (storage recovery) is out of the window: not counted.
            for (int slot = 0; slot < Capacity; slot++)
            {
                if (sequences[slot] != 0 && newest - sequences[slot] < Capacity) _count++;
            }
            _nextSequence = newest + 1;
        }
    }
}

using PosTerminal.Firmware.Storage;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Audit
{
    /// <summary>
    /// One bounded ring of audit records: Capacity slots from FirstKey, slot = ring index mod
    /// Capacity, so an entry is one record and writing it overwrites the ring's oldest. Boot
    /// finds the newest ring index (and sequence) by reading the slots. AuditLog keeps two.
    /// </summary>
    internal sealed class AuditRing
    {
        private readonly IRecordStore _store;

        public AuditRing(IRecordStore store, int firstKey, int capacity)
        {
            _store = store;
            FirstKey = firstKey;
            Capacity = capacity;
            Scan();
        }

        public int FirstKey { get; private set; }
        public int Capacity { get; private set; }

        /// <summary>The ring index of the newest entry (0 when empty): entries the ring has ever taken.</summary>
        public uint NewestIndex { get; private set; }

        /// <summary>The newest entry, for coalescing repeats; null when empty.</summary>
        public AuditEntry Newest { get; private set; }

        /// <summary>The highest sequence number found (0 when empty).</summary>
        public uint NewestSequence { get; private set; }

        /// <summary>Entries held (at most Capacity).</summary>
        public int Count { get; private set; }

        /// <summary>Entries pushed out of the ring by newer ones since the terminal was new.</summary>
        public long Overwritten { get { return NewestIndex > Capacity ? NewestIndex - Capacity : 0; } }

        public int SlotKey(uint ringIndex)
        {
            return FirstKey + (int)(ringIndex % (uint)Capacity);
        }

        /// <summary>After the store committed entry: it is the newest (a repeat replaces it in place).</summary>
        public void Took(AuditEntry entry)
        {
            if (entry.RingIndex > NewestIndex)
            {
                NewestIndex = entry.RingIndex;
                if (Count < Capacity) Count++;
            }
            if (entry.Sequence > NewestSequence) NewestSequence = entry.Sequence;
            Newest = entry;
        }

        /// <summary>Up to max held entries, newest first.</summary>
        public AuditEntry[] ReadNewestFirst(int max)
        {
            if (max > Count) max = Count;
            if (max < 0) max = 0;
            AuditEntry[] found = (AuditEntry[])RefArrays.Nulls(new AuditEntry[max]);
            int n = 0;
            uint index = NewestIndex;
            for (int i = 0; i < Capacity && n < max && index >= 1; i++, index--)
            {
                AuditEntry entry = AuditEntry.Decode(_store.Read(SlotKey(index)));
                if (entry != null && entry.RingIndex == index) found[n++] = entry;
            }
            if (n == max) return found;
            AuditEntry[] shorter = (AuditEntry[])RefArrays.Nulls(new AuditEntry[n]);
            System.Array.Copy(found, shorter, n);
            return shorter;
        }

        private void Scan()
        {
            uint[] indexes = new uint[Capacity];
            for (int slot = 0; slot < Capacity; slot++)
            {
                AuditEntry entry = AuditEntry.Decode(_store.Read(FirstKey + slot));
                if (entry == null || entry.RingIndex == 0 || SlotKey(entry.RingIndex) != FirstKey + slot) continue;
                indexes[slot] = entry.RingIndex;
                if (entry.Sequence > NewestSequence) NewestSequence = entry.Sequence;
                if (entry.RingIndex > NewestIndex)
                {
                    NewestIndex = entry.RingIndex;
                    Newest = entry;
                }
            }
            // A slot left behind by a lost newer entry (storage recovery) is out of the window: not counted.
            for (int slot = 0; slot < Capacity; slot++)
            {
                if (indexes[slot] != 0 && NewestIndex - indexes[slot] < Capacity) Count++;
            }
        }
    }
}

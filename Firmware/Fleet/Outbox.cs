using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Storage;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Fleet
{
    /// <summary>
    /// Events waiting in flash for the broker's PUBACK, oldest first, across power cuts and
    /// reboots. Each event has a number (1, 2, ... never reused) and the outbox an epoch (a
    /// random 32-bit value drawn when it is first created), so an event id
    /// "TERMINAL-EPOCH-NUMBER" is never given twice, even after the flash was erased.
    ///
    /// Bound: Capacity (64) events. Appending to a full outbox overwrites the oldest waiting
    /// event (its slot is number mod Capacity): the newest are kept, the drop is counted
    /// (Dropped, carried in every later event as "dropped") and the caller audits it.
    /// Delivery is at least once: an event is deleted only after its PUBACK, so a cut between
    /// PUBACK and delete sends it again; the fleet side counts it once by its id.
    ///
    /// Records: OutboxHead = version (1) = 1, epoch (u32), next number (u32), dropped (u32),
    /// dropping (1: the last append dropped one; absent in a 13-byte head = no); an event =
    /// version (1) = 1, number (u32), payload (UTF-8 JSON, ≤ 251 bytes).
    /// An event is staged with its head into the batch of the operation and audit entry it
    /// reports (Stage, then Committed: FleetAgent as the audit log's listener), so it waits
    /// exactly when the operation happened; delivering deletes the event (one commit).
    /// </summary>
    public sealed class Outbox
    {
        public const int Capacity = RecordKeys.OutboxEvents;
        public const int MaxPayload = LogFormat.MaxValueLength - 5;
        private const byte Version = 1;

        private readonly IRecordStore _store;
        private uint _epoch;
        private uint _next = 1;
        private uint _oldest = 1;
        private int _count;
        private bool _stagedDrop;
        private bool _staged;

        public Outbox(IRecordStore store, ICrypto crypto)
        {
            _store = store;
            if (!LoadHead()) CreateHead(crypto);
            Scan();
        }

        public uint Epoch { get { return _epoch; } }

        /// <summary>The number the next appended event gets.</summary>
        public uint NextNumber { get { return _next; } }

        /// <summary>Events waiting.</summary>
        public int Count { get { return _count; } }

        /// <summary>The next append drops the oldest waiting event.</summary>
        public bool Full { get { return _count == Capacity; } }

        /// <summary>Events dropped because the outbox was full, since it was created.</summary>
        public uint Dropped { get; private set; }

        /// <summary>The last append dropped the oldest waiting event: a run of drops is going on (survives reboots).</summary>
        public bool Dropping { get; private set; }

        /// <summary>
        /// Puts payload, as event NextNumber, and the new head into batch. Returns true when a
        /// waiting event will be dropped for it. Call Committed once batch is committed.
        /// </summary>
        public bool Stage(RecordBatch batch, byte[] payload)
        {
            if (payload.Length > MaxPayload) throw new System.ArgumentException("event payload over " + MaxPayload.ToString() + " bytes");
            bool full = _count == Capacity;
            uint number = _next;
            byte[] record = new byte[5 + payload.Length];
            record[0] = Version;
            LittleEndian.PutU32(record, 1, number);
            System.Array.Copy(payload, 0, record, 5, payload.Length);
            batch.Write(Slot(number), record);
            batch.Write(RecordKeys.OutboxHead, Head(number + 1, full ? Dropped + 1 : Dropped, full));
            _staged = true;
            _stagedDrop = full;
            return full;
        }

        /// <summary>The batch holding the staged event was committed: it waits.</summary>
        public void Committed()
        {
            if (!_staged) return;
            _staged = false;
            _next++;
            Dropping = _stagedDrop;
            if (_stagedDrop)
            {
                Dropped++;
                _oldest++;
            }
            else
            {
                _count++;
            }
        }

        /// <summary>
        /// Appends payload as event NextNumber on its own (one commit). Returns true when a
        /// waiting event had to be dropped for it. Throws StoreFullException, changing nothing.
        /// </summary>
        public bool Append(byte[] payload)
        {
            RecordBatch batch = new RecordBatch(2);
            bool full = Stage(batch, payload);
            _store.Commit(batch);
            Committed();
            return full;
        }

        /// <summary>The oldest waiting event's payload and number, or null when none waits.</summary>
        public byte[] PeekOldest(out uint number)
        {
            number = 0;
            while (_count > 0)
            {
                byte[] record = _store.Read(Slot(_oldest));
                if (record != null && record.Length >= 5 && record[0] == Version && LittleEndian.GetU32(record, 1) == _oldest)
                {
                    number = _oldest;
                    byte[] payload = new byte[record.Length - 5];
                    System.Array.Copy(record, 5, payload, 0, payload.Length);
                    return payload;
                }
                // Lost to storage recovery: skip it (its number stays a gap the fleet can see).
                _oldest++;
                _count--;
            }
            return null;
        }

        /// <summary>The broker acknowledged event number: it leaves the outbox (one commit).</summary>
        public void Delivered(uint number)
        {
            if (_count == 0 || number != _oldest) return;
            _store.Delete(Slot(number));
            _oldest++;
            _count--;
        }

        private static int Slot(uint number)
        {
            return RecordKeys.FirstOutboxEvent + (int)(number % Capacity);
        }

        private byte[] Head(uint next, uint dropped, bool dropping)
        {
            byte[] head = new byte[14];
            head[0] = Version;
            LittleEndian.PutU32(head, 1, _epoch);
            LittleEndian.PutU32(head, 5, next);
            LittleEndian.PutU32(head, 9, dropped);
            head[13] = dropping ? (byte)1 : (byte)0;
            return head;
        }

        private bool LoadHead()
        {
            byte[] head = _store.Read(RecordKeys.OutboxHead);
            // 13 bytes: the first head, before "dropping" was kept.
            if (head == null || (head.Length != 13 && head.Length != 14) || head[0] != Version) return false;
            _epoch = LittleEndian.GetU32(head, 1);
            _next = LittleEndian.GetU32(head, 5);
            Dropped = LittleEndian.GetU32(head, 9);
            Dropping = head.Length == 14 && head[13] == 1;
            return _next >= 1;
        }

        /// <summary>
        /// A new epoch: first use, or a head that is gone or unreadable. Numbers restart at 1,
        /// and the new epoch keeps the new ids apart from any the fleet has already seen.
        /// </summary>
        private void CreateHead(ICrypto crypto)
        {
            byte[] random = new byte[4];
            crypto.Random(random);
            _epoch = LittleEndian.GetU32(random, 0);
            _next = 1;
            Dropped = 0;
            Dropping = false;
            for (int slot = 0; slot < Capacity; slot++) _store.Delete(RecordKeys.FirstOutboxEvent + slot);
            _store.Write(RecordKeys.OutboxHead, Head(_next, 0, false));
        }

        /// <summary>The waiting events are those numbered [next - Capacity, next) whose record is present.</summary>
        private void Scan()
        {
            uint first = _next > Capacity ? _next - Capacity : 1;
            _oldest = _next;
            _count = 0;
            for (uint n = first; n < _next; n++)
            {
                byte[] record = _store.Read(Slot(n));
                if (record == null || record.Length < 5 || record[0] != Version || LittleEndian.GetU32(record, 1) != n) continue;
                if (_count == 0) _oldest = n;
                _count = (int)(n - _oldest) + 1;
            }
        }
    }
}

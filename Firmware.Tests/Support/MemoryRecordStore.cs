using System;
using System.Collections.Generic;
using PosTerminal.Firmware.Storage;

namespace PosTerminal.Firmware.Tests.Support
{
    /// <summary>Thrown by the test doubles where the power goes off; the commit it interrupts is not applied.</summary>
    public sealed class PowerCutException : PosTerminal.Hal.PowerLossException
    {
        public PowerCutException() : base("power cut") { }
    }

    /// <summary>
    /// An in-memory IRecordStore for unit tests: atomic commits, a log of them (shared with
    /// other doubles through Events, to check ordering), a byte budget that makes it "full",
    /// and a power cut at a chosen commit.
    /// </summary>
    public sealed class MemoryRecordStore : IRecordStore
    {
        private readonly Dictionary<int, byte[]> _records = new Dictionary<int, byte[]>();

        public MemoryRecordStore(List<string> events = null)
        {
            Events = events ?? new List<string>();
        }

        /// <summary>"write 0x22", "delete 0x23", in commit order (plus whatever else shares the list).</summary>
        public List<string> Events { get; }

        public int Commits { get; private set; }

        /// <summary>Total value bytes allowed; a write beyond it throws StoreFullException.</summary>
        public int CapacityBytes { get; set; } = int.MaxValue;

        /// <summary>Every commit, deletes included, throws StoreFullException (a log store needs room even for a tombstone).</summary>
        public bool Full { get; set; }

        /// <summary>A commit that touches a key this says true for throws IOException, changing nothing (a littlefs file error).</summary>
        public Func<int, bool> IoErrorOn { get; set; }

        private void CheckIo(int key)
        {
            if (IoErrorOn != null && IoErrorOn(key)) throw new System.IO.IOException("flash error");
        }

        /// <summary>When set, the commit with this number (1-based count from now on) is cut: not applied, PowerCutException.</summary>
        public int? CutAtCommit { get; set; }

        public IEnumerable<int> Keys { get { return _records.Keys; } }

        public byte[] Read(int key)
        {
            byte[] value;
            return _records.TryGetValue(key, out value) ? (byte[])value.Clone() : null;
        }

        public void Write(int key, byte[] value)
        {
            CheckIo(key);
            if (Full) throw new StoreFullException("store full");
            int size = value.Length;
            foreach (var pair in _records) if (pair.Key != key) size += pair.Value.Length;
            if (size > CapacityBytes) throw new StoreFullException("store full");
            Commit("write 0x" + key.ToString("x2"));
            _records[key] = (byte[])value.Clone();
            Damaged.Remove(key);
        }

        public void Delete(int key)
        {
            if (!_records.ContainsKey(key))
            {
                Damaged.Remove(key);
                return;
            }
            CheckIo(key);
            if (Full) throw new StoreFullException("store full");
            Commit("delete 0x" + key.ToString("x2"));
            _records.Remove(key);
            Damaged.Remove(key);
        }

        /// <summary>Atomic: one commit ("batch N") for all of it, or nothing.</summary>
        public void Commit(RecordBatch batch)
        {
            for (int i = 0; i < batch.Count; i++) CheckIo(batch.KeyAt(i));
            if (Full) throw new StoreFullException("store full");
            var next = new Dictionary<int, byte[]>(_records);
            for (int i = 0; i < batch.Count; i++)
            {
                byte[] value = batch.ValueAt(i);
                if (value != null) next[batch.KeyAt(i)] = (byte[])value.Clone();
                else next.Remove(batch.KeyAt(i));
            }
            int size = 0;
            foreach (var pair in next) size += pair.Value.Length;
            if (size > CapacityBytes) throw new StoreFullException("store full");
            Commit("batch " + batch.Count);
            _records.Clear();
            foreach (var pair in next) _records[pair.Key] = pair.Value;
            for (int i = 0; i < batch.Count; i++) Damaged.Remove(batch.KeyAt(i));
        }

        /// <summary>Keys a test marks as damaged (the store's fail-closed signal); a write or delete clears one.</summary>
        public HashSet<int> Damaged { get; } = new HashSet<int>();

        public bool IsDamaged(int key)
        {
            return Damaged.Contains(key);
        }

        /// <summary>Every stored byte, concatenated: for scanning for secrets.</summary>
        public byte[] AllBytes()
        {
            var all = new List<byte>();
            foreach (var value in _records.Values) all.AddRange(value);
            return all.ToArray();
        }

        public Dictionary<int, string> Dump()
        {
            var dump = new Dictionary<int, string>();
            foreach (var pair in _records) dump[pair.Key] = Convert.ToHexString(pair.Value);
            return dump;
        }

        private void Commit(string what)
        {
            if (CutAtCommit.HasValue)
            {
                CutAtCommit--;
                if (CutAtCommit == 0)
                {
                    CutAtCommit = null;
                    throw new PowerCutException();
                }
            }
            Commits++;
            Events.Add(what);
        }
    }
}

using System;

namespace PosTerminal.Firmware.Storage
{
    /// <summary>
    /// Writes and deletes to commit together (IRecordStore.Commit): a factory reset, a restore,
    /// a binding with its audit entry. A key appears at most once; the last Write or Delete of
    /// a key replaces the earlier one. Reusable: Clear, then fill again.
    /// </summary>
    public sealed class RecordBatch
    {
        public const int MaxRecords = 64;

        private readonly int[] _keys;
        private readonly object[] _values;

        public RecordBatch() : this(MaxRecords)
        {
        }

        /// <summary>A batch for at most maxRecords records (a small one costs less heap: the audit log's own).</summary>
        public RecordBatch(int maxRecords)
        {
            _keys = new int[maxRecords];
            _values = PosTerminal.Hal.RefArrays.Nulls(new object[maxRecords]);
        }

        public int Count { get; private set; }

        public int KeyAt(int i) { return _keys[i]; }

        /// <summary>The value to write, or null for a delete.</summary>
        public byte[] ValueAt(int i) { return (byte[])_values[i]; }

        public void Write(int key, byte[] value)
        {
            if (value == null) throw new ArgumentNullException("value");
            Put(key, value);
        }

        public void Delete(int key)
        {
            Put(key, null);
        }

        public void Clear()
        {
            for (int i = 0; i < Count; i++) _values[i] = null;
            Count = 0;
        }

        private void Put(int key, byte[] value)
        {
            for (int i = 0; i < Count; i++)
            {
                if (_keys[i] != key) continue;
                _values[i] = value;
                return;
            }
            if (Count == _keys.Length) throw new ArgumentException("a batch holds at most " + _keys.Length.ToString() + " records");
            _keys[Count] = key;
            _values[Count] = value;
            Count++;
        }
    }
}

namespace PosTerminal.Firmware.Storage
{
    /// <summary>
    /// The members of a batch a scan has read but whose last record it has not reached yet
    /// (SPEC.md, "Batches"). They go into the index only when the last one turns up intact;
    /// anything else in between (a gap, a damaged record, the sector end) drops them: the
    /// batch never committed. Allocated on the first batch a scan meets.
    /// </summary>
    internal sealed class PendingBatch
    {
        private readonly int[] _keys = new int[RecordBatch.MaxRecords];
        private readonly uint[] _seqs = new uint[RecordBatch.MaxRecords];
        private readonly int[] _addresses = new int[RecordBatch.MaxRecords];
        private readonly int[] _sizes = new int[RecordBatch.MaxRecords];
        private readonly bool[] _deleted = new bool[RecordBatch.MaxRecords];

        /// <summary>True between a batch's first record and its last (or whatever breaks it off).</summary>
        public bool Open { get; private set; }

        public int Count { get; private set; }

        public int KeyAt(int i) { return _keys[i]; }

        public uint SeqAt(int i) { return _seqs[i]; }

        public int AddressAt(int i) { return _addresses[i]; }

        public int SizeAt(int i) { return _sizes[i]; }

        public bool DeletedAt(int i) { return _deleted[i]; }

        public void Start()
        {
            Open = true;
            Count = 0;
        }

        /// <summary>Adds a member; false (and the batch dropped) when it holds more than a batch can.</summary>
        public bool Add(int key, uint seq, int address, int size, bool deleted)
        {
            if (!Open) return false;
            if (Count == _keys.Length)
            {
                Drop();
                return false;
            }
            _keys[Count] = key;
            _seqs[Count] = seq;
            _addresses[Count] = address;
            _sizes[Count] = size;
            _deleted[Count] = deleted;
            Count++;
            return true;
        }

        public void Drop()
        {
            Open = false;
            Count = 0;
        }
    }
}

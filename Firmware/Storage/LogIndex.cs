namespace PosTerminal.Firmware.Storage
{
    /// <summary>
    /// RAM index of LogStore: for each key, where its newest record is (values stay in
    /// flash). Parallel arrays searched linearly: the firmware has a few dozen keys, and
    /// nanoFramework's mscorlib has no generic dictionary. Sequences are 30-bit (LogFormat.SeqMask).
    /// </summary>
    internal sealed class LogIndex
    {
        private int[] _keys = new int[16];
        private uint[] _seqs = new uint[16];
        private int[] _addresses = new int[16];
        private int[] _sizes = new int[16];
        private bool[] _deleted = new bool[16];

        public int Count { get; private set; }

        public int LiveKeys
        {
            get
            {
                int n = 0;
                for (int i = 0; i < Count; i++) if (!_deleted[i]) n++;
                return n;
            }
        }

        public int KeyAt(int i) { return _keys[i]; }

        public uint SeqAt(int i) { return _seqs[i]; }

        public int AddressAt(int i) { return _addresses[i]; }

        public int SizeAt(int i) { return _sizes[i]; }

        public bool DeletedAt(int i) { return _deleted[i]; }

        public int Find(int key)
        {
            for (int i = 0; i < Count; i++) if (_keys[i] == key) return i;
            return -1;
        }

        /// <summary>
        /// Flash bytes a compaction would copy, records whole: every value, and every
        /// tombstone too when tombstones are kept (a damage mark is in force, SPEC.md).
        /// </summary>
        public int LiveBytes(bool tombstonesKept)
        {
            int n = 0;
            for (int i = 0; i < Count; i++) if (tombstonesKept || !_deleted[i]) n += _sizes[i];
            return n;
        }

        /// <summary>Record bytes the key takes now in LiveBytes (0 when absent).</summary>
        public int LiveSizeOf(int key, bool tombstonesKept)
        {
            int i = Find(key);
            return i < 0 || (_deleted[i] && !tombstonesKept) ? 0 : _sizes[i];
        }

        public void Clear()
        {
            Count = 0;
        }

        /// <summary>A record found while scanning: kept when it is newer than what the key has.</summary>
        public void Offer(int key, uint seq, int address, int size, bool deleted)
        {
            int i = Find(key);
            if (i >= 0 && _seqs[i] >= seq) return;
            Set(key, seq, address, size, deleted);
        }

        /// <summary>The key's newest record is now this one.</summary>
        public void Set(int key, uint seq, int address, int size, bool deleted)
        {
            int i = Find(key);
            if (i < 0)
            {
                if (Count == _keys.Length) Grow();
                i = Count++;
                _keys[i] = key;
            }
            _seqs[i] = seq;
            _addresses[i] = address;
            _sizes[i] = size;
            _deleted[i] = deleted;
        }

        /// <summary>Drops every key whose newest record is older than seq (damaged: SPEC.md, "Damage"); returns how many.</summary>
        public int DropOlderThan(uint seq)
        {
            int dropped = 0;
            int i = 0;
            while (i < Count)
            {
                if (_seqs[i] < seq)
                {
                    RemoveAt(i);
                    dropped++;
                }
                else
                {
                    i++;
                }
            }
            return dropped;
        }

        public void RemoveAt(int i)
        {
            Count--;
            _keys[i] = _keys[Count];
            _seqs[i] = _seqs[Count];
            _addresses[i] = _addresses[Count];
            _sizes[i] = _sizes[Count];
            _deleted[i] = _deleted[Count];
        }

        private void Grow()
        {
            int n = _keys.Length * 2;
            _keys = Resize(_keys, n);
            _addresses = Resize(_addresses, n);
            _sizes = Resize(_sizes, n);
            uint[] seqs = new uint[n];
            System.Array.Copy(_seqs, seqs, Count);
            _seqs = seqs;
            bool[] deleted = new bool[n];
            System.Array.Copy(_deleted, deleted, Count);
            _deleted = deleted;
        }

        private static int[] Resize(int[] a, int n)
        {
            int[] b = new int[n];
            System.Array.Copy(a, b, a.Length);
            return b;
        }
    }
}

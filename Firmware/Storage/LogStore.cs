using System;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Storage
{
    /// <summary>
    /// A log-structured record store on NOR flash that survives a power cut at any point and
    /// fails closed on damage. Records are appended to a ring of sectors; a record is
    /// committed when its CRC word is programmed; deletes are tombstones; a batch is one
    /// contiguous run whose last record commits it; the oldest sector is compacted into the
    /// spare one when the ring fills. Format, commit protocol, correction and recovery: SPEC.md;
    /// why: DESIGN.md. This file: the API and the commit path. LogStore.Compaction.cs,
    /// LogStore.Mount.cs (boot), LogStore.Scan.cs, LogStore.Damage.cs, LogStore.Repair.cs.
    /// </summary>
    public sealed partial class LogStore : IRecordStore
    {
        private readonly IFlash _flash;
        private readonly int _sectorSize;
        private readonly int _sectorCount;
        private readonly uint[] _sectorSeq;
        private readonly bool[] _inUse;
        // Erased in this power cycle and untouched since: can be opened without another erase.
        private readonly bool[] _erased;
        private readonly LogIndex _index = new LogIndex();
        private readonly byte[] _record = new byte[LogFormat.MaxRecordSize];
        private readonly byte[] _header = new byte[LogFormat.SectorHeaderSize];
        private readonly byte[] _check = new byte[64];
        private readonly byte[] _zero = new byte[4];
        private readonly byte[] _u32 = new byte[4];

        // The sector taking appends; -1 when the next commit must open a fresh one.
        private int _head = -1;
        private int _headOffset;
        // Address of a gap mark the next commit must program first (-1: none): see Settle.
        private int _pendingGap = -1;
        // The in-use sector with the highest sequence: the ring continues after it.
        private int _newest = -1;
        private uint _nextRecordSeq = 1;
        private uint _nextSectorSeq = 1;
        private uint _retiredUpTo;
        // Damage in force: every key whose newest record is older than this (or has none) is
        // damaged; 0 = none. The index holds no entry older than it.
        private uint _damageSeq;
        // The damage mark recording _damageSeq still has to be committed (before anything else).
        private bool _markPending;
        // Where the damage mark in force and the retire record in force sit (-1: none known).
        private int _markAddress = -1;
        private int _retireAddress = -1;

        /// <summary>Mounts the store on the whole flash region, recovering from whatever a power cut or damage left.</summary>
        public LogStore(IFlash flash)
        {
            if (flash == null) throw new ArgumentNullException("flash");
            if (4 % flash.WriteUnit != 0) throw new ArgumentException("flash write unit must divide 4");
            if (flash.SectorCount < 3) throw new ArgumentException("the log needs at least 3 sectors");
            if (flash.SectorSize % 4 != 0 || flash.SectorSize < 1024) throw new ArgumentException("flash sectors are too small for the log");
            _flash = flash;
            _sectorSize = flash.SectorSize;
            _sectorCount = flash.SectorCount;
            _sectorSeq = new uint[_sectorCount];
            _inUse = new bool[_sectorCount];
            _erased = new bool[_sectorCount];
            _content = new bool[_sectorCount];
            _v1 = new bool[_sectorCount];
            _headerFixed = new int[_sectorCount];
            _firstSeq = new uint[_sectorCount];
            _endUnresolved = new bool[_sectorCount];
            int commit = ((_sectorSize - Reserved) / 2) & ~3;
            MaxCommitBytes = commit > LogFormat.MaxRecordSize ? commit : LogFormat.MaxRecordSize;
            // Two sectors' worth is kept back: the spare that compaction copies into, and the
            // worst-case loss to commits that do not fit at the end of each sector (SPEC.md, "Space").
            Capacity = (_sectorCount - 2) * (_sectorSize - Reserved - MaxCommitBytes);
            Mount();
        }

        /// <summary>What boot recovery found (see MountOutcome).</summary>
        public MountReport MountReport { get; private set; }

        /// <summary>Live bytes (whole records, see LogFormat.RecordSize) the store accepts.</summary>
        public int Capacity { get; }

        /// <summary>The most record bytes one commit may take (a batch must fit one sector with room to spare).</summary>
        public int MaxCommitBytes { get; }

        /// <summary>Flash bytes a compaction would copy now, records whole.</summary>
        public int LiveBytes
        {
            get { return _index.LiveBytes(TombstonesKept) + (_damageSeq > 0 ? LogFormat.MarkRecordSize : 0); }
        }

        // Per sector: its header, a copied damage mark, and the two records kept room for at its end.
        private const int Reserved = LogFormat.SectorHeaderSize + 3 * LogFormat.MarkRecordSize;

        // Normal appends stop short of the sector end so that a damage mark and a retire record always fit.
        private int AppendLimit { get { return _sectorSize - 2 * LogFormat.MarkRecordSize; } }

        // With damage in force a missing record means "damaged", so a tombstone must outlive compaction.
        private bool TombstonesKept { get { return _damageSeq > 0; } }

        // ---- IRecordStore -------------------------------------------------------------------

        /// <summary>The value, or null: absent, deleted, or damaged (see IsDamaged).</summary>
        public byte[] Read(int key)
        {
            int i = _index.Find(key);
            if (i < 0 || _index.DeletedAt(i)) return null;
            if (!LoadRecord(_index.AddressAt(i), _index.SizeAt(i), key))
            {
                // Went bad since boot and no single flip explains it: this key, and every key
                // as old, is damaged from now on (what the next boot will conclude too).
                DamageFound(_index.SeqAt(i) + 1);
                return null;
            }
            int length = LogFormat.ReadU16(_record, 2) & LogFormat.InfoLengthMask;
            byte[] value = new byte[length];
            Array.Copy(_record, LogFormat.RecordHeaderSize, value, 0, length);
            return value;
        }

        public void Write(int key, byte[] value)
        {
            CheckKey(key);
            if (value == null) throw new ArgumentNullException("value");
            CheckLength(value.Length);
            int size = LogFormat.RecordSize(value.Length);
            CheckRoom(LiveBytes - _index.LiveSizeOf(key, TombstonesKept) + size);
            AppendOne(key, value, false);
        }

        /// <summary>Commits a tombstone; a no-op when the key is absent and not damaged (a damaged key's delete clears it).</summary>
        public void Delete(int key)
        {
            CheckKey(key);
            if (!DeleteChanges(key)) return;
            CheckRoom(LiveBytes - _index.LiveSizeOf(key, TombstonesKept) + (TombstonesKept ? LogFormat.RecordSize(0) : 0));
            AppendOne(key, null, true);
        }

        /// <summary>
        /// One commit for the whole batch: its records are programmed as one contiguous run in
        /// one sector, the last one closing it, so a boot applies all of them or none (SPEC.md,
        /// "Batches"). Checks keys, sizes and space first: a bad or oversized batch throws and
        /// changes nothing.
        /// </summary>
        public void Commit(RecordBatch batch)
        {
            if (batch == null) throw new ArgumentNullException("batch");
            bool[] member = new bool[batch.Count];
            int members = 0;
            int total = 0;
            int live = LiveBytes;
            for (int i = 0; i < batch.Count; i++)
            {
                int key = batch.KeyAt(i);
                CheckKey(key);
                byte[] value = batch.ValueAt(i);
                if (value != null) CheckLength(value.Length);
                else if (!DeleteChanges(key)) continue;
                int size = LogFormat.RecordSize(value == null ? 0 : value.Length);
                member[i] = true;
                members++;
                total += size;
                live += (value != null || TombstonesKept ? size : 0) - _index.LiveSizeOf(key, TombstonesKept);
            }
            if (members == 0) return;
            if (total > MaxCommitBytes)
                throw new ArgumentException("a batch of " + total + " record bytes; one commit holds at most " + MaxCommitBytes);
            CheckRoom(live);
            if (members == 1)
            {
                for (int i = 0; i < batch.Count; i++)
                {
                    if (member[i]) AppendOne(batch.KeyAt(i), batch.ValueAt(i), batch.ValueAt(i) == null);
                }
                return;
            }
            AppendBatch(batch, member, members, total);
        }

        /// <summary>
        /// True when the store found damage that may have hit key's newest record: Read gives
        /// none then. Cleared by the key's next Write or Delete (also in a Commit).
        /// </summary>
        public bool IsDamaged(int key)
        {
            if (key < 1 || key > LogFormat.MaxKey) return false;
            return _damageSeq > 0 && _index.Find(key) < 0;
        }

        private static void CheckKey(int key)
        {
            if (key < 1 || key > LogFormat.MaxKey) throw new ArgumentOutOfRangeException("key", "keys are 1.." + LogFormat.MaxKey);
        }

        private static void CheckLength(int length)
        {
            if (length > LogFormat.MaxValueLength)
                throw new ArgumentException("value of " + length + " bytes; at most " + LogFormat.MaxValueLength);
        }

        private void CheckRoom(int live)
        {
            if (live > Capacity) throw new StoreFullException("store full: " + live + " of " + Capacity + " bytes needed");
        }

        private bool DeleteChanges(int key)
        {
            int i = _index.Find(key);
            return (i >= 0 && !_index.DeletedAt(i)) || IsDamaged(key);
        }

        // ---- commit path -------------------------------------------------------------------

        private void AppendOne(int key, byte[] value, bool deleted)
        {
            int length = deleted ? 0 : value.Length;
            int size = LogFormat.RecordSize(length);
            int address = Reserve(size);
            uint seq = EncodeRecord(_record, 0, key, value, length, deleted, 0);
            ProgramCommit(address, _record, size);
            _index.Set(key, seq, address, size, deleted);
        }

        private void AppendBatch(RecordBatch batch, bool[] member, int members, int total)
        {
            int address = Reserve(total);
            byte[] run = new byte[total];
            int at = 0;
            int n = 0;
            for (int i = 0; i < batch.Count; i++)
            {
                if (!member[i]) continue;
                byte[] value = batch.ValueAt(i);
                uint role = n == 0 ? LogFormat.RoleFirst : n == members - 1 ? LogFormat.RoleLast : LogFormat.RoleMiddle;
                EncodeRecord(run, at, batch.KeyAt(i), value, value == null ? 0 : value.Length, value == null, role);
                at += LogFormat.RecordSize(value == null ? 0 : value.Length);
                n++;
            }
            // One program, words in address order: the last record's CRC word goes last.
            ProgramCommit(address, run, total);
            at = 0;
            for (int i = 0; i < batch.Count; i++)
            {
                if (!member[i]) continue;
                byte[] value = batch.ValueAt(i);
                int size = LogFormat.RecordSize(value == null ? 0 : value.Length);
                _index.Set(batch.KeyAt(i), LogFormat.ReadU32(run, at + 4) & LogFormat.SeqMask, address + at, size, value == null);
                at += size;
            }
        }

        /// <summary>
        /// Programs a commit (records laid out in buffer) at the head, where Reserve found
        /// erased words, and moves the head past it. Words go in address order, so each
        /// record's CRC word, its commit mark, is programmed after the rest of it. If the flash
        /// throws, what it left is sealed under a gap mark before the next commit, which opens
        /// a fresh sector.
        /// </summary>
        private void ProgramCommit(int address, byte[] buffer, int size)
        {
            try
            {
                _flash.Program(address, buffer, 0, size);
            }
            catch
            {
                _pendingGap = address;
                _head = -1;
                throw;
            }
            _headOffset += size;
        }

        /// <summary>
        /// Lays out a record at offset: header, value, 0xFF padding, CRC over header and value.
        /// Takes the next sequence numbers until the CRC has at most MaxCrcBits bits set
        /// (LogFormat.MaxCrcBits says why). Returns the sequence it got.
        /// </summary>
        private uint EncodeRecord(byte[] buffer, int offset, int key, byte[] value, int length, bool deleted, uint role)
        {
            int info = (deleted ? 0 : LogFormat.InfoValue) | LogFormat.InfoReserved | length;
            LogFormat.WriteU16(buffer, offset, key);
            LogFormat.WriteU16(buffer, offset + 2, info);
            if (length > 0) Array.Copy(value, 0, buffer, offset + LogFormat.RecordHeaderSize, length);
            return Seal(buffer, offset, length, role);
        }

        /// <summary>Gives the record at offset the next sequence (and role), pads it and writes its CRC.</summary>
        private uint Seal(byte[] buffer, int offset, int length, uint role)
        {
            int padded = LogFormat.Padded(length);
            int body = offset + LogFormat.RecordHeaderSize;
            for (int p = body + length; p < body + padded; p++) buffer[p] = 0xFF;
            while (true)
            {
                uint seq = _nextRecordSeq++ & LogFormat.SeqMask;
                if (seq == 0) continue;
                LogFormat.WriteU32(buffer, offset + 4, seq | role);
                uint crc = Crc32.Compute(buffer, offset, LogFormat.RecordHeaderSize + length);
                if (LogFormat.BitCount(crc) > LogFormat.MaxCrcBits) continue;
                LogFormat.WriteU32(buffer, body + padded, crc);
                return seq;
            }
        }

        // ---- room -------------------------------------------------------------------

        /// <summary>
        /// Room for size contiguous bytes at the head, on words that read erased: the address.
        /// Pending work goes first: the gap mark a boot or a failed program left, then a damage
        /// mark (so it is on flash before a compaction could erase what it records).
        /// </summary>
        private int Reserve(int size)
        {
            if (_pendingGap >= 0)
            {
                int gap = _pendingGap;
                _pendingGap = -1;
                ProgramGap(gap);
            }
            if (_markPending) AppendMark();
            return ReserveAtHead(size);
        }

        /// <summary>Like Reserve without the pending work: opens (and compacts) sectors as needed.</summary>
        private int ReserveAtHead(int size)
        {
            // Capacity guarantees a fit within SectorCount - 1 compactions (SPEC.md, "Space");
            // gaps over words that do not read erased add a few more tries.
            for (int attempt = 0; attempt <= 4 * _sectorCount; attempt++)
            {
                if (_head >= 0)
                {
                    int address = TakeHeadRoom(size, AppendLimit);
                    if (address >= 0) return address;
                }
                OpenNextSector();
            }
            throw new StoreFullException("store full: no room after compaction");
        }

        /// <summary>
        /// The next size bytes of the head below limit that read erased, skipping under gap
        /// marks whatever does not (a flipped bit, a write that failed): the address, or -1
        /// when the head has no such room. Nothing is ever programmed over a word that is
        /// not erased (SPEC.md, "Programming rules").
        /// </summary>
        private int TakeHeadRoom(int size, int limit)
        {
            while (_headOffset + size <= limit)
            {
                int address = SectorBase(_head) + _headOffset;
                if (ReadsErased(address, size)) return address;
                ProgramGap(address);
                _headOffset += LogFormat.GapSize;
            }
            return -1;
        }

        private bool ReadsErased(int address, int size)
        {
            for (int done = 0; done < size; done += _check.Length)
            {
                int n = size - done < _check.Length ? size - done : _check.Length;
                _flash.Read(address + done, _check, 0, n);
                for (int i = 0; i < n; i++) if (_check[i] != 0xFF) return false;
            }
            return true;
        }

        /// <summary>A gap mark: zeros, which programming may always put over anything.</summary>
        private void ProgramGap(int address)
        {
            _flash.Program(address, _zero, 0, 4);
        }

        private int SectorBase(int sector)
        {
            return sector * _sectorSize;
        }
    }
}

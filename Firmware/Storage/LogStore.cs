using System;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Storage
{
    /// <summary>
    /// A log-structured record store on NOR flash that survives a power cut at any point.
    /// Records are appended to a ring of sectors; a record is committed when its CRC word
    /// is programmed; deletes are tombstones; the oldest sector is compacted into the spare
    /// one when the ring fills. Format, commit protocol and recovery rules: SPEC.md.
    /// This file: the commit path and compaction. LogStore.Mount.cs: boot recovery.
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
        private readonly byte[] _zero = new byte[4];
        private readonly byte[] _retireValue = new byte[4];

        // The sector taking appends; -1 when the next commit must open a fresh one.
        private int _head = -1;
        private int _headOffset;
        // Address of a gap mark the next append must program first (-1: none): see Settle.
        private int _pendingGap = -1;
        // The in-use sector with the highest sequence: the ring continues after it.
        private int _newest = -1;
        private uint _nextRecordSeq = 1;
        private uint _nextSectorSeq = 1;
        private uint _retiredUpTo;

        /// <summary>Mounts the store on the whole flash region, recovering from whatever a power cut or corruption left.</summary>
        public LogStore(IFlash flash)
        {
            if (flash == null) throw new ArgumentNullException("flash");
            if (4 % flash.WriteUnit != 0) throw new ArgumentException("flash write unit must divide 4");
            if (flash.SectorCount < 3) throw new ArgumentException("the log needs at least 3 sectors");
            int payload = flash.SectorSize - LogFormat.SectorHeaderSize - 2 * LogFormat.RetireRecordSize - MaxRecordSize;
            if (flash.SectorSize % 4 != 0 || payload < MaxRecordSize) throw new ArgumentException("flash sectors are too small for the log");
            _flash = flash;
            _sectorSize = flash.SectorSize;
            _sectorCount = flash.SectorCount;
            _sectorSeq = new uint[_sectorCount];
            _inUse = new bool[_sectorCount];
            _erased = new bool[_sectorCount];
            // Two sectors' worth is kept back: the spare that compaction copies into, and
            // the worst-case loss to records that do not fit at the end of each sector.
            Capacity = (_sectorCount - 2) * payload;
            Mount();
        }

        /// <summary>What boot recovery found (see MountOutcome).</summary>
        public MountReport MountReport { get; private set; }

        /// <summary>Live bytes (whole records, see LogFormat.RecordSize) the store accepts.</summary>
        public int Capacity { get; }

        /// <summary>Flash bytes the current values take, records whole.</summary>
        public int LiveBytes { get { return _index.LiveBytes; } }

        private static int MaxRecordSize { get { return LogFormat.MaxRecordSize; } }

        // Normal appends stop short of the sector end so that one retire record always fits.
        private int AppendLimit { get { return _sectorSize - LogFormat.RetireRecordSize; } }

        // ---- IRecordStore -------------------------------------------------------------------

        public byte[] Read(int key)
        {
            for (int attempt = 0; attempt < 2; attempt++)
            {
                int i = _index.Find(key);
                if (i < 0 || _index.DeletedAt(i)) return null;
                if (LoadRecord(_index.AddressAt(i), _index.SizeAt(i), key))
                {
                    int length = LogFormat.ReadU16(_record, 2) & LogFormat.InfoLengthMask;
                    byte[] value = new byte[length];
                    Array.Copy(_record, LogFormat.RecordHeaderSize, value, 0, length);
                    return value;
                }
                // The record went bad since boot: fall back to the newest intact one.
                Rescan();
            }
            return null;
        }

        public void Write(int key, byte[] value)
        {
            CheckKey(key);
            if (value == null) throw new ArgumentNullException("value");
            if (value.Length > LogFormat.MaxValueLength)
                throw new ArgumentException("value of " + value.Length + " bytes; at most " + LogFormat.MaxValueLength);
            int size = LogFormat.RecordSize(value.Length);
            if (_index.LiveBytes - _index.LiveSizeOf(key) + size > Capacity)
                throw new StoreFullException("store full: " + _index.LiveBytes + " of " + Capacity + " bytes used");
            Append(key, value, false);
        }

        public void Delete(int key)
        {
            CheckKey(key);
            int i = _index.Find(key);
            if (i < 0 || _index.DeletedAt(i)) return;
            Append(key, null, true);
        }

        /// <summary>
        /// NOT YET ATOMIC: commits the batch's records one by one (issue 10, item 5, is making
        /// this one commit). Checks the keys and the space first, so a bad batch changes nothing.
        /// </summary>
        public void Commit(RecordBatch batch)
        {
            if (batch == null) throw new ArgumentNullException("batch");
            int live = _index.LiveBytes;
            for (int i = 0; i < batch.Count; i++)
            {
                int key = batch.KeyAt(i);
                CheckKey(key);
                byte[] value = batch.ValueAt(i);
                live -= _index.LiveSizeOf(key);
                if (value != null) live += LogFormat.RecordSize(value.Length);
            }
            if (live > Capacity) throw new StoreFullException("store full: the batch needs " + live + " of " + Capacity + " bytes");
            for (int i = 0; i < batch.Count; i++)
            {
                byte[] value = batch.ValueAt(i);
                if (value != null) Write(batch.KeyAt(i), value);
                else Delete(batch.KeyAt(i));
            }
        }

        /// <summary>NOT YET: always false (issue 10, item 4, adds damage tracking per key).</summary>
        public bool IsDamaged(int key)
        {
            return false;
        }

        private static void CheckKey(int key)
        {
            if (key < 1 || key > LogFormat.MaxKey) throw new ArgumentOutOfRangeException("key", "keys are 1.." + LogFormat.MaxKey);
        }

        // ---- commit path -------------------------------------------------------------------

        private void Append(int key, byte[] value, bool deleted)
        {
            int length = deleted ? 0 : value.Length;
            int size = LogFormat.RecordSize(length);
            MakeRoom(size);
            if (_pendingGap >= 0)
            {
                _flash.Program(_pendingGap, _zero, 0, 4);
                _pendingGap = -1;
            }
            int address = SectorBase(_head) + _headOffset;
            uint seq = _nextRecordSeq++;
            EncodeRecord(key, seq, value, length, deleted);
            ProgramRecord(address, size);
            _headOffset += size;
            _index.Set(key, seq, address, size, deleted);
        }

        /// <summary>
        /// Body first, CRC word last, as two programs: until the CRC word is whole the
        /// record does not verify, so the CRC word is the commit mark.
        /// </summary>
        private void ProgramRecord(int address, int size)
        {
            _flash.Program(address, _record, 0, size - LogFormat.CrcSize);
            _flash.Program(address + size - LogFormat.CrcSize, _record, size - LogFormat.CrcSize, LogFormat.CrcSize);
        }

        /// <summary>Lays out a record in _record: header, value, 0xFF padding, CRC over header and value.</summary>
        private void EncodeRecord(int key, uint seq, byte[] value, int length, bool deleted)
        {
            int info = (deleted ? 0 : LogFormat.InfoValue) | LogFormat.InfoReserved | length;
            LogFormat.WriteU16(_record, 0, key);
            LogFormat.WriteU16(_record, 2, info);
            LogFormat.WriteU32(_record, 4, seq);
            if (length > 0) Array.Copy(value, 0, _record, LogFormat.RecordHeaderSize, length);
            SealRecord(length);
        }

        /// <summary>Pads the value in _record with 0xFF and appends its CRC.</summary>
        private void SealRecord(int length)
        {
            int padded = LogFormat.Padded(length);
            for (int p = LogFormat.RecordHeaderSize + length; p < LogFormat.RecordHeaderSize + padded; p++) _record[p] = 0xFF;
            uint crc = Crc32.Compute(_record, 0, LogFormat.RecordHeaderSize + length);
            LogFormat.WriteU32(_record, LogFormat.RecordHeaderSize + padded, crc);
        }

        /// <summary>Makes the head able to take size more bytes, opening (and compacting) sectors as needed.</summary>
        private void MakeRoom(int size)
        {
            // Capacity guarantees a fit within SectorCount - 1 compactions (SPEC.md, "Space").
            for (int attempt = 0; attempt <= 2 * _sectorCount; attempt++)
            {
                if (_head >= 0 && _headOffset + size <= AppendLimit) return;
                OpenNextSector();
            }
            throw new StoreFullException("store full: no room after compaction");
        }

        /// <summary>
        /// Opens the free sector after the newest one as the head. When that used up the
        /// last free sector, the oldest sector is compacted into the new head at once, so
        /// one sector is always spare when this returns.
        /// </summary>
        private void OpenNextSector()
        {
            int sector = NextFreeSector();
            if (!_erased[sector]) _flash.Erase(sector);
            _erased[sector] = false;
            uint seq = _nextSectorSeq++;
            EncodeSectorHeader(seq);
            _flash.Program(SectorBase(sector), _header, 0, _header.Length);
            _inUse[sector] = true;
            _sectorSeq[sector] = seq;
            _head = sector;
            _headOffset = LogFormat.SectorHeaderSize;
            _pendingGap = -1;
            _newest = sector;
            if (FreeSectors() == 0) CompactOldest();
        }

        private void EncodeSectorHeader(uint seq)
        {
            LogFormat.WriteU32(_header, 0, LogFormat.SectorMagic);
            LogFormat.WriteU16(_header, 4, LogFormat.Version);
            LogFormat.WriteU16(_header, 6, 0xFFFF);
            LogFormat.WriteU32(_header, 8, seq);
            LogFormat.WriteU32(_header, 12, Crc32.Compute(_header, 0, 12));
        }

        // ---- compaction -------------------------------------------------------------------

        /// <summary>
        /// Copies the live records of the oldest sector into the (fresh) head, commits a
        /// retire record naming it, then erases it. A cut anywhere leaves either the source
        /// or the copies readable, or both (duplicates: the higher sequence wins).
        /// </summary>
        private void CompactOldest()
        {
            int source = OldestSector();
            CopyLiveRecords(source);
            AppendRetire(_sectorSeq[source]);
            _retiredUpTo = _sectorSeq[source];
            _inUse[source] = false;
            _flash.Erase(source);
            _erased[source] = true;
        }

        private void CopyLiveRecords(int source)
        {
            int start = SectorBase(source);
            int rescans = 0;
            int i = 0;
            while (i < _index.Count)
            {
                int address = _index.AddressAt(i);
                if (address < start || address >= start + _sectorSize)
                {
                    i++;
                    continue;
                }
                if (_index.DeletedAt(i))
                {
                    // Every older record of this key is in this sector too: the tombstone
                    // has nothing left to hide once the sector is retired.
                    _index.RemoveAt(i);
                    continue;
                }
                int size = _index.SizeAt(i);
                int key = _index.KeyAt(i);
                if (!LoadRecord(address, size, key))
                {
                    // Went bad since boot: rebuild the index (newest intact wins) and start over.
                    if (rescans++ < 2) Rescan();
                    else _index.RemoveAt(i);
                    i = 0;
                    continue;
                }
                if (_headOffset + size + LogFormat.RetireRecordSize > _sectorSize)
                    throw new InvalidOperationException("log store: compaction overflow");
                uint seq = _nextRecordSeq++;
                LogFormat.WriteU32(_record, 4, seq);
                SealRecord(LogFormat.ReadU16(_record, 2) & LogFormat.InfoLengthMask);
                int target = SectorBase(_head) + _headOffset;
                ProgramRecord(target, size);
                _headOffset += size;
                _index.Set(key, seq, target, size, false);
                i++;
            }
        }

        private void AppendRetire(uint sectorSeq)
        {
            LogFormat.WriteU32(_retireValue, 0, sectorSeq);
            EncodeRecord(LogFormat.RetireKey, _nextRecordSeq++, _retireValue, 4, false);
            ProgramRecord(SectorBase(_head) + _headOffset, LogFormat.RetireRecordSize);
            _headOffset += LogFormat.RetireRecordSize;
        }

        // ---- sectors -------------------------------------------------------------------

        private int SectorBase(int sector)
        {
            return sector * _sectorSize;
        }

        /// <summary>The first free sector after the newest, in ring order: every sector takes its turn.</summary>
        private int NextFreeSector()
        {
            int start = _newest < 0 ? 0 : _newest + 1;
            for (int i = 0; i < _sectorCount; i++)
            {
                int s = (start + i) % _sectorCount;
                if (!_inUse[s]) return s;
            }
            throw new InvalidOperationException("log store: no free sector");
        }

        /// <summary>The in-use sector with the lowest sequence, other than the head.</summary>
        private int OldestSector()
        {
            int oldest = -1;
            for (int s = 0; s < _sectorCount; s++)
            {
                if (!_inUse[s] || s == _head) continue;
                if (oldest < 0 || _sectorSeq[s] < _sectorSeq[oldest]) oldest = s;
            }
            if (oldest < 0) throw new InvalidOperationException("log store: nothing to compact");
            return oldest;
        }

        private int FreeSectors()
        {
            int n = 0;
            for (int s = 0; s < _sectorCount; s++) if (!_inUse[s]) n++;
            return n;
        }

        /// <summary>Reads the record at address into _record; true when it is whole, is for key and its CRC matches.</summary>
        private bool LoadRecord(int address, int size, int key)
        {
            _flash.Read(address, _record, 0, size);
            int info = LogFormat.ReadU16(_record, 2);
            int length = info & LogFormat.InfoLengthMask;
            return LogFormat.ReadU16(_record, 0) == key && LogFormat.RecordSize(length) == size && RecordIntact(length);
        }

        /// <summary>True when the CRC in _record matches its header and value.</summary>
        private bool RecordIntact(int length)
        {
            uint stored = LogFormat.ReadU32(_record, LogFormat.RecordHeaderSize + LogFormat.Padded(length));
            return stored == Crc32.Compute(_record, 0, LogFormat.RecordHeaderSize + length);
        }
    }
}

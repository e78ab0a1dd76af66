using System;

namespace PosTerminal.Firmware.Storage
{
    /// <summary>Opening sectors, compaction, and the internal records (retire records, damage marks).</summary>
    public sealed partial class LogStore
    {
        /// <summary>
        /// Opens the free sector after the newest one as the head. A pending damage mark goes
        /// in first. When that used up the last free sector, the oldest sector is compacted
        /// into the new head at once, so one sector is always spare when this returns.
        /// </summary>
        private void OpenNextSector()
        {
            int sector = NextFreeSector();
            int start = SectorBase(sector);
            if (!_erased[sector] || !ReadsErased(start, LogFormat.SectorHeaderSize)) _flash.Erase(sector);
            _erased[sector] = false;
            if (!ReadsErased(start, LogFormat.SectorHeaderSize))
                throw new InvalidOperationException("log store: sector " + sector + " does not erase");
            uint seq = _nextSectorSeq++;
            EncodeSectorHeader(seq);
            _flash.Program(start, _header, 0, _header.Length);
            _inUse[sector] = true;
            _sectorSeq[sector] = seq;
            _head = sector;
            _headOffset = LogFormat.SectorHeaderSize;
            _newest = sector;
            if (_markPending) WriteMark(TakeHeadRoom(LogFormat.MarkRecordSize, AppendLimit));
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
        /// Copies what is in force in the oldest sector into the (fresh) head, commits a
        /// retire record naming it, then erases it. A cut anywhere leaves either the source
        /// or the copies readable, or both (duplicates: the higher sequence wins).
        /// </summary>
        private void CompactOldest()
        {
            int source = OldestSector();
            int start = SectorBase(source);
            CopyLiveRecords(source);
            // The damage mark in force is rewritten from RAM when it lived in the source, or
            // when a record found damaged during the copies made a new one.
            if (_damageSeq > 0 && (_markPending || (_markAddress >= start && _markAddress < start + _sectorSize)))
                WriteMark(CompactionRoom(LogFormat.MarkRecordSize, _sectorSize - LogFormat.MarkRecordSize));
            WriteRetire(CompactionRoom(LogFormat.MarkRecordSize, _sectorSize), _sectorSeq[source]);
            _retiredUpTo = _sectorSeq[source];
            _inUse[source] = false;
            _flash.Erase(source);
            _erased[source] = true;
        }

        private void CopyLiveRecords(int source)
        {
            int start = SectorBase(source);
            int i = 0;
            while (i < _index.Count)
            {
                int address = _index.AddressAt(i);
                if (address < start || address >= start + _sectorSize)
                {
                    i++;
                    continue;
                }
                if (_index.DeletedAt(i) && !TombstonesKept)
                {
                    // Every older record of this key is in this sector too, or already
                    // retired: once the sector goes, the tombstone has nothing left to hide.
                    _index.RemoveAt(i);
                    continue;
                }
                int key = _index.KeyAt(i);
                int size = _index.SizeAt(i);
                int target = CompactionRoom(size, _sectorSize - 2 * LogFormat.MarkRecordSize);
                if (!LoadRecord(address, size, key))
                {
                    // Went bad since boot: damage (this key and all as old), then start over.
                    DamageFound(_index.SeqAt(i) + 1);
                    i = 0;
                    continue;
                }
                uint seq = Seal(_record, 0, LogFormat.ReadU16(_record, 2) & LogFormat.InfoLengthMask, 0);
                _flash.Program(target, _record, 0, size);
                _headOffset += size;
                _index.Set(key, seq, target, size, _index.DeletedAt(i));
                i++;
            }
        }

        /// <summary>Room in the head during a compaction, which never opens another sector (SPEC.md, "Space").</summary>
        private int CompactionRoom(int size, int limit)
        {
            int address = TakeHeadRoom(size, limit);
            if (address < 0) throw new InvalidOperationException("log store: compaction overflow");
            return address;
        }

        // ---- internal records -------------------------------------------------------------

        /// <summary>Commits the pending damage mark at the head (opening a sector writes it itself).</summary>
        private void AppendMark()
        {
            int address = ReserveAtHead(LogFormat.MarkRecordSize);
            if (_markPending) WriteMark(address);
        }

        /// <summary>A damage mark for _damageSeq at address (which reads erased).</summary>
        private void WriteMark(int address)
        {
            _markAddress = address;
            _markPending = false;
            ProgramInternal(address, LogFormat.DamageKey, _damageSeq);
        }

        private void WriteRetire(int address, uint sectorSeq)
        {
            _retireAddress = address;
            ProgramInternal(address, LogFormat.RetireKey, sectorSeq);
        }

        private void ProgramInternal(int address, int key, uint value)
        {
            LogFormat.WriteU32(_u32, 0, value);
            EncodeRecord(_record, 0, key, _u32, 4, false, 0);
            ProgramCommit(address, _record, LogFormat.MarkRecordSize);
        }

        // ---- sectors -------------------------------------------------------------------

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
    }
}

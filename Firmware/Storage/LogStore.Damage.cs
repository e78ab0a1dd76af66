using System;

namespace PosTerminal.Firmware.Storage
{
    /// <summary>
    /// Damage the store cannot pin on a key, and failing closed on it (SPEC.md, "Damage").
    /// A damage site's position in the log is known even when its bytes are not: every key
    /// whose newest record is older than the first intact record after it may have lost a
    /// newer one there. A damage mark makes that durable; IsDamaged answers from it.
    /// </summary>
    public sealed partial class LogStore
    {
        private const int MaxFixes = 16;

        // Damage sites this scan: how many, and the highest "first intact record after it"
        // sequence; _siteTail: one has nothing intact after it at all.
        private int _sites;
        private uint _siteSeq;
        private bool _siteTail;
        // Records read through a corrected bit (their addresses), and gap marks with stray 1 bits.
        private readonly int[] _fixes = new int[MaxFixes];
        private int _fixCount;
        private int _correctedBeyondList;
        private readonly int[] _gapFixes = new int[MaxFixes];
        private int _gapFixCount;
        // The highest sequence of any intact record, orphans included: new records go above it.
        private uint _maxSeenSeq;
        private byte[] _spare;

        private void ClearSites()
        {
            _sites = 0;
            _siteSeq = 0;
            _siteTail = false;
            _fixCount = 0;
            _correctedBeyondList = 0;
            _gapFixCount = 0;
        }

        /// <summary>A damage site whose first intact successor has sequence seq.</summary>
        private void NoteSite(uint seq)
        {
            _sites++;
            if (seq > _siteSeq) _siteSeq = seq;
        }

        /// <summary>A damage site with nothing intact after it: every key may have lost its newest record.</summary>
        private void NoteTailSite()
        {
            _sites++;
            _siteTail = true;
        }

        private void NoteCorrection(int address)
        {
            if (_fixCount < MaxFixes) _fixes[_fixCount++] = address;
            else _correctedBeyondList++;
        }

        private void NoteGapFix(int address)
        {
            if (_gapFixCount < MaxFixes) _gapFixes[_gapFixCount++] = address;
        }

        /// <summary>
        /// After the scan: damage at a sector's end resolves to the first intact record of the
        /// next sector in the log; a sequence missing among the sectors in use is a lost
        /// sector (SPEC.md, "Lost sectors"); no sector in use but some with content is a
        /// region whose every header is lost. Sequences of version-1 sectors may skip numbers.
        /// </summary>
        private void ResolveSectorSites()
        {
            for (int s = 0; s < _sectorCount; s++)
            {
                if (_inUse[s] && _endUnresolved[s]) ResolveAfter(_sectorSeq[s]);
            }
            uint low = _retiredUpTo;
            for (int s = 0; s < _sectorCount; s++)
            {
                if (_inUse[s] && _v1[s] && _sectorSeq[s] > low) low = _sectorSeq[s];
            }
            uint previous = low;
            while (true)
            {
                int next = NextInUseAbove(previous);
                if (next < 0) break;
                if (_sectorSeq[next] > previous + 1) ResolveAfter(previous);
                previous = _sectorSeq[next];
            }
            if (_newest < 0)
            {
                for (int s = 0; s < _sectorCount; s++)
                {
                    if (_content[s])
                    {
                        NoteTailSite();
                        break;
                    }
                }
            }
        }

        /// <summary>A site after every record of sectors up to sequence seq: resolved by the first intact record above.</summary>
        private void ResolveAfter(uint seq)
        {
            uint previous = seq;
            while (true)
            {
                int next = NextInUseAbove(previous);
                if (next < 0)
                {
                    NoteTailSite();
                    return;
                }
                if (_firstSeq[next] != 0)
                {
                    NoteSite(_firstSeq[next]);
                    return;
                }
                previous = _sectorSeq[next];
            }
        }

        private bool SectorInUse(uint seq)
        {
            for (int s = 0; s < _sectorCount; s++)
            {
                if (_inUse[s] && _sectorSeq[s] == seq) return true;
            }
            return false;
        }

        /// <summary>The in-use sector with the lowest sequence above seq, or -1.</summary>
        private int NextInUseAbove(uint seq)
        {
            int best = -1;
            for (int s = 0; s < _sectorCount; s++)
            {
                if (!_inUse[s] || _sectorSeq[s] <= seq) continue;
                if (best < 0 || _sectorSeq[s] < _sectorSeq[best]) best = s;
            }
            return best;
        }

        // ---- orphans -------------------------------------------------------------------

        /// <summary>
        /// Intact records in sectors not in use (torn erases, invalidated sectors, lost
        /// headers). Their sequences raise the next one. One newer than every record in use
        /// that would change the state means the newest sector's header was lost: damage.
        /// Copies an interrupted compaction left are newer too, but change nothing.
        /// </summary>
        private void ScanOrphans()
        {
            _maxSeenSeq = _maxValidSeq;
            for (int s = 0; s < _sectorCount; s++)
            {
                if (!_inUse[s] && _content[s]) ScanOrphanSector(s);
            }
        }

        private void ScanOrphanSector(int sector)
        {
            int start = SectorBase(sector);
            int end = start + _sectorSize;
            int offset = LogFormat.SectorHeaderSize;
            while (offset + 4 <= _sectorSize)
            {
                _flash.Read(start + offset, _u32, 0, 4);
                uint first = LogFormat.ReadU32(_u32, 0);
                if (LogFormat.IsErasedWord(first)) return;
                if (LogFormat.IsGapWord(first))
                {
                    offset += LogFormat.GapSize;
                    continue;
                }
                bool intact = ReadRecordAt(_record, start + offset, end, false) == Intact;
                int size = _recordSize;
                if (intact)
                {
                    uint seq = LogFormat.ReadU32(_record, 4) & LogFormat.SeqMask;
                    if (seq > _maxSeenSeq) _maxSeenSeq = seq;
                    if (seq > _maxValidSeq) JudgeOrphan(size);
                }
                if (size < 0) return;
                offset += size;
            }
        }

        /// <summary>
        /// An orphan (in _record, size bytes) newer than every record in use. A damage mark
        /// is adopted: the damage it records is still on flash or its mark is. Anything else
        /// that would change the state, were it applied, means lost records: damage.
        /// </summary>
        private void JudgeOrphan(int size)
        {
            int key = LogFormat.ReadU16(_record, 0);
            uint value = LogFormat.ReadU32(_record, LogFormat.RecordHeaderSize);
            if (key == LogFormat.DamageKey)
            {
                if ((value & LogFormat.SeqMask) > _markInForce) NoteSite(value & LogFormat.SeqMask);
                return;
            }
            if (OrphanChangesState(key, value, size)) NoteTailSite();
        }

        private bool OrphanChangesState(int key, uint value, int size)
        {
            // A retire record naming a sector still in use is what an interrupted compaction
            // leaves in its dropped destination (the compaction did not finish): no change.
            if (key == LogFormat.RetireKey) return value > _retiredUpTo && !SectorInUse(value);
            bool deleted = (LogFormat.ReadU16(_record, 2) & LogFormat.InfoValue) == 0;
            int i = _index.Find(key);
            if (deleted) return i >= 0 && !_index.DeletedAt(i);
            if (i < 0 || _index.DeletedAt(i) || _index.SizeAt(i) != size) return true;
            if (_spare == null) _spare = new byte[_record.Length];
            int address = _index.AddressAt(i);
            int result = ReadRecordAt(_spare, address, SectorBase(address / _sectorSize) + _sectorSize, true);
            if (result == Failed) return true;
            int length = LogFormat.ReadU16(_record, 2) & LogFormat.InfoLengthMask;
            for (int b = 0; b < length; b++)
            {
                if (_spare[LogFormat.RecordHeaderSize + b] != _record[LogFormat.RecordHeaderSize + b]) return true;
            }
            return false;
        }

        // ---- failing closed -------------------------------------------------------------

        /// <summary>
        /// Damage found after boot (a read or a compaction copy that no single flip explains)
        /// in a record of sequence seq - 1: every key as old is damaged from now on, and the
        /// next commit writes the mark first, before a compaction could erase the evidence.
        /// </summary>
        private void DamageFound(uint seq)
        {
            if (seq <= _damageSeq) return;
            _damageSeq = seq;
            _index.DropOlderThan(seq);
            _markPending = true;
        }

        /// <summary>
        /// The mount's verdict: the damage in force is the highest of the mark found and this
        /// scan's sites (a site with nothing intact after it: everything so far). Damage above
        /// the mark is new, and committed as a new mark by Settle, even when no key in the
        /// index drops: the lost record lies after the old mark in the log, so it may have been
        /// the newest of a key whose older records all lie below the mark (that key read its
        /// value at the last boot and is damaged now). Returns how many keys it drops.
        /// </summary>
        private int ApplyDamage(out bool fresh)
        {
            uint found = _siteTail ? _nextRecordSeq : _siteSeq;
            fresh = found > _markInForce;
            _damageSeq = fresh ? found : _markInForce;
            _markPending = fresh;
            return _index.DropOlderThan(_damageSeq);
        }
    }
}

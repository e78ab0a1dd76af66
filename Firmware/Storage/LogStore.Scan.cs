using System;

namespace PosTerminal.Firmware.Storage
{
    /// <summary>
    /// The boot scan: rebuilds the index from the sectors in use, newest first, telling the
    /// write a power cut interrupted (the newest sector's torn tail) from damage (SPEC.md, "Mount").
    /// </summary>
    public sealed partial class LogStore
    {
        // Per sector, for the mount: records may follow a header that is not in use (orphans);
        // a version-1 header; the first intact record's sequence (0: none); damage with
        // nothing intact after it in the sector.
        private readonly bool[] _content;
        private readonly bool[] _v1;
        private readonly uint[] _firstSeq;
        private readonly bool[] _endUnresolved;

        private int _corrupt;
        private bool _interrupted;
        private bool _foundRetired;
        private uint _maxValidSeq;
        private uint _markInForce;
        // The newest sector: where its last intact record starts (-1: none), its size and
        // (corrected) bytes, and E, the offset just past it or past a later gap: where the
        // record a cut interrupted starts, or the next one would have.
        private int _tailOffset = -1;
        private int _tailSize;
        private byte[] _tail;
        private int _newestEnd;
        private int _lastGap;
        // Damage after the newest sector's last intact record: appends never resume there.
        private bool _tailDamaged;
        // The newest sector's witness is set (an earlier boot sealed a write in it): appends never resume there.
        private bool _newestSealed;
        // The newest sector's last intact record was read through a corrected bit and made good in place.
        private bool _tailFixed;
        private PendingBatch _pending;

        /// <summary>
        /// Rebuilds the index from the in-use sectors, newest first: the retire record that
        /// names older sectors sits in a newer one, so retired sectors are known before they
        /// are reached, and are skipped (a torn erase may have left them half readable).
        /// </summary>
        private void ScanAll()
        {
            _index.Clear();
            _retiredUpTo = 0;
            _retireAddress = -1;
            _markInForce = 0;
            _markAddress = -1;
            _maxValidSeq = 0;
            _corrupt = 0;
            _interrupted = false;
            _foundRetired = false;
            _tailDamaged = false;
            _newestSealed = false;
            _tailFixed = false;
            _tailOffset = -1;
            _newestEnd = LogFormat.SectorHeaderSize;
            _lastGap = -1;
            _newest = -1;
            ClearSites();
            bool[] done = new bool[_sectorCount];
            for (int round = 0; round < _sectorCount; round++)
            {
                int s = NewestNotDone(done);
                if (s < 0) break;
                done[s] = true;
                _firstSeq[s] = 0;
                _endUnresolved[s] = false;
                if (_sectorSeq[s] <= _retiredUpTo)
                {
                    // Its compaction finished but its erase was cut: already free.
                    _inUse[s] = false;
                    _content[s] = true;
                    _foundRetired = true;
                    continue;
                }
                if (_newest < 0) _newest = s;
                ScanSector(s, s == _newest);
            }
        }

        private int NewestNotDone(bool[] done)
        {
            int best = -1;
            for (int s = 0; s < _sectorCount; s++)
            {
                if (!_inUse[s] || done[s]) continue;
                if (best < 0 || _sectorSeq[s] > _sectorSeq[best]) best = s;
            }
            return best;
        }

        /// <summary>
        /// Walks one sector's records. An erased word ends them (and the rest of the sector
        /// must read erased); a gap mark is skipped with its gap; a record that fails is
        /// corrected if one flipped bit explains it, else it is an interrupted write when it
        /// has the shape a cut leaves at the end of a sector (IsTornTail), else damage.
        /// </summary>
        private void ScanSector(int sector, bool newest)
        {
            int start = SectorBase(sector);
            int end = start + _sectorSize;
            int offset = LogFormat.SectorHeaderSize;
            int lastEnd = offset;
            int lastGap = -1;
            bool unresolved = false;
            bool interrupted = false;
            int stop = -1;
            int seal = -1;
            if (_pending != null) _pending.Drop();
            while (offset + 4 <= _sectorSize)
            {
                _flash.Read(start + offset, _u32, 0, 4);
                uint first = LogFormat.ReadU32(_u32, 0);
                if (LogFormat.IsErasedWord(first))
                {
                    stop = offset;
                    break;
                }
                if (seal >= 0 && offset < _sectorSize - 4)
                {
                    // Something but the witness follows a gap that held data: it was not a seal
                    // (the last thing in its sector).
                    _corrupt++;
                    unresolved = true;
                    seal = -1;
                }
                if (LogFormat.IsGapWord(first))
                {
                    // A gap mark: what a power cut left of a record in flight lies within.
                    if (first != 0) NoteGapFix(start + offset);
                    if (_pending != null) _pending.Drop();
                    if (!_v1[sector] && !RestErased(start + offset + 4, GapEnd(start, offset)))
                    {
                        if (Witnessed(start)) seal = offset;
                        else
                        {
                            _corrupt++;
                            unresolved = true;
                        }
                    }
                    lastGap = offset;
                    offset += LogFormat.GapSize;
                    lastEnd = offset;
                    continue;
                }
                int result = ReadRecordAt(_record, start + offset, end, true);
                if (result != Failed)
                {
                    uint seq = LogFormat.ReadU32(_record, 4) & LogFormat.SeqMask;
                    if (seq > _maxValidSeq) _maxValidSeq = seq;
                    if (_firstSeq[sector] == 0) _firstSeq[sector] = seq;
                    if (unresolved) NoteSite(seq);
                    unresolved = false;
                    if (result == Corrected) NoteCorrection(start + offset);
                    Found(start + offset, _recordSize);
                    if (newest) KeepTail(offset, _recordSize);
                    offset += _recordSize;
                    lastEnd = offset;
                    continue;
                }
                if (_pending != null) _pending.Drop();
                if (!unresolved && IsTornTail(start, offset))
                {
                    // The write a power cut interrupted: nothing after it was ever programmed,
                    // and nothing ever will be in this sector (Settle).
                    interrupted = true;
                    break;
                }
                _corrupt++;
                unresolved = true;
                if (_recordSize < 0) break;
                offset += _recordSize;
            }
            // The stop word itself was judged already: a torn first word there may read
            // differently each time. The last word may hold a seal's witness.
            if (stop >= 0 && !RestErased(start + stop + 4, end - 4)) unresolved = true;
            if (_pending != null) _pending.Drop();
            _endUnresolved[sector] = unresolved;
            if (!newest) return;
            _interrupted = interrupted;
            _tailDamaged = unresolved;
            _newestSealed = Witnessed(start);
            _lastGap = lastGap;
            _newestEnd = lastEnd;
        }

        /// <summary>
        /// The shape a power cut leaves on the record in flight at offset (words programmed
        /// in address order, at most one torn), or on it and the seal a boot put over it:
        /// nothing is programmed past it but a seal's witness in the sector's last word, and
        /// - the witness reads as a gap mark: a seal was begun (its second program may have
        ///   torn the record's first word);
        /// - or its first word is no record header (that word was torn: its own program or
        ///   a gap mark's) and nothing after that word was programmed;
        /// - or its CRC word, where its length puts it, holds no 0 the CRC of its body lacks
        ///   (never programmed: all ones; or torn: extra ones).
        /// A committed record that damage left failing has a whole CRC word: that is damage
        /// (its odds of passing for a torn one are at most 2^-16, LogFormat.MaxCrcBits), and
        /// so is one whose flipped length bit put its CRC word out in the erased space after it
        /// (CommittedUnderAnotherLength).
        /// </summary>
        private bool IsTornTail(int start, int offset)
        {
            int last = start + _sectorSize - 4;
            _flash.Read(last, _u32, 0, 4);
            if (offset + LogFormat.RecordSize(0) <= AppendLimit && LogFormat.IsGapWord(LogFormat.ReadU32(_u32, 0)))
                return RestErased(start + offset + LogFormat.GapSize, last);
            if (offset + LogFormat.RecordHeaderSize > _sectorSize) return RestErased(start + offset + 4, last);
            _flash.Read(start + offset, _record, 0, LogFormat.RecordHeaderSize);
            int length = LogFormat.ReadU16(_record, 2) & LogFormat.InfoLengthMask;
            int size = SizeIfFits(start + offset, last, length);
            if (size < 0 || !Plausible(_record)) return RestErased(start + offset + 4, last);
            _flash.Read(start + offset, _record, 0, size);
            uint crc = LogFormat.ReadU32(_record, size - LogFormat.CrcSize);
            uint body = Crc32.Compute(_record, 0, LogFormat.RecordHeaderSize + length);
            return (crc & body) == body && RestErased(start + offset + size, last)
                && !CommittedUnderAnotherLength(start + offset, last);
        }

        /// <summary>
        /// Where the inside of the gap at offset ends: its 268 bytes, or the sector's last word
        /// (a seal's witness, never inside a gap).
        /// A gap holds only erased words (a boot's resume gap; one a commit put over a flipped
        /// bit), except a seal's, which holds the write a cut interrupted and is the last thing
        /// in a sector whose witness is set. Any other gap holding data is a record whose first
        /// word was zeroed (three or more flips, or a flash programmer): damage, not a gap
        /// (its CRC word, with at most 16 bits set by the shape rule, always lies inside).
        /// </summary>
        private int GapEnd(int start, int offset)
        {
            int end = offset + LogFormat.GapSize;
            return start + (end < _sectorSize - 4 ? end : _sectorSize - 4);
        }

        /// <summary>The sector's last word reads as a gap mark: a boot sealed an interrupted write in it.</summary>
        private bool Witnessed(int start)
        {
            _flash.Read(start + _sectorSize - 4, _u32, 0, 4);
            return LogFormat.IsGapWord(LogFormat.ReadU32(_u32, 0));
        }

        /// <summary>True when every word in [from, to) reads erased (one or two flipped bits per word tolerated).</summary>
        private bool RestErased(int from, int to)
        {
            for (int at = from; at < to; at += _check.Length)
            {
                int n = to - at < _check.Length ? to - at : _check.Length;
                _flash.Read(at, _check, 0, n);
                for (int i = 0; i + 4 <= n; i += 4)
                {
                    uint word = LogFormat.ReadU32(_check, i);
                    if (word != 0xFFFFFFFF && !LogFormat.IsErasedWord(word)) return false;
                }
            }
            return true;
        }

        /// <summary>A good record (in _record): into the index, its batch, or the retire or damage mark.</summary>
        private void Found(int address, int size)
        {
            int key = LogFormat.ReadU16(_record, 0);
            int info = LogFormat.ReadU16(_record, 2);
            uint word = LogFormat.ReadU32(_record, 4);
            uint seq = word & LogFormat.SeqMask;
            uint role = word & LogFormat.RoleMask;
            bool deleted = (info & LogFormat.InfoValue) == 0;
            if (key == LogFormat.RetireKey || key == LogFormat.DamageKey)
            {
                if (_pending != null) _pending.Drop();
                uint value = LogFormat.ReadU32(_record, LogFormat.RecordHeaderSize);
                if (key == LogFormat.RetireKey && value > _retiredUpTo)
                {
                    _retiredUpTo = value;
                    _retireAddress = address;
                }
                if (key == LogFormat.DamageKey && (value & LogFormat.SeqMask) > _markInForce)
                {
                    _markInForce = value & LogFormat.SeqMask;
                    _markAddress = address;
                }
                return;
            }
            if (role == 0)
            {
                if (_pending != null) _pending.Drop();
                _index.Offer(key, seq, address, size, deleted);
                return;
            }
            if (_pending == null) _pending = new PendingBatch();
            if (role == LogFormat.RoleFirst) _pending.Start();
            if (!_pending.Add(key, seq, address, size, deleted)) return;
            if (role != LogFormat.RoleLast) return;
            // The batch's last record is intact: the whole batch committed.
            for (int i = 0; i < _pending.Count; i++)
            {
                _index.Offer(_pending.KeyAt(i), _pending.SeqAt(i), _pending.AddressAt(i), _pending.SizeAt(i), _pending.DeletedAt(i));
            }
            _pending.Drop();
        }

        private void KeepTail(int offset, int size)
        {
            if (_tail == null) _tail = new byte[_record.Length];
            Array.Copy(_record, _tail, size);
            _tailOffset = offset;
            _tailSize = size;
        }
    }
}

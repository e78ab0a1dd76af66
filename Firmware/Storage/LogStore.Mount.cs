using System;

namespace PosTerminal.Firmware.Storage
{
    /// <summary>
    /// Boot recovery: find the sectors, rebuild the index from the records that verify,
    /// and settle every word a power cut may have left half-programmed, so that what this
    /// boot reads is what every later boot reads (SPEC.md, "Mount").
    /// </summary>
    public sealed partial class LogStore
    {
        // Results of the last scan.
        private int _corrupt;
        private bool _interrupted;
        private bool _foundRetired;
        private uint _maxRecordSeq;
        private uint _maxSectorSeq;
        // The newest sector: where its last intact record starts (-1: none), its size and
        // bytes as read, and the offset just past that record or past a later gap: where
        // a record in flight at a power cut would have started.
        private int _tailOffset = -1;
        private int _tailSize;
        private byte[] _tail;
        private int _newestEnd;
        // Records after _newestEnd that failed: 1 is the record a cut interrupted.
        private int _newestFailures;
        // The newest sector's last gap mark (-1: none).
        private int _lastGap;

        private void Mount()
        {
            MountReport report = new MountReport();
            ReadSectorHeaders(report);
            ScanAll();
            if (_newest >= 0 && FreeSectors() == 0)
            {
                // Only a compaction cut short fills every sector, and until its retire
                // record is committed its destination holds nothing but copies of records
                // that are still in the source: drop the destination for good.
                Invalidate(_newest);
                _inUse[_newest] = false;
                report.InterruptedCompaction = true;
                ScanAll();
            }
            if (_newest >= 0) Settle();
            _nextRecordSeq = _maxRecordSeq + 1;
            _nextSectorSeq = (_maxSectorSeq > _retiredUpTo ? _maxSectorSeq : _retiredUpTo) + 1;
            Describe(report);
            MountReport = report;
        }

        private void Describe(MountReport report)
        {
            int inUse = _sectorCount - FreeSectors();
            report.SectorsInUse = inUse;
            report.Records = _index.LiveKeys;
            report.CorruptRecords = _corrupt;
            report.InterruptedWrite = _interrupted;
            if (_foundRetired) report.InterruptedCompaction = true;
            bool damage = report.CorruptRecords > 0 || report.BadSectors > 0;
            if (!damage) report.Outcome = inUse == 0 ? MountOutcome.Blank : MountOutcome.Clean;
            else report.Outcome = report.Records > 0 ? MountOutcome.Recovered : MountOutcome.Formatted;
        }

        /// <summary>
        /// Marks sectors with a valid header as in use. A sector with content but no valid
        /// header (torn erase, torn header, foreign data) gets its first word programmed to
        /// zero, so that it can never read as valid later; it is erased before reuse.
        /// </summary>
        private void ReadSectorHeaders(MountReport report)
        {
            _maxSectorSeq = 0;
            for (int s = 0; s < _sectorCount; s++)
            {
                _flash.Read(SectorBase(s), _header, 0, _header.Length);
                if (HeaderValid())
                {
                    _inUse[s] = true;
                    _sectorSeq[s] = LogFormat.ReadU32(_header, 8);
                    if (_sectorSeq[s] > _maxSectorSeq) _maxSectorSeq = _sectorSeq[s];
                }
                else if (!AllErased(_header))
                {
                    // A zero first word is this store's own mark: not news.
                    if (LogFormat.ReadU32(_header, 0) != 0) report.BadSectors++;
                    Invalidate(s);
                }
            }
        }

        private bool HeaderValid()
        {
            return LogFormat.ReadU32(_header, 0) == LogFormat.SectorMagic
                && LogFormat.ReadU16(_header, 4) == LogFormat.Version
                && LogFormat.ReadU32(_header, 12) == Crc32.Compute(_header, 0, 12);
        }

        private static bool AllErased(byte[] bytes)
        {
            for (int i = 0; i < bytes.Length; i++) if (bytes[i] != 0xFF) return false;
            return true;
        }

        private void Invalidate(int sector)
        {
            _flash.Program(SectorBase(sector), _zero, 0, 4);
        }

        /// <summary>
        /// Rebuilds the index from the in-use sectors, newest first: the retire record that
        /// names older sectors sits in a newer one, so retired sectors are known before they
        /// are reached, and are skipped (a torn erase may have left them half readable).
        /// </summary>
        private void ScanAll()
        {
            _index.Clear();
            _retiredUpTo = 0;
            _maxRecordSeq = 0;
            _corrupt = 0;
            _interrupted = false;
            _foundRetired = false;
            _tailOffset = -1;
            _newest = -1;
            bool[] done = new bool[_sectorCount];
            for (int round = 0; round < _sectorCount; round++)
            {
                int s = NewestNotDone(done);
                if (s < 0) break;
                done[s] = true;
                if (_sectorSeq[s] <= _retiredUpTo)
                {
                    // Its compaction finished but its erase was cut: already free.
                    _inUse[s] = false;
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
        /// Walks one sector's records. An erased first word ends the sector; a zero one is a
        /// gap mark, skipped with its gap; a header that cannot be a record ends the sector
        /// (its length cannot be trusted); a record whose CRC fails is skipped by its length.
        /// </summary>
        private void ScanSector(int sector, bool newest)
        {
            int start = SectorBase(sector);
            int offset = LogFormat.SectorHeaderSize;
            int lastEnd = offset;
            int lastGap = -1;
            int failed = 0;
            int failedSinceIntact = 0;
            while (offset + LogFormat.RecordHeaderSize + LogFormat.CrcSize <= _sectorSize)
            {
                _flash.Read(start + offset, _record, 0, LogFormat.RecordHeaderSize);
                uint first = LogFormat.ReadU32(_record, 0);
                if (first == 0xFFFFFFFF) break;
                if (first == 0)
                {
                    // A gap mark: what a power cut left of a record in flight lies within.
                    // A record in flight now would start right after the gap.
                    lastGap = offset;
                    offset += LogFormat.GapSize;
                    lastEnd = offset;
                    failedSinceIntact = 0;
                    continue;
                }
                int key = LogFormat.ReadU16(_record, 0);
                int info = LogFormat.ReadU16(_record, 2);
                int length = info & LogFormat.InfoLengthMask;
                int size = LogFormat.RecordSize(length);
                if (!Plausible(key, info) || offset + size > _sectorSize)
                {
                    failed++;
                    failedSinceIntact++;
                    break;
                }
                _flash.Read(start + offset + LogFormat.RecordHeaderSize, _record, LogFormat.RecordHeaderSize, size - LogFormat.RecordHeaderSize);
                if (RecordIntact(length))
                {
                    Found(key, info, start + offset, size);
                    if (newest) KeepTail(offset, size);
                    lastEnd = offset + size;
                    failedSinceIntact = 0;
                }
                else
                {
                    failed++;
                    failedSinceIntact++;
                }
                offset += size;
            }
            if (newest)
            {
                // Failures after the last intact record (or gap) of the newest sector are
                // the write a power cut interrupted; Settle seals them off.
                _interrupted = failedSinceIntact > 0;
                _newestFailures = failedSinceIntact;
                _lastGap = lastGap;
                _corrupt += failed - failedSinceIntact;
                _newestEnd = lastEnd;
            }
            else
            {
                _corrupt += failed;
            }
        }

        private static bool Plausible(int key, int info)
        {
            if (key == 0 || key == 0xFFFF) return false;
            if ((info & LogFormat.InfoReserved) != LogFormat.InfoReserved) return false;
            int length = info & LogFormat.InfoLengthMask;
            if (length > LogFormat.MaxValueLength) return false;
            bool deleted = (info & LogFormat.InfoValue) == 0;
            if (deleted && length != 0) return false;
            if (key == LogFormat.RetireKey && (deleted || length != 4)) return false;
            return true;
        }

        /// <summary>An intact record (in _record): into the index, or the retire mark.</summary>
        private void Found(int key, int info, int address, int size)
        {
            uint seq = LogFormat.ReadU32(_record, 4);
            if (seq > _maxRecordSeq) _maxRecordSeq = seq;
            if (key == LogFormat.RetireKey)
            {
                uint retired = LogFormat.ReadU32(_record, LogFormat.RecordHeaderSize);
                if (retired > _retiredUpTo) _retiredUpTo = retired;
                return;
            }
            _index.Offer(key, seq, address, size, (info & LogFormat.InfoValue) == 0);
        }

        private void KeepTail(int offset, int size)
        {
            if (_tail == null) _tail = new byte[_record.Length];
            Array.Copy(_record, _tail, size);
            _tailOffset = offset;
            _tailSize = size;
        }

        /// <summary>
        /// Makes this boot's reading of the newest sector permanent, and lets appends resume
        /// in it. A power cut tears at most one word, in the record in flight, which starts
        /// at E (_newestEnd: past the last intact record or gap) and is at most one record
        /// long; or in the gap mark a commit or boot was programming. So:
        /// - the last intact record may be the torn one, verifying now through weak bits:
        ///   it is programmed again with the bytes that verified (zeros again: idempotent);
        /// - the last gap mark may be torn but read as zero now: it is programmed again;
        /// - a failed record at E might verify on a later read: a gap mark at E now makes
        ///   every scan skip [E, E + GapSize) for good, and appends resume past it;
        /// - if E reads erased, its first word may still be weak (a cut on the very first
        ///   word of a record, which alone can never verify): appends resume past a gap
        ///   whose mark the first commit programs (see Append).
        /// With no intact record the header itself may be the torn write: programmed again.
        /// </summary>
        private void Settle()
        {
            int start = SectorBase(_newest);
            if (_tailOffset >= 0)
            {
                Array.Copy(_tail, _record, _tailSize);
                ProgramRecord(start + _tailOffset, _tailSize);
            }
            else
            {
                EncodeSectorHeader(_sectorSeq[_newest]);
                _flash.Program(start, _header, 0, _header.Length);
            }
            if (_lastGap >= 0) _flash.Program(start + _lastGap, _zero, 0, 4);
            if (_newestFailures > 1 || _newestEnd + LogFormat.GapSize + LogFormat.RecordSize(0) > AppendLimit)
            {
                // Damage on top of a cut, or no room: the next commit opens a fresh sector.
                if (_newestFailures > 0 && _newestEnd + 4 <= _sectorSize) _flash.Program(start + _newestEnd, _zero, 0, 4);
                return;
            }
            if (_newestFailures == 1) _flash.Program(start + _newestEnd, _zero, 0, 4);
            else _pendingGap = start + _newestEnd;
            _head = _newest;
            _headOffset = _newestEnd + LogFormat.GapSize;
        }

        /// <summary>Rebuilds the index after a record failed its CRC at run time.</summary>
        private void Rescan()
        {
            ScanAll();
        }
    }
}

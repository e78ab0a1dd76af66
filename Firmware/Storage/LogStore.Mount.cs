using System;

namespace PosTerminal.Firmware.Storage
{
    /// <summary>
    /// Boot recovery: find the sectors, rebuild the index from the records that verify (or
    /// that one corrected bit makes verify), fail closed on damage, and settle every word a
    /// power cut may have left half-programmed, so that what this boot reads is what every
    /// later boot reads (SPEC.md, "Mount").
    /// </summary>
    public sealed partial class LogStore
    {
        // Per sector: 0, or the header was read through a corrected bit: 1 made good in place, 2 not (a bit flipped to 0).
        private readonly int[] _headerFixed;

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
                _content[_newest] = true;
                report.InterruptedCompaction = true;
                ScanAll();
            }
            ScanOrphans();
            ResolveSectorSites();
            _nextRecordSeq = (_maxSeenSeq + 1) & LogFormat.SeqMask;
            bool fresh;
            report.DamagedKeys = ApplyDamage(out fresh);
            _nextSectorSeq = NextSectorSeq();
            Settle(report);
            Describe(report, fresh);
            MountReport = report;
        }

        private void Describe(MountReport report, bool fresh)
        {
            for (int s = 0; s < _sectorCount; s++)
            {
                // The newest sector's header with no record after it may be a header a cut
                // left one bit short: completed in place, it is no news.
                bool justOpened = s == _newest && _tailOffset < 0;
                if (_headerFixed[s] == 1 && _inUse[s] && !justOpened) report.Repaired++;
                else if (_headerFixed[s] != 0) report.CorrectedElsewhere++;
            }
            int inUse = _sectorCount - FreeSectors();
            report.SectorsInUse = inUse;
            report.Records = _index.LiveKeys;
            report.CorruptRecords = _corrupt;
            report.InterruptedWrite = _interrupted;
            if (_foundRetired) report.InterruptedCompaction = true;
            report.DamageSites = fresh ? _sites : 0;
            report.FailClosed = _damageSeq > 0;
            if (fresh) report.Outcome = report.Records > 0 ? MountOutcome.Recovered : MountOutcome.Formatted;
            else if (report.Repaired > 0) report.Outcome = MountOutcome.Recovered;
            else report.Outcome = inUse == 0 && !report.FailClosed ? MountOutcome.Blank : MountOutcome.Clean;
        }

        /// <summary>
        /// Marks sectors with a valid header (one flipped bit corrected) as in use. A sector
        /// with content but no valid header (torn erase, torn header, damage) gets its first
        /// word programmed to zero, so that it can never read as valid later; it is erased
        /// before reuse. Whether records may follow its header is noted for the orphan scan.
        /// </summary>
        private void ReadSectorHeaders(MountReport report)
        {
            for (int s = 0; s < _sectorCount; s++)
            {
                int start = SectorBase(s);
                _inUse[s] = false;
                _sectorSeq[s] = 0;
                _content[s] = false;
                _v1[s] = false;
                _headerFixed[s] = 0;
                _flash.Read(start, _header, 0, _header.Length);
                bool erased = HeaderReadsErased();
                bool valid = HeaderValid();
                if (!valid && !erased && CorrectHeader())
                {
                    valid = true;
                    _headerFixed[s] = ReprogramIfClears(start, _header, _header.Length) ? 1 : 2;
                }
                if (valid)
                {
                    _inUse[s] = true;
                    _sectorSeq[s] = LogFormat.ReadU32(_header, 8);
                    _v1[s] = LogFormat.ReadU16(_header, 4) == LogFormat.Version1;
                    continue;
                }
                _flash.Read(start + LogFormat.SectorHeaderSize, _u32, 0, 4);
                _content[s] = !LogFormat.IsErasedWord(LogFormat.ReadU32(_u32, 0));
                if (erased) continue;
                _flash.Read(start, _u32, 0, 4);
                uint first = LogFormat.ReadU32(_u32, 0);
                // A zero first word is this store's own mark: not news.
                if (!LogFormat.IsGapWord(first)) report.BadSectors++;
                if (first != 0) Invalidate(s);
            }
        }

        private bool HeaderReadsErased()
        {
            for (int i = 0; i < LogFormat.SectorHeaderSize; i += 4)
            {
                if (!LogFormat.IsErasedWord(LogFormat.ReadU32(_header, i))) return false;
            }
            return true;
        }

        private void Invalidate(int sector)
        {
            ProgramGap(SectorBase(sector));
        }

        /// <summary>One above every sequence in use or retired: sector sequences leave no hole (SPEC.md, "Lost sectors").</summary>
        private uint NextSectorSeq()
        {
            uint max = _retiredUpTo;
            for (int s = 0; s < _sectorCount; s++)
            {
                if (_inUse[s] && _sectorSeq[s] > max) max = _sectorSeq[s];
            }
            return max + 1;
        }

        // ---- settle -------------------------------------------------------------------

        /// <summary>
        /// Makes this boot's reading permanent and commits what it concluded: seals the
        /// newest sector's tail, makes stray bits in gap marks whole, commits a new damage
        /// mark, and rewrites records in force that were read through a corrected bit.
        /// </summary>
        private void Settle(MountReport report)
        {
            if (_newest >= 0) SettleNewest();
            for (int i = 0; i < _gapFixCount; i++)
            {
                ProgramGap(_gapFixes[i]);
                report.CorrectedElsewhere++;
            }
            if (_pendingGap >= 0 && _markPending)
            {
                int gap = _pendingGap;
                _pendingGap = -1;
                ProgramGap(gap);
            }
            if (_markPending) AppendMark();
            for (int i = 0; i < _fixCount; i++) RewriteCorrected(_fixes[i], report);
            report.CorrectedElsewhere += _correctedBeyondList;
        }

        /// <summary>
        /// A power cut tears at most one word, in the record in flight, which starts at E
        /// (_newestEnd: past the last intact record or gap) and is one commit long; or in the
        /// gap mark a commit was programming. So:
        /// - the last intact record may be the torn one, verifying now through weak bits (or
        ///   through a corrected bit, a torn CRC word one bit short): it is programmed again
        ///   with the bytes that verified (zeros again: idempotent);
        /// - the last gap mark may be torn but read as a gap now: it is programmed again;
        /// - an interrupted write at E might verify on a later read: it is sealed under a gap
        ///   mark (SealInterrupted), and nothing is appended in this sector any more: the next
        ///   commit opens a fresh one;
        /// - if E reads erased, its first word may still be weak (a cut on the very first
        ///   word of a record, which alone can never verify): appends resume past a gap
        ///   whose mark the first commit programs (see Reserve).
        /// With no intact record the header itself may be the torn write: programmed again.
        /// After damage whose extent is unknown nothing is appended here either, nor in a sector
        /// an earlier boot sealed (its witness is set).
        /// </summary>
        private void SettleNewest()
        {
            int start = SectorBase(_newest);
            if (_tailOffset >= 0)
            {
                bool fixedInPlace = ReprogramIfClears(start + _tailOffset, _tail, _tailSize);
                _tailFixed = fixedInPlace && _fixCount > 0 && _fixes[_fixCount - 1] == start + _tailOffset;
            }
            else
            {
                _flash.Read(start, _header, 0, _header.Length);
                if (HeaderValid()) ReprogramIfClears(start, _header, _header.Length);
            }
            if (_lastGap >= 0) ProgramGap(start + _lastGap);
            if (_interrupted) SealInterrupted(start, _newestEnd);
            // A sealed sector takes nothing more, at this boot or any later one: its gap then
            // holds the interrupted write and stays the last thing in it (ScanSector, GapEnd).
            if (_tailDamaged || _interrupted || _newestSealed) return;
            if (_newestEnd + 4 <= _sectorSize) _pendingGap = start + _newestEnd;
            if (_newestEnd + LogFormat.GapSize + LogFormat.RecordSize(0) > AppendLimit) return;
            _head = _newest;
            _headOffset = _newestEnd + LogFormat.GapSize;
        }

        /// <summary>
        /// Puts a gap mark over the interrupted write at offset, so that no later read, however
        /// its weak bits read, can take it for a record. First a witness: the sector's last
        /// word, zeroed. A cut during the gap mark can tear the record's first word into
        /// anything; the witness then tells the next boot that this is still the interrupted
        /// write (IsTornTail). Nothing is appended in this sector afterwards.
        /// </summary>
        private void SealInterrupted(int start, int offset)
        {
            if (offset + LogFormat.RecordSize(0) <= AppendLimit) ProgramGap(start + _sectorSize - 4);
            ProgramGap(start + offset);
        }

        /// <summary>A record read through a corrected bit: rewritten when it is in force, so later boots need no correction.</summary>
        private void RewriteCorrected(int address, MountReport report)
        {
            if (_tailFixed && address == SectorBase(_newest) + _tailOffset)
            {
                // The newest record, one bit short of its CRC and completed in place: the
                // torn commit mark of the write a cut interrupted, or a flip; good either way.
                report.CorrectedElsewhere++;
                return;
            }
            for (int i = 0; i < _index.Count; i++)
            {
                if (_index.AddressAt(i) != address) continue;
                RewriteRecord(_index.KeyAt(i), address, _index.SizeAt(i));
                report.Repaired++;
                return;
            }
            if (address == _markAddress && _damageSeq > 0)
            {
                WriteMark(Reserve(LogFormat.MarkRecordSize));
                report.Repaired++;
                return;
            }
            if (address == _retireAddress)
            {
                WriteRetire(Reserve(LogFormat.MarkRecordSize), _retiredUpTo);
                report.Repaired++;
                return;
            }
            report.CorrectedElsewhere++;
        }

        private void RewriteRecord(int key, int address, int size)
        {
            int target = Reserve(size);
            // Making room may have compacted it already (or dropped it as damaged).
            int i = _index.Find(key);
            if (i < 0 || _index.AddressAt(i) != address || !LoadRecord(address, size, key)) return;
            uint seq = Seal(_record, 0, LogFormat.ReadU16(_record, 2) & LogFormat.InfoLengthMask, 0);
            ProgramCommit(target, _record, size);
            _index.Set(key, seq, target, size, _index.DeletedAt(i));
        }
    }
}

using System;

namespace PosTerminal.Firmware.Storage
{
    /// <summary>
    /// Reading a record or a sector header and correcting one flipped bit in it with the CRC
    /// (SPEC.md, "Correction"). The search runs only when a CRC fails: a clean boot pays
    /// nothing for it.
    /// </summary>
    public sealed partial class LogStore
    {
        private const int Intact = 0;
        private const int Corrected = 1;
        private const int Failed = 2;

        // Set by ReadRecordAt: the record's size (intact or corrected), or as its stored length
        // says when it failed (-1 when that length cannot be a record's there).
        private int _recordSize;

        /// <summary>
        /// Reads the record at address into buffer (end: the end of its sector). When its CRC
        /// fails and correct is set, tries to explain it by one flipped bit: first in the
        /// length field (the CRC sits elsewhere then), then anywhere in header, value or CRC
        /// word by the CRC syndrome. A record whose CRC word reads all ones was never
        /// committed and is not corrected. Intact, Corrected (buffer holds the good bytes) or Failed.
        /// </summary>
        private int ReadRecordAt(byte[] buffer, int address, int end, bool correct)
        {
            _flash.Read(address, buffer, 0, LogFormat.RecordHeaderSize);
            int info = LogFormat.ReadU16(buffer, 2);
            int length = info & LogFormat.InfoLengthMask;
            int size = SizeIfFits(address, end, length);
            _recordSize = size;
            if (size > 0)
            {
                _flash.Read(address + LogFormat.RecordHeaderSize, buffer, LogFormat.RecordHeaderSize, size - LogFormat.RecordHeaderSize);
                if (CrcMatches(buffer, length)) return Plausible(buffer) ? Intact : Failed;
            }
            if (!correct) return Failed;
            if (TryLengthFlips(buffer, address, end, info)) return Corrected;
            if (size < 0) return Failed;
            _flash.Read(address, buffer, 0, size);
            if (TrySyndrome(buffer, length)) return Corrected;
            _recordSize = size;
            return Failed;
        }

        private static int SizeIfFits(int address, int end, int length)
        {
            if (length > LogFormat.MaxValueLength) return -1;
            int size = LogFormat.RecordSize(length);
            return address + size <= end ? size : -1;
        }

        private static bool CrcMatches(byte[] buffer, int length)
        {
            uint stored = LogFormat.ReadU32(buffer, LogFormat.RecordHeaderSize + LogFormat.Padded(length));
            return stored == Crc32.Compute(buffer, 0, LogFormat.RecordHeaderSize + length);
        }

        /// <summary>One of the 12 length bits flipped: the record is then as long as the flipped-back length says.</summary>
        private bool TryLengthFlips(byte[] buffer, int address, int end, int info)
        {
            for (int bit = 0; bit < 12; bit++)
            {
                int fixedInfo = info ^ (1 << bit);
                int length = fixedInfo & LogFormat.InfoLengthMask;
                int size = SizeIfFits(address, end, length);
                if (size < 0) continue;
                _flash.Read(address, buffer, 0, size);
                LogFormat.WriteU16(buffer, 2, fixedInfo);
                if (CrcMatches(buffer, length) && Plausible(buffer))
                {
                    _recordSize = size;
                    return true;
                }
            }
            return false;
        }

        /// <summary>
        /// The failing record at address (end: its sector's last word) was committed whole, with
        /// one of its 12 length bits flipped since and at most one more bit: under the flipped-
        /// back length its CRC word is programmed and its CRC fails by at most one bit. A torn
        /// write never looks so: its length is as written, so a shorter one puts the CRC word in
        /// its programmed prefix, where data passes for a CRC at most one bit off with odds of
        /// about 2^-21 per length (a false "damage": the safe side). Costs a CRC and a syndrome
        /// search per length whose CRC word is programmed, only for a tail that looks torn.
        /// Leaves _recordSize alone; uses _record.
        /// </summary>
        private bool CommittedUnderAnotherLength(int address, int end)
        {
            _flash.Read(address, _record, 0, LogFormat.RecordHeaderSize);
            int info = LogFormat.ReadU16(_record, 2);
            for (int bit = 0; bit < 12; bit++)
            {
                int length = (info ^ (1 << bit)) & LogFormat.InfoLengthMask;
                int size = SizeIfFits(address, end, length);
                if (size < 0) continue;
                _flash.Read(address, _record, 0, size);
                uint stored = LogFormat.ReadU32(_record, size - LogFormat.CrcSize);
                if (LogFormat.IsErasedWord(stored)) continue;
                LogFormat.WriteU16(_record, 2, info ^ (1 << bit));
                int covered = LogFormat.RecordHeaderSize + length;
                uint syndrome = Crc32.Compute(_record, 0, covered) ^ stored;
                if (LogFormat.BitCount(syndrome) <= 1 || Crc32.LocateBitError(syndrome, covered) >= 0) return true;
            }
            return false;
        }

        /// <summary>One flipped bit in header, value or CRC word, located by the syndrome; buffer holds the raw record.</summary>
        private bool TrySyndrome(byte[] buffer, int length)
        {
            int crcAt = LogFormat.RecordHeaderSize + LogFormat.Padded(length);
            uint stored = LogFormat.ReadU32(buffer, crcAt);
            // All ones: the CRC word was never programmed, an interrupted write, not a flip.
            if (stored == 0xFFFFFFFF) return false;
            int covered = LogFormat.RecordHeaderSize + length;
            uint syndrome = Crc32.Compute(buffer, 0, covered) ^ stored;
            if (LogFormat.BitCount(syndrome) == 1)
            {
                LogFormat.WriteU32(buffer, crcAt, stored ^ syndrome);
                return Plausible(buffer);
            }
            int bit = Crc32.LocateBitError(syndrome, covered);
            // A length bit was tried already (a flipped one moves the CRC).
            if (bit < 0 || (bit >= 16 && bit < 28)) return false;
            buffer[bit / 8] ^= (byte)(1 << (bit % 8));
            return Plausible(buffer);
        }

        /// <summary>A header this format can have written (SPEC.md, "Record").</summary>
        private static bool Plausible(byte[] buffer)
        {
            int key = LogFormat.ReadU16(buffer, 0);
            int info = LogFormat.ReadU16(buffer, 2);
            if (key == 0 || key == 0xFFFF) return false;
            if ((info & LogFormat.InfoReserved) != LogFormat.InfoReserved) return false;
            int length = info & LogFormat.InfoLengthMask;
            if (length > LogFormat.MaxValueLength) return false;
            bool deleted = (info & LogFormat.InfoValue) == 0;
            if (deleted && length != 0) return false;
            if (key < LogFormat.DamageKey) return true;
            // Retire records and damage marks: a 4-byte value, never in a batch.
            return !deleted && length == 4 && (LogFormat.ReadU32(buffer, 4) & LogFormat.RoleMask) == 0;
        }

        /// <summary>Reads the record at address into _record: true when it is (or was corrected to) key's record of that size.</summary>
        private bool LoadRecord(int address, int size, int key)
        {
            int end = SectorBase(address / _sectorSize) + _sectorSize;
            int result = ReadRecordAt(_record, address, end, true);
            return result != Failed && _recordSize == size && LogFormat.ReadU16(_record, 0) == key;
        }

        // ---- sector headers -------------------------------------------------------------

        private bool HeaderValid()
        {
            if (LogFormat.ReadU32(_header, 0) != LogFormat.SectorMagic) return false;
            int version = LogFormat.ReadU16(_header, 4);
            if (version != LogFormat.Version && version != LogFormat.Version1) return false;
            return LogFormat.ReadU32(_header, 12) == Crc32.Compute(_header, 0, 12);
        }

        /// <summary>One flipped bit in _header, located by its CRC: true (and _header corrected) when that explains it.</summary>
        private bool CorrectHeader()
        {
            uint stored = LogFormat.ReadU32(_header, 12);
            uint syndrome = Crc32.Compute(_header, 0, 12) ^ stored;
            if (LogFormat.BitCount(syndrome) == 1)
            {
                LogFormat.WriteU32(_header, 12, stored ^ syndrome);
            }
            else
            {
                int bit = Crc32.LocateBitError(syndrome, 12);
                if (bit < 0) return false;
                _header[bit / 8] ^= (byte)(1 << (bit % 8));
            }
            return HeaderValid();
        }

        /// <summary>
        /// Programs bytes (a corrected or re-read copy of what is at address) over it when that
        /// only clears bits: solidifies weak bits a cut left, or undoes a flip to 1. A flip to 0
        /// cannot be undone in place; nothing is programmed then.
        /// </summary>
        private bool ReprogramIfClears(int address, byte[] bytes, int count)
        {
            for (int done = 0; done < count; done += _check.Length)
            {
                int n = count - done < _check.Length ? count - done : _check.Length;
                _flash.Read(address + done, _check, 0, n);
                for (int i = 0; i < n; i++) if ((bytes[done + i] & ~_check[i]) != 0) return false;
            }
            _flash.Program(address, bytes, 0, count);
            return true;
        }
    }
}

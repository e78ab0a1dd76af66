using System;
using System.IO;
using PosTerminal.Hal;

namespace PosTerminal.Esp32.Adapters
{
    /// <summary>
    /// The store's NOR region on the I: drive (LittleFS in the 4 MB layout's config
    /// partition; nanoFramework has no managed access to a raw partition): one file per
    /// sector, path + ".00" .. ".15". Why (Firmware/Storage/DESIGN.md, "Storage on littlefs"):
    /// littlefs rewrites a file from the block a write touches to the file's end, so a
    /// 4 KiB file per sector bounds every program and erase to the sector it touches.
    /// - Erase deletes the sector's file: a missing file, and any byte past a file's end,
    ///   reads 0xFF. Program ANDs the new bytes into the old, as NOR flash does, and writes
    ///   from the file's old end when it lands past it (the store mostly appends).
    /// - Every program and erase opens and closes its file: closing is what makes LittleFS
    ///   commit (FileStream.Flush is only a stdio fflush in the ESP32 driver,
    ///   littlefs_FS_Driver.cpp), so each is atomic: a cut leaves it whole or absent, never
    ///   a torn word (the store copes with more than it meets here).
    /// - One sector is cached in RAM (SectorSize bytes), so a boot's many small reads cost
    ///   one file read per sector.
    /// - A region left by the first layout (one file at path) is split into sector files
    ///   on first use; a cut during that is redone on the next boot.
    /// - Firmware whose FileStream appends instead of seeking (nanoframework/Home#1287)
    ///   would corrupt the region; the constructor checks for it and refuses to run.
    /// Not compiled by the desktop build; Firmware.Tests compiles this file against the
    /// desktop's System.IO to run the store on it (FileFlashTests).
    /// </summary>
    public sealed class FileFlash : IFlash
    {
        private const int Unit = 4;
        private readonly string _path;
        private readonly int _size;
        // Bytes each sector's file holds (-1: not read yet).
        private readonly int[] _length;
        // The cached sector's bytes, 0xFF past its file's end.
        private readonly byte[] _cache;
        private int _cached = -1;

        public FileFlash(string path, int sectorSize, int sectorCount)
        {
            if (path == null) throw new ArgumentNullException("path");
            if (sectorSize % Unit != 0 || sectorSize <= 0 || sectorCount <= 0) throw new ArgumentOutOfRangeException("sectorSize");
            _path = path;
            SectorSize = sectorSize;
            SectorCount = sectorCount;
            _size = sectorSize * sectorCount;
            _length = new int[sectorCount];
            for (int s = 0; s < sectorCount; s++) _length[s] = -1;
            _cache = new byte[sectorSize];
            SplitSingleFile();
            CheckWritesInPlace();
        }

        public int SectorSize { get; }
        public int SectorCount { get; }
        public int WriteUnit { get { return Unit; } }

        /// <summary>The file holding a sector: path + "." + two digits.</summary>
        public string SectorPath(int sector)
        {
            return _path + (sector < 10 ? ".0" : ".") + sector.ToString();
        }

        public void Read(int address, byte[] buffer, int offset, int count)
        {
            CheckRange(address, count);
            while (count > 0)
            {
                int sector = address / SectorSize;
                int at = address % SectorSize;
                int n = count < SectorSize - at ? count : SectorSize - at;
                Load(sector);
                Array.Copy(_cache, at, buffer, offset, n);
                address += n;
                offset += n;
                count -= n;
            }
        }

        public void Program(int address, byte[] data, int offset, int count)
        {
            CheckRange(address, count);
            if (address % Unit != 0 || count % Unit != 0) throw new ArgumentException("program must be 4-byte aligned");
            while (count > 0)
            {
                int sector = address / SectorSize;
                int at = address % SectorSize;
                int n = count < SectorSize - at ? count : SectorSize - at;
                ProgramInSector(sector, at, data, offset, n);
                address += n;
                offset += n;
                count -= n;
            }
        }

        public void Erase(int sector)
        {
            if (sector < 0 || sector >= SectorCount) throw new ArgumentOutOfRangeException("sector");
            _length[sector] = -1;
            if (_cached == sector) _cached = -1;
            File.Delete(SectorPath(sector));
            _length[sector] = 0;
        }

        /// <summary>
        /// ANDs n bytes into the sector at offset at, and writes them to its file in one
        /// write: from at when that is inside the file, else from the file's end (the 0xFF
        /// between the end and at go along), which littlefs treats as an append.
        /// </summary>
        private void ProgramInSector(int sector, int at, byte[] data, int offset, int n)
        {
            Load(sector);
            int length = _length[sector];
            for (int i = 0; i < n; i++) _cache[at + i] &= data[offset + i];
            int from = at < length ? at : length;
            int end = at + n;
            try
            {
                using (FileStream file = new FileStream(SectorPath(sector), FileMode.OpenOrCreate, FileAccess.ReadWrite))
                {
                    file.Seek(from, SeekOrigin.Begin);
                    file.Write(_cache, from, end - from);
                }
            }
            catch
            {
                // The file may or may not have taken it: read it again next time.
                _cached = -1;
                _length[sector] = -1;
                throw;
            }
            if (end > length) _length[sector] = end;
        }

        /// <summary>Makes the cache hold the sector: its file's bytes, 0xFF past the file's end (all 0xFF without a file).</summary>
        private void Load(int sector)
        {
            if (_cached == sector) return;
            _cached = -1;
            int length = 0;
            string name = SectorPath(sector);
            if (File.Exists(name))
            {
                using (FileStream file = new FileStream(name, FileMode.Open, FileAccess.Read))
                {
                    long stored = file.Length;
                    length = stored < SectorSize ? (int)stored : SectorSize;
                    ReadFully(file, _cache, length);
                }
            }
            for (int i = length; i < SectorSize; i++) _cache[i] = 0xFF;
            _length[sector] = length;
            _cached = sector;
        }

        /// <summary>
        /// The first layout kept the whole region in one file at path. Each sector's bytes
        /// up to its last programmed word go to its own file, then the old file goes. A cut
        /// before that last step leaves the old file, and the next boot splits it again.
        /// </summary>
        private void SplitSingleFile()
        {
            if (!File.Exists(_path)) return;
            using (FileStream old = new FileStream(_path, FileMode.Open, FileAccess.Read))
            {
                long stored = old.Length;
                for (int s = 0; s < SectorCount; s++)
                {
                    long start = (long)s * SectorSize;
                    int length = stored <= start ? 0 : stored - start < SectorSize ? (int)(stored - start) : SectorSize;
                    if (length > 0) old.Seek(start, SeekOrigin.Begin);
                    ReadFully(old, _cache, length);
                    int used = length;
                    while (used > 0 && _cache[used - 1] == 0xFF) used--;
                    used = (used + Unit - 1) / Unit * Unit;
                    string name = SectorPath(s);
                    if (used == 0)
                    {
                        File.Delete(name);
                        continue;
                    }
                    using (FileStream file = new FileStream(name, FileMode.Create, FileAccess.ReadWrite))
                    {
                        file.Write(_cache, 0, used);
                    }
                }
            }
            File.Delete(_path);
            _cached = -1;
        }

        /// <summary>Rewrites the first word of a scratch file with itself and checks that the file did not grow.</summary>
        private void CheckWritesInPlace()
        {
            string name = _path + ".chk";
            byte[] word = new byte[Unit * 2];
            using (FileStream file = new FileStream(name, FileMode.Create, FileAccess.ReadWrite))
            {
                file.Write(word, 0, word.Length);
            }
            long after;
            using (FileStream file = new FileStream(name, FileMode.OpenOrCreate, FileAccess.ReadWrite))
            {
                file.Seek(0, SeekOrigin.Begin);
                file.Write(word, 0, Unit);
            }
            using (FileStream file = new FileStream(name, FileMode.Open, FileAccess.Read))
            {
                after = file.Length;
            }
            File.Delete(name);
            if (after != word.Length)
            {
                throw new IOException("this firmware's FileStream does not write in place; update the nanoFramework firmware");
            }
        }

        /// <summary>Reads exactly count bytes from the file's position (never past its end: EOF handling differs by platform).</summary>
        private static void ReadFully(FileStream file, byte[] buffer, int count)
        {
            int done = 0;
            while (done < count)
            {
                int n = file.Read(buffer, done, count - done);
                if (n <= 0) throw new IOException("flash file shorter than it says");
                done += n;
            }
        }

        private void CheckRange(int address, int count)
        {
            if (address < 0 || count < 0 || address + count > _size)
            {
                throw new ArgumentOutOfRangeException("address");
            }
        }
    }
}

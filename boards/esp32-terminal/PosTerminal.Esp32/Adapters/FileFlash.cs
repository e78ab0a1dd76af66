using System;
using System.IO;
using PosTerminal.Hal;

namespace PosTerminal.Esp32.Adapters
{
    /// <summary>
    /// The store's NOR region, emulated by a fixed-size file on the I: drive (LittleFS in the
    /// 4 MB layout's config partition; nanoFramework has no managed access to a raw partition).
    /// Erase writes 0xFF; Program ANDs the new bytes into the old, as NOR flash does.
    ///
    /// Honest notes:
    /// - LittleFS underneath already does copy-on-write and wear levelling, and commits a file
    ///   atomically when it is closed. So a cut never leaves a torn word here (the store copes
    ///   with more than it meets), and the store's erase counts describe this file, not the chip.
    /// - Every operation opens, seeks and closes the file. Closing is what makes LittleFS commit
    ///   (FileStream.Flush is only a stdio fflush in the ESP32 driver, littlefs_FS_Driver.cpp), and a
    ///   fresh handle per operation sidesteps the read-after-write buffer bug of older firmware
    ///   (nanoframework/Home#1845). Each operation costs milliseconds; the store does few.
    /// - Firmware whose FileStream appends instead of seeking (nanoframework/Home#1287) would
    ///   corrupt the region; the constructor checks for it and refuses to run.
    /// </summary>
    public sealed class FileFlash : IFlash
    {
        private const int Unit = 4;
        private readonly string _path;
        private readonly int _size;
        private readonly byte[] _old;
        private readonly byte[] _erased;

        public FileFlash(string path, int sectorSize, int sectorCount)
        {
            _path = path;
            SectorSize = sectorSize;
            SectorCount = sectorCount;
            _size = sectorSize * sectorCount;
            _old = new byte[sectorSize];
            _erased = new byte[sectorSize];
            for (int i = 0; i < sectorSize; i++) _erased[i] = 0xFF;
            EnsureSize();
            CheckWritesInPlace();
        }

        public int SectorSize { get; }
        public int SectorCount { get; }
        public int WriteUnit { get { return Unit; } }

        public void Read(int address, byte[] buffer, int offset, int count)
        {
            CheckRange(address, count);
            using (FileStream file = Open())
            {
                ReadAt(file, address, buffer, offset, count);
            }
        }

        public void Program(int address, byte[] data, int offset, int count)
        {
            CheckRange(address, count);
            if (address % Unit != 0 || count % Unit != 0)
            {
                throw new ArgumentException("program must be 4-byte aligned");
            }
            using (FileStream file = Open())
            {
                for (int done = 0; done < count; done += _old.Length)
                {
                    int n = count - done < _old.Length ? count - done : _old.Length;
                    ReadAt(file, address + done, _old, 0, n);
                    for (int i = 0; i < n; i++) _old[i] &= data[offset + done + i];
                    file.Seek(address + done, SeekOrigin.Begin);
                    file.Write(_old, 0, n);
                }
            }
        }

        public void Erase(int sector)
        {
            if (sector < 0 || sector >= SectorCount) throw new ArgumentOutOfRangeException("sector");
            using (FileStream file = Open())
            {
                file.Seek(sector * SectorSize, SeekOrigin.Begin);
                file.Write(_erased, 0, SectorSize);
            }
        }

        private FileStream Open()
        {
            return new FileStream(_path, FileMode.OpenOrCreate, FileAccess.ReadWrite);
        }

        /// <summary>A new region is all erased; one cut short while being created is completed.</summary>
        private void EnsureSize()
        {
            using (FileStream file = Open())
            {
                long length = file.Length;
                file.Seek(length, SeekOrigin.Begin);
                while (length < _size)
                {
                    int n = _size - length < SectorSize ? (int)(_size - length) : SectorSize;
                    file.Write(_erased, 0, n);
                    length += n;
                }
            }
        }

        /// <summary>Rewrites the first word with itself and checks that the file did not grow.</summary>
        private void CheckWritesInPlace()
        {
            long before;
            using (FileStream file = Open())
            {
                before = file.Length;
                ReadAt(file, 0, _old, 0, Unit);
                file.Seek(0, SeekOrigin.Begin);
                file.Write(_old, 0, Unit);
            }
            using (FileStream file = Open())
            {
                if (file.Length != before)
                {
                    throw new IOException("this firmware's FileStream does not write in place; update the nanoFramework firmware");
                }
            }
        }

        private static void ReadAt(FileStream file, int address, byte[] buffer, int offset, int count)
        {
            file.Seek(address, SeekOrigin.Begin);
            int done = 0;
            while (done < count)
            {
                int n = file.Read(buffer, offset + done, count - done);
                if (n <= 0) throw new IOException("flash file shorter than its region");
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

using System;
using PosTerminal.Hal;

namespace PosTerminal.Tools.Bench
{
    /// <summary>
    /// A cost model of what littlefs programs into the ESP32's flash for each call the store
    /// makes on FileFlash. It counts, it does not simulate littlefs. The model, from the sources:
    /// - esp_littlefs defaults (joltwallet/esp_littlefs Kconfig, src/esp_littlefs.c): block 4096,
    ///   prog_size 128 (CONFIG_LITTLEFS_WRITE_SIZE), cache 512, so inline_max = min(cache_size,
    ///   attr_max, block_size / 8) = 512 (lfs.c, lfs_init).
    /// - FileFlash closes the file after every program or erase; the close syncs it (lfs.c,
    ///   lfs_file_sync): one metadata commit, padded to prog_size (lfs_dir_commitcrc), counted
    ///   twice: littlefs DESIGN.md ("Metadata pairs") bounds garbage collection at 2x by splitting at 50%.
    /// - A file of at most inline_max bytes lives in its directory's metadata (littlefs DESIGN.md,
    ///   "Files"): each sync writes all of it into the commit.
    /// - A write at position p of a bigger file: lfs_ctz_extend copies the block holding p - 1
    ///   up to p into a fresh block, then the data is written, and the flush at close copies
    ///   everything after it to the file's end (lfs_file_flush; littlefs DESIGN.md, "CTZ skip-lists":
    ///   blocks after a changed one are rewritten). So from the start of p's block to the end
    ///   of the file, plus 4-byte skip pointers per block written (8 counted per block), one
    ///   block erased per block written.
    /// - Deleting a file (FileFlash's erase on the new layout) is one metadata commit.
    /// </summary>
    public sealed class LittleFsModel
    {
        public const int BlockSize = 4096;
        public const int ProgSize = 128;
        public const int InlineMax = 512;
        private const int MetadataCommit = 2 * ProgSize;

        private readonly bool _filePerSector;
        private readonly int _sectorSize;
        private readonly int _regionSize;
        private readonly int[] _lengths;

        private LittleFsModel(bool filePerSector, int sectorSize, int sectorCount)
        {
            _filePerSector = filePerSector;
            _sectorSize = sectorSize;
            _regionSize = sectorSize * sectorCount;
            _lengths = new int[sectorCount];
        }

        /// <summary>The first layout: the whole region in one file (FileFlash before issue 9).</summary>
        public static LittleFsModel OneFile(int sectorSize, int sectorCount)
        {
            return new LittleFsModel(false, sectorSize, sectorCount);
        }

        /// <summary>One file per sector, erased bytes past a file's end not stored (FileFlash now).</summary>
        public static LittleFsModel FilePerSector(int sectorSize, int sectorCount)
        {
            return new LittleFsModel(true, sectorSize, sectorCount);
        }

        /// <summary>File data bytes programmed (copies included).</summary>
        public long DataBytes { get; private set; }

        public long MetadataBytes { get; private set; }

        public long BlockErases { get; private set; }

        public long Calls { get; private set; }

        /// <summary>The most file data one program or erase made littlefs write.</summary>
        public long MaxDataPerCall { get; private set; }

        public long TotalBytes { get { return DataBytes + MetadataBytes; } }

        public void Program(int address, int count)
        {
            Calls++;
            if (!_filePerSector)
            {
                // FileFlash's first layout wrote the bytes in place in a file as big as the region.
                RewriteFrom(address, _regionSize);
                return;
            }
            int sector = address / _sectorSize;
            int end = Math.Max(_lengths[sector], address % _sectorSize + count);
            _lengths[sector] = end;
            if (end <= InlineMax)
            {
                MetadataBytes += 2 * RoundUp(end + 20, ProgSize);
                Note(0);
                return;
            }
            // One block: littlefs writes the whole file into a fresh block.
            DataBytes += end + 8;
            BlockErases++;
            MetadataBytes += MetadataCommit;
            Note(end + 8);
        }

        public void Erase(int sector)
        {
            Calls++;
            if (!_filePerSector)
            {
                // It wrote 0xFF over the sector's bytes of the one file.
                RewriteFrom(sector * _sectorSize, _regionSize);
                return;
            }
            _lengths[sector] = 0;
            MetadataBytes += MetadataCommit;
            Note(0);
        }

        private void RewriteFrom(int position, int fileSize)
        {
            int blockStart = position / BlockSize * BlockSize;
            int bytes = fileSize - blockStart;
            int blocks = (bytes + BlockSize - 1) / BlockSize;
            DataBytes += bytes + 8L * blocks;
            BlockErases += blocks;
            MetadataBytes += MetadataCommit;
            Note(bytes + 8L * blocks);
        }

        private void Note(long data)
        {
            if (data > MaxDataPerCall) MaxDataPerCall = data;
        }

        private static int RoundUp(int n, int unit)
        {
            return (n + unit - 1) / unit * unit;
        }
    }

    /// <summary>An IFlash that passes every call on and tells the littlefs models about it.</summary>
    public sealed class ModelledFlash : IFlash
    {
        private readonly IFlash _flash;
        private readonly LittleFsModel[] _models;

        public ModelledFlash(IFlash flash, params LittleFsModel[] models)
        {
            _flash = flash;
            _models = models;
        }

        /// <summary>Split each record's program in two (body, then CRC word), as the first LogStore did.</summary>
        public bool TwoProgramsPerRecord { get; set; }

        public int SectorSize { get { return _flash.SectorSize; } }
        public int SectorCount { get { return _flash.SectorCount; } }
        public int WriteUnit { get { return _flash.WriteUnit; } }

        public void Read(int address, byte[] buffer, int offset, int count)
        {
            _flash.Read(address, buffer, offset, count);
        }

        public void Program(int address, byte[] data, int offset, int count)
        {
            _flash.Program(address, data, offset, count);
            bool record = TwoProgramsPerRecord && count >= 12 && address % _flash.SectorSize != 0;
            foreach (LittleFsModel m in _models)
            {
                if (record)
                {
                    m.Program(address, count - 4);
                    m.Program(address + count - 4, 4);
                }
                else
                {
                    m.Program(address, count);
                }
            }
        }

        public void Erase(int sector)
        {
            _flash.Erase(sector);
            foreach (LittleFsModel m in _models) m.Erase(sector);
        }
    }
}

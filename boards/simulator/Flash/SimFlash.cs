using System;
using System.IO;
using PosTerminal.Hal;

namespace PosTerminal.Simulator.Flash
{
    /// <summary>
    /// NOR flash in RAM, optionally mirrored to a file so bindings survive restarts of the
    /// virtual terminal. Erase sets a sector to 0xFF; programming only clears bits.
    /// </summary>
    public sealed class SimFlash : IFlash
    {
        public const int DefaultSectorSize = 4096;
        public const int DefaultSectorCount = 16;

        private readonly byte[] _image;
        private readonly string _path;

        public SimFlash(int sectorCount = DefaultSectorCount, string path = null)
        {
            _image = new byte[DefaultSectorSize * sectorCount];
            _path = path;
            if (_path != null && File.Exists(_path))
            {
                byte[] stored = File.ReadAllBytes(_path);
                Array.Copy(stored, _image, Math.Min(stored.Length, _image.Length));
            }
            else
            {
                _image.AsSpan().Fill(0xFF);
            }
            SectorCount = sectorCount;
        }

        public int SectorSize { get { return DefaultSectorSize; } }

        public int SectorCount { get; }

        public int WriteUnit { get { return 4; } }

        public byte[] Image { get { return _image; } }

        public void Read(int address, byte[] buffer, int offset, int count)
        {
            Array.Copy(_image, address, buffer, offset, count);
        }

        public void Program(int address, byte[] data, int offset, int count)
        {
            if (address % WriteUnit != 0 || count % WriteUnit != 0)
                throw new InvalidOperationException("unaligned program at " + address);
            for (int i = 0; i < count; i++)
            {
                byte b = data[offset + i];
                if ((b & ~_image[address + i] & 0xFF) != 0)
                    throw new InvalidOperationException("program needs a 0->1 change at " + (address + i));
                _image[address + i] &= b;
            }
            Persist();
        }

        public void Erase(int sector)
        {
            _image.AsSpan(sector * SectorSize, SectorSize).Fill(0xFF);
            Persist();
        }

        /// <summary>A detached copy of the current contents (no file): for reading flash as a fresh boot would.</summary>
        public SimFlash Snapshot()
        {
            var copy = new SimFlash(SectorCount);
            Array.Copy(_image, copy._image, _image.Length);
            return copy;
        }

        private void Persist()
        {
            if (_path == null) return;
            string dir = Path.GetDirectoryName(Path.GetFullPath(_path));
            Directory.CreateDirectory(dir);
            File.WriteAllBytes(_path, _image);
        }
    }
}

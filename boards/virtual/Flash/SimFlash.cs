using System;
using System.IO;
using PosTerminal.Hal;

namespace PosTerminal.Virtual.Flash
{
    /// <summary>
    /// NOR flash in RAM, optionally mirrored to a file so bindings survive restarts of the
    /// virtual terminal. Erase sets a sector to 0xFF; programming only clears bits, in
    /// aligned 4-byte words; a program that needs a 0→1 change is a firmware bug and throws.
    /// Power cuts can be scheduled on any program word or erase (see ScheduleCut); a torn
    /// operation leaves weak bits that read at random until their sector is erased again.
    /// </summary>
    public sealed class SimFlash : IFlash
    {
        public const int DefaultSectorSize = 4096;

        /// <summary>64 KiB: a quarter of the ESP32's 256 KB config partition (see Firmware/Storage/SPEC.md).</summary>
        public const int DefaultSectorCount = 16;

        private const int Word = 4;

        private readonly byte[] _image;
        private readonly int[] _eraseCounts;
        private readonly bool[] _sectorWeak;
        // Per sector: how likely a weak bit reads 1 (set by the last torn operation there).
        private readonly double[] _weakBias;
        private readonly string _path;
        private byte[] _weak; // per bit: 1 = weak (reads at random); null while nothing is weak
        private Random _noise;
        private long _cutAt = -1;
        private CutMode _cutMode;

        public SimFlash(int sectorCount = DefaultSectorCount, string path = null, int sectorSize = DefaultSectorSize, int seed = 1)
        {
            if (sectorCount < 1) throw new ArgumentOutOfRangeException(nameof(sectorCount));
            if (sectorSize < 64 || sectorSize % Word != 0) throw new ArgumentOutOfRangeException(nameof(sectorSize));
            SectorSize = sectorSize;
            SectorCount = sectorCount;
            _image = new byte[sectorSize * sectorCount];
            _eraseCounts = new int[sectorCount];
            _sectorWeak = new bool[sectorCount];
            _weakBias = new double[sectorCount];
            _noise = new Random(seed);
            _path = path;
            if (_path != null && File.Exists(_path))
            {
                byte[] stored = File.ReadAllBytes(_path);
                _image.AsSpan().Fill(0xFF);
                Array.Copy(stored, _image, Math.Min(stored.Length, _image.Length));
            }
            else
            {
                _image.AsSpan().Fill(0xFF);
            }
        }

        public int SectorSize { get; }

        public int SectorCount { get; }

        public int WriteUnit { get { return Word; } }

        /// <summary>The stored bits (weak bits show their last programmed or erased value).</summary>
        public byte[] Image { get { return _image; } }

        // ---- counters -------------------------------------------------------------------

        /// <summary>Program words and erases so far: the unit ScheduleCut counts in.</summary>
        public long Operations { get; private set; }

        public long Reads { get; private set; }

        public long BytesRead { get; private set; }

        public long ProgramWords { get; private set; }

        public long BytesProgrammed { get { return ProgramWords * Word; } }

        public long Erases { get; private set; }

        /// <summary>Erases (whole or torn) this sector has had since this object was made.</summary>
        public int EraseCount(int sector)
        {
            return _eraseCounts[sector];
        }

        public void ResetCounters()
        {
            Reads = 0;
            BytesRead = 0;
            ProgramWords = 0;
            Erases = 0;
            Array.Clear(_eraseCounts);
        }

        // ---- power cuts -------------------------------------------------------------------

        /// <summary>True from the moment a scheduled cut happens until PowerUp.</summary>
        public bool PowerCut { get; private set; }

        /// <summary>True when the last cut that happened landed on an erase (else on a program word).</summary>
        public bool LastCutWasErase { get; private set; }

        /// <summary>True while a scheduled cut has not happened yet.</summary>
        public bool CutPending { get { return _cutAt >= 0; } }

        /// <summary>
        /// Cuts the power on the opsFromNow-th program word or erase from now (1 = the next
        /// one), in the given mode. That operation and every flash call after it throw
        /// PowerCutException until PowerUp.
        /// </summary>
        public void ScheduleCut(int opsFromNow, CutMode mode = CutMode.Torn)
        {
            if (opsFromNow < 1) throw new ArgumentOutOfRangeException(nameof(opsFromNow), "a cut needs at least one more operation");
            _cutAt = Operations + opsFromNow;
            _cutMode = mode;
        }

        /// <summary>Power is back (a reboot): flash calls work again and a pending cut is dropped. Weak bits stay weak.</summary>
        public void PowerUp()
        {
            PowerCut = false;
            _cutAt = -1;
        }

        /// <summary>True while some bits of the sector are weak (after a torn operation, until it is erased).</summary>
        public bool IsUnstable(int sector)
        {
            return _sectorWeak[sector];
        }

        // ---- IFlash -------------------------------------------------------------------

        public void Read(int address, byte[] buffer, int offset, int count)
        {
            CheckPower();
            CheckRange(address, count);
            Reads++;
            BytesRead += count;
            Array.Copy(_image, address, buffer, offset, count);
            if (_weak == null || !AnyWeak(address, count)) return;
            for (int i = 0; i < count; i++)
            {
                byte weak = _weak[address + i];
                if (weak != 0) buffer[offset + i] = (byte)((_image[address + i] & ~weak) | (WeakRead(address + i) & weak));
            }
        }

        public void Program(int address, byte[] data, int offset, int count)
        {
            CheckPower();
            if (address % Word != 0 || count % Word != 0)
                throw new ArgumentException("unaligned program of " + count + " bytes at " + address + " (4-byte words only)");
            CheckRange(address, count);
            for (int i = 0; i < count; i++)
            {
                byte solidZeros = (byte)(~_image[address + i] & ~WeakAt(address + i));
                if ((data[offset + i] & solidZeros) != 0)
                    throw new InvalidOperationException("program needs a 0->1 change at " + (address + i) + ": erase first");
            }
            for (int w = 0; w < count; w += Word)
            {
                CutMode? cut = NextOperation();
                if (cut == CutMode.Before) PowerDies("program", address + w);
                if (cut == CutMode.Torn) TearWord(address + w, data, offset + w);
                else ProgramWord(address + w, data, offset + w);
                ProgramWords++;
                if (cut != null) PowerDies("program", address + w);
            }
            Persist();
        }

        public void Erase(int sector)
        {
            CheckPower();
            if (sector < 0 || sector >= SectorCount) throw new ArgumentOutOfRangeException(nameof(sector));
            CutMode? cut = NextOperation();
            if (cut == CutMode.Before) PowerDies("erase", sector * SectorSize);
            if (cut == CutMode.Torn) TearErase(sector);
            else EraseWhole(sector);
            Erases++;
            _eraseCounts[sector]++;
            if (cut != null) PowerDies("erase", sector * SectorSize);
            Persist();
        }

        /// <summary>
        /// A detached copy (no file, power on, no pending cut, counters at zero) with the
        /// same bits, weak ones included: for reading flash as a fresh boot would, or for
        /// forking a power-cut experiment. seed drives its weak reads and torn operations.
        /// </summary>
        public SimFlash Snapshot(int seed = 1)
        {
            var copy = new SimFlash(SectorCount, null, SectorSize, seed);
            Array.Copy(_image, copy._image, _image.Length);
            if (_weak != null) copy._weak = (byte[])_weak.Clone();
            Array.Copy(_sectorWeak, copy._sectorWeak, _sectorWeak.Length);
            Array.Copy(_weakBias, copy._weakBias, _weakBias.Length);
            return copy;
        }

        // ---- internals -------------------------------------------------------------------

        /// <summary>Counts one program word or erase; returns the cut mode when the cut lands on it.</summary>
        private CutMode? NextOperation()
        {
            Operations++;
            if (Operations != _cutAt) return null;
            _cutAt = -1;
            return _cutMode;
        }

        private void PowerDies(string what, int address)
        {
            PowerCut = true;
            LastCutWasErase = what == "erase";
            Persist();
            throw new PowerCutException("power cut during " + what + " at " + address);
        }

        private void CheckPower()
        {
            if (PowerCut) throw new PowerCutException("flash has no power");
        }

        private void CheckRange(int address, int count)
        {
            if (address < 0 || count < 0 || address + count > _image.Length)
                throw new ArgumentOutOfRangeException(nameof(address), "flash access " + address + "+" + count + " is outside the region");
        }

        private void ProgramWord(int address, byte[] data, int offset)
        {
            for (int i = 0; i < Word; i++)
            {
                byte d = data[offset + i];
                _image[address + i] &= d;
                // A programmed 0 is solid; a weak bit left at 1 stays weak.
                if (_weak != null) _weak[address + i] &= d;
            }
        }

        /// <summary>
        /// A program stopped part way, at a random progress p skewed late (a cut near the end
        /// of the program pulse is the case that reads right now and wrong later): each bit
        /// the word would clear is cleared with probability p, left weak with probability
        /// (1 - p) / 2, and otherwise untouched.
        /// </summary>
        private void TearWord(int address, byte[] data, int offset)
        {
            ChooseWeakBias(address / SectorSize);
            double u = _noise.NextDouble();
            double progress = 1 - (1 - u) * (1 - u);
            for (int i = 0; i < Word; i++)
            {
                int toClear = ~data[offset + i] & (_image[address + i] | WeakAt(address + i)) & 0xFF;
                for (int bit = 0; bit < 8; bit++)
                {
                    int mask = 1 << bit;
                    if ((toClear & mask) == 0) continue;
                    double r = _noise.NextDouble();
                    if (r < progress)
                    {
                        _image[address + i] &= (byte)~mask;
                        if (_weak != null) _weak[address + i] &= (byte)~mask;
                    }
                    else if (r < progress + (1 - progress) / 2)
                    {
                        MakeWeak(address + i, mask);
                    }
                }
            }
        }

        private void EraseWhole(int sector)
        {
            int start = sector * SectorSize;
            _image.AsSpan(start, SectorSize).Fill(0xFF);
            if (_weak != null) _weak.AsSpan(start, SectorSize).Clear();
            _sectorWeak[sector] = false;
        }

        /// <summary>
        /// An erase stopped part way, at a random progress p skewed hard towards 0 (an erase
        /// cut soon after it started leaves the header readable and a few records broken,
        /// the case that tests recovery most): each programmed
        /// bit is erased with probability p, left weak with probability p(1 - p), and
        /// otherwise keeps its old value.
        /// </summary>
        private void TearErase(int sector)
        {
            ChooseWeakBias(sector);
            int start = sector * SectorSize;
            double u = _noise.NextDouble();
            double progress = u * u * u * u;
            double weak = progress * (1 - progress);
            for (int a = start; a < start + SectorSize; a++)
            {
                int programmed = ~_image[a] & 0xFF | WeakAt(a);
                if (programmed == 0) continue;
                for (int bit = 0; bit < 8; bit++)
                {
                    int mask = 1 << bit;
                    if ((programmed & mask) == 0) continue;
                    double r = _noise.NextDouble();
                    if (r < progress)
                    {
                        _image[a] |= (byte)mask;
                        if (_weak != null) _weak[a] &= (byte)~mask;
                    }
                    else if (r < progress + weak)
                    {
                        MakeWeak(a, mask);
                    }
                }
            }
        }

        /// <summary>A random byte whose bits are 1 with the sector's weak-bit bias.</summary>
        private int WeakRead(int address)
        {
            double bias = _weakBias[address / SectorSize];
            int value = 0;
            for (int bit = 0; bit < 8; bit++)
            {
                if (_noise.NextDouble() < bias) value |= 1 << bit;
            }
            return value;
        }

        /// <summary>
        /// Weak cells lean one way or the other: a torn operation's weak bits read 1 with
        /// probability 0.5, 0.9 (mostly look erased, the treacherous case) or 0.1.
        /// </summary>
        private void ChooseWeakBias(int sector)
        {
            int pick = _noise.Next(3);
            _weakBias[sector] = pick == 0 ? 0.5 : pick == 1 ? 0.9 : 0.1;
        }

        private void MakeWeak(int address, int mask)
        {
            if (_weak == null) _weak = new byte[_image.Length];
            _weak[address] |= (byte)mask;
            _sectorWeak[address / SectorSize] = true;
        }

        private int WeakAt(int address)
        {
            return _weak == null ? 0 : _weak[address];
        }

        private bool AnyWeak(int address, int count)
        {
            int last = (address + Math.Max(count, 1) - 1) / SectorSize;
            for (int s = address / SectorSize; s <= last; s++)
            {
                if (_sectorWeak[s]) return true;
            }
            return false;
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

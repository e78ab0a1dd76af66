using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using PosTerminal.Virtual.Flash;

namespace PosTerminal.Tools.Checks.Store
{
    /// <summary>One flipped bit of a flash image (or two, near each other), and what the first one's byte was (FlashMap).</summary>
    public sealed class BitFlip
    {
        public BitFlip(int address, int bit, FlashRegion region, bool inForce)
        {
            Address = address;
            Bit = bit;
            Region = region;
            InForce = inForce;
            SecondAddress = -1;
        }

        public BitFlip(int address, int bit, FlashRegion region, bool inForce, int secondAddress, int secondBit)
            : this(address, bit, region, inForce)
        {
            SecondAddress = secondAddress;
            SecondBit = secondBit;
        }

        /// <summary>A second flipped bit (multi-bit damage), or -1.</summary>
        public int SecondAddress { get; }

        public int SecondBit { get; }

        public int Address { get; }

        /// <summary>0..7 within the byte.</summary>
        public int Bit { get; }

        public FlashRegion Region { get; }

        /// <summary>The byte belongs to a record a boot must read right (FlashMap.InForce).</summary>
        public bool InForce { get; }

        public override string ToString()
        {
            return "bit " + Bit + " of byte " + Address + (SecondAddress >= 0 ? " and bit " + SecondBit + " of byte " + SecondAddress : "")
                + " (" + Region + (InForce ? ", in force" : "") + ")";
        }
    }

    /// <summary>What a boot of a flipped image came to, as a FlipCheck judged it.</summary>
    public enum FlipVerdict
    {
        /// <summary>Every key reads its last value and nothing needed correcting (the bit did not matter).</summary>
        Unchanged,

        /// <summary>Every key reads its last value: the flip was corrected (and made good on flash).</summary>
        Corrected,

        /// <summary>Some keys report damage (fail closed); every other key reads its last value.</summary>
        Damaged,

        /// <summary>A key read a value it should not have without saying it was damaged, a boot threw, or the store broke.</summary>
        Wrong,
    }

    /// <summary>Collects failure messages from checks running in parallel (the first few are kept).</summary>
    public sealed class FlipLog
    {
        private readonly List<string> _lines = new List<string>();

        public void Note(string line)
        {
            lock (_lines)
            {
                if (_lines.Count < 10) _lines.Add(line);
            }
        }

        public string Text
        {
            get { lock (_lines) return string.Join("\n", _lines); }
        }
    }

    /// <summary>
    /// Judges one flipped image: flash is a fresh copy with the bit flipped (power on, no
    /// weak bits), for the check to boot as often as it likes. Notes why in log when Wrong.
    /// </summary>
    public delegate FlipVerdict FlipCheck(SimFlash flash, BitFlip flip, FlipLog log);

    public sealed class FlipSweepOptions
    {
        /// <summary>Flips tried: half spread evenly over every bit of the region, half shared out among the kinds of byte (FlashMap).</summary>
        public int Flips { get; set; } = 1000;

        public int Seed { get; set; } = 1;

        public bool Parallel { get; set; } = true;

        /// <summary>Flip a second bit within 16 bytes of each first one (damage the CRC detects but cannot correct).</summary>
        public bool TwoBits { get; set; }
    }

    /// <summary>What a flip sweep found, in total and per kind of byte.</summary>
    public sealed class FlipSweepResult
    {
        private readonly long[] _verdicts = new long[4];
        private readonly Dictionary<string, long[]> _byRegion = new Dictionary<string, long[]>();

        internal FlipSweepResult(FlipLog log)
        {
            Log = log;
        }

        public FlipLog Log { get; }

        public long Flips { get { return _verdicts[0] + _verdicts[1] + _verdicts[2] + _verdicts[3]; } }

        public long Unchanged { get { return _verdicts[(int)FlipVerdict.Unchanged]; } }

        public long Corrected { get { return _verdicts[(int)FlipVerdict.Corrected]; } }

        public long Damaged { get { return _verdicts[(int)FlipVerdict.Damaged]; } }

        public long Wrong { get { return _verdicts[(int)FlipVerdict.Wrong]; } }

        /// <summary>Each flip flipped two bits near each other.</summary>
        public bool TwoBits { get; internal set; }

        /// <summary>Sectors that got at least one flip.</summary>
        public int SectorsHit { get; internal set; }

        public TimeSpan Elapsed { get; internal set; }

        /// <summary>Per region name ("RecordValue", "RecordValue in force", ...): counts of each verdict.</summary>
        public IDictionary<string, long[]> ByRegion { get { return _byRegion; } }

        internal void Count(BitFlip flip, FlipVerdict verdict)
        {
            lock (_byRegion)
            {
                _verdicts[(int)verdict]++;
                string name = flip.Region + (flip.InForce ? " in force" : "");
                long[] counts;
                if (!_byRegion.TryGetValue(name, out counts)) _byRegion[name] = counts = new long[4];
                counts[(int)verdict]++;
            }
        }

        public override string ToString()
        {
            return Flips + (TwoBits ? " two-bit" : " single-bit") + " flips over " + SectorsHit + " sectors in " + Elapsed.TotalSeconds.ToString("0.0") + " s: "
                + Unchanged + " unchanged, " + Corrected + " corrected, " + Damaged + " damaged (fail closed), " + Wrong + " wrong";
        }
    }

    /// <summary>
    /// The bit-flip sweep: seeded single-bit flips over a whole flash image, each judged by a
    /// FlipCheck on a fresh copy. StoreOracle is the store-level check; a terminal-level check
    /// boots a terminal on the copy instead. Choose, Flip and Run are public for such checks.
    /// </summary>
    public static class FlipSweep
    {
        /// <summary>
        /// The flips to try: half spread evenly over every bit of the region (so each kind of
        /// byte gets its share by size), half shared equally among the kinds of byte present
        /// (so small ones such as headers and CRC words get enough), and one in each sector.
        /// Repeatable for a seed; no bit twice.
        /// </summary>
        public static BitFlip[] Choose(SimFlash image, FlipSweepOptions options)
        {
            FlashMap map = FlashMap.Of(image);
            var random = new Random(options.Seed);
            var chosen = new List<BitFlip>();
            var taken = new HashSet<long>();
            var strata = new Dictionary<string, List<int>>();
            for (int a = 0; a < image.Image.Length; a++)
            {
                string name = map.Regions[a] + (map.InForce[a] ? "+" : "");
                List<int> list;
                if (!strata.TryGetValue(name, out list)) strata[name] = list = new List<int>();
                list.Add(a);
            }
            for (int s = 0; s < image.SectorCount; s++) Take(map, s * image.SectorSize + random.Next(image.SectorSize), random, chosen, taken, options.TwoBits);
            int uniform = options.Flips / 2;
            while (chosen.Count < uniform) Take(map, random.Next(image.Image.Length), random, chosen, taken, options.TwoBits);
            var names = new List<string>(strata.Keys);
            names.Sort(StringComparer.Ordinal);
            int round = 0;
            while (chosen.Count < options.Flips && round < 100 * options.Flips)
            {
                List<int> bytes = strata[names[round % names.Count]];
                Take(map, bytes[random.Next(bytes.Count)], random, chosen, taken, options.TwoBits);
                round++;
            }
            return chosen.ToArray();
        }

        private static void Take(FlashMap map, int address, Random random, List<BitFlip> chosen, HashSet<long> taken, bool twoBits)
        {
            int bit = random.Next(8);
            if (!taken.Add(address * 8L + bit)) return;
            if (!twoBits)
            {
                chosen.Add(new BitFlip(address, bit, map.Regions[address], map.InForce[address]));
                return;
            }
            int second = Math.Clamp(address + random.Next(-16, 17), 0, map.Regions.Length - 1);
            int secondBit = random.Next(8);
            if (second == address && secondBit == bit) secondBit = (bit + 1) % 8;
            chosen.Add(new BitFlip(address, bit, map.Regions[address], map.InForce[address], second, secondBit));
        }

        /// <summary>A fresh copy of image (no weak bits, power on) with one bit flipped.</summary>
        public static SimFlash Flip(SimFlash image, BitFlip flip)
        {
            SimFlash copy = image.Snapshot();
            copy.Image[flip.Address] ^= (byte)(1 << flip.Bit);
            if (flip.SecondAddress >= 0) copy.Image[flip.SecondAddress] ^= (byte)(1 << flip.SecondBit);
            return copy;
        }

        public static FlipSweepResult Run(SimFlash image, FlipSweepOptions options, FlipCheck check)
        {
            var watch = Stopwatch.StartNew();
            BitFlip[] flips = Choose(image, options);
            var result = new FlipSweepResult(new FlipLog());
            var sectors = new HashSet<int>();
            foreach (BitFlip f in flips) sectors.Add(f.Address / image.SectorSize);
            result.SectorsHit = sectors.Count;
            result.TwoBits = options.TwoBits;
            Action<BitFlip> one = flip =>
            {
                FlipVerdict verdict;
                try
                {
                    verdict = check(Flip(image, flip), flip, result.Log);
                }
                catch (Exception e)
                {
                    result.Log.Note(flip + ": the check threw " + e.GetType().Name + ": " + e.Message);
                    verdict = FlipVerdict.Wrong;
                }
                result.Count(flip, verdict);
            };
            if (options.Parallel) System.Threading.Tasks.Parallel.ForEach(flips, one);
            else foreach (BitFlip f in flips) one(f);
            result.Elapsed = watch.Elapsed;
            return result;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using PosTerminal.Tools.Checks.Store;
using PosTerminal.Virtual.Flash;

namespace PosTerminal.Tools.Checks.Security
{
    /// <summary>One way the image is damaged: flipped bits or overwritten bytes, and the record kind hit first.</summary>
    public sealed class FlashDamage
    {
        public FlashDamage(string name, string kind, Action<byte[]> apply)
        {
            Name = name;
            Kind = kind;
            Apply = apply;
        }

        public string Name { get; }

        /// <summary>RecordKinds.Of the record hit (or the FlashMap region when no record is).</summary>
        public string Kind { get; }

        public Action<byte[]> Apply { get; }

        public override string ToString() { return Name + " (" + Kind + ")"; }
    }

    // The damage the sweep tries: flipped bits (seeded, spread over every kind of byte) and multi-byte damage.
    public static partial class TerminalFlipSweep
    {
        /// <summary>count single flipped bits (twoBits: a second one within 16 bytes): one in every sector, half uniform, half shared among the kinds of byte.</summary>
        public static List<FlashDamage> Flips(SimFlash image, int count, int seed, bool twoBits)
        {
            FlashMap map = FlashMap.Of(image);
            var random = new Random(seed);
            var strata = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
            for (int a = 0; a < image.Image.Length; a++)
            {
                string kind = KindAt(map, a);
                if (!strata.TryGetValue(kind, out List<int> list)) strata[kind] = list = new List<int>();
                list.Add(a);
            }
            var chosen = new List<FlashDamage>();
            var taken = new HashSet<long>();
            for (int s = 0; s < image.SectorCount && chosen.Count < count; s++) Take(map, s * image.SectorSize + random.Next(image.SectorSize), random, chosen, taken, twoBits);
            while (chosen.Count < count / 2) Take(map, random.Next(image.Image.Length), random, chosen, taken, twoBits);
            List<int>[] kinds = strata.Values.ToArray();
            for (int round = 0; chosen.Count < count && round < 100 * count; round++)
            {
                List<int> bytes = kinds[round % kinds.Length];
                Take(map, bytes[random.Next(bytes.Count)], random, chosen, taken, twoBits);
            }
            return chosen;
        }

        private static void Take(FlashMap map, int address, Random random, List<FlashDamage> chosen, HashSet<long> taken, bool twoBits)
        {
            int bit = random.Next(8);
            if (!taken.Add(address * 8L + bit)) return;
            string kind = KindAt(map, address);
            if (!twoBits)
            {
                chosen.Add(new FlashDamage("bit " + bit + " of byte " + address, kind, image => image[address] ^= (byte)(1 << bit)));
                return;
            }
            int second = Math.Clamp(address + random.Next(-16, 17), 0, map.Regions.Length - 1);
            int secondBit = random.Next(8);
            if (second == address && secondBit == bit) secondBit = (bit + 1) % 8;
            chosen.Add(new FlashDamage("bits " + bit + " of byte " + address + " and " + secondBit + " of byte " + second, kind, image =>
            {
                image[address] ^= (byte)(1 << bit);
                image[second] ^= (byte)(1 << secondBit);
            }));
        }

        /// <summary>
        /// Damage of many bytes: every sector header in use zeroed, the region's first word
        /// zeroed (issue 10's silent factory state), and for the in-force record of every kind
        /// its first word zeroed, a value word zeroed, and random garbage over its value.
        /// </summary>
        public static List<FlashDamage> MultiByte(SimFlash image, int seed)
        {
            FlashMap map = FlashMap.Of(image);
            var random = new Random(seed);
            var damage = new List<FlashDamage> { Fill("bytes 0-3 zeroed", KindAt(map, 0), 0, 4, 0x00) };
            for (int s = 0; s < image.SectorCount; s++)
            {
                if (map.Regions[s * image.SectorSize] == FlashRegion.SectorHeader) damage.Add(Fill("sector " + s + " header zeroed", "sector header", s * image.SectorSize, 16, 0x00));
            }
            foreach (IGrouping<string, FlashRecord> kind in map.Entries.Where(r => r.InForce).GroupBy(r => RecordKinds.Of(r.Key)).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                FlashRecord r = kind.OrderByDescending(x => x.Sequence).First();
                damage.Add(Fill(kind.Key + " record's first word zeroed", kind.Key, r.Address, 4, 0x00));
                if (r.Length >= 4) damage.Add(Fill(kind.Key + " record's value word zeroed", kind.Key, r.ValueAddress + (r.Length / 2 & ~3), 4, 0x00));
                if (r.Length > 0) damage.Add(Garbage(kind.Key + " record's value garbled", kind.Key, r.ValueAddress, r.Length, random.Next()));
            }
            return damage;
        }

        private static FlashDamage Fill(string name, string kind, int address, int count, byte value)
        {
            return new FlashDamage(name, kind, image => { for (int i = 0; i < count; i++) image[address + i] = value; });
        }

        private static FlashDamage Garbage(string name, string kind, int address, int count, int seed)
        {
            return new FlashDamage(name, kind, image =>
            {
                var random = new Random(seed);
                for (int i = 0; i < count; i++) image[address + i] = (byte)random.Next(256);
            });
        }

        /// <summary>The record kind (RecordKinds) a byte belongs to, or its FlashMap region.</summary>
        public static string KindAt(FlashMap map, int address)
        {
            int key = map.KeyAt[address];
            if (key >= 0) return RecordKinds.Of(key);
            switch (map.Regions[address])
            {
                case FlashRegion.SectorHeader: return "sector header";
                case FlashRegion.GapMark: return "gap mark";
                case FlashRegion.GapInterior: return "inside a gap";
                case FlashRegion.Erased: return "erased tail";
                case FlashRegion.FreeSector: return "free sector";
                case FlashRegion.StaleSector: return "stale sector";
                default: return map.Regions[address].ToString();
            }
        }
    }
}

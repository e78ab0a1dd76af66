using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using PosTerminal.Firmware.Text;
using PosTerminal.Tools.Checks.Store;
using PosTerminal.Virtual;
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

    /// <summary>How a damaged terminal came out (TerminalFlipSweep.Judge).</summary>
    public enum FlipOutcome
    {
        /// <summary>Nothing changed and nothing needed saying.</summary>
        Unchanged,
        /// <summary>Nothing changed: the store corrected the bits.</summary>
        Corrected,
        /// <summary>State changed, only on the safe side, and the LCD and the audit log say so.</summary>
        FailClosed,
        /// <summary>A rollback, a resurrection, an unreported change, a fault or a crash.</summary>
        Violation,
    }

    /// <summary>
    /// Issue 10's bit-flip sweep on the whole terminal: each damage (FlashDamage) is applied
    /// to a copy of a rich image (TerminalImage) and booted on a fresh EventBoard, and the
    /// oracle judges what the terminal then holds (TerminalState, against the undamaged
    /// boot) and DOES (TerminalProbe):
    /// - no security rollback: old password, factory password, old technician and unlock
    ///   codes never current or accepted, the lock never gone, no guard's count lower, the
    ///   codes never vanished, the fleet sequence never lower (its replayed unlock refused),
    ///   the fleet's pause never lifted;
    /// - no resurrection: no binding where there was none (the deregistered ones above all),
    ///   nothing bound through a damaged slot;
    /// - every change of state reported on the LCD at boot (a storage notice, 存储损坏 /
    ///   Storage damaged on the locked screen, 需要维护 / Service needed) and in the audit log
    ///   (a storage entry this boot added);
    /// - with exact set (single bits): nothing changed at all, and the probes answer exactly
    ///   as on the undamaged terminal;
    /// - no fault screen, no exception.
    /// </summary>
    public static class TerminalFlipSweep
    {
        private static readonly string[] Notices =
        {
            Texts.Lookup(Language.English, TextId.StorageRecovered), Texts.Lookup(Language.English, TextId.StorageFactory),
            Texts.Lookup(Language.English, TextId.StorageDamaged), Texts.Lookup(Language.English, TextId.ServiceNeeded),
        };

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

        /// <summary>Boots every damage on a copy of image and judges it. exact: single bits, which must change nothing at all.</summary>
        public static TerminalSweepResult Run(SimFlash image, IList<FlashDamage> damages, bool exact, bool parallel = true)
        {
            var watch = Stopwatch.StartNew();
            Boot baseline = Boot.Of(image);
            string clean = Baseline(baseline);
            if (clean != null) throw new InvalidOperationException("the undamaged image itself fails the oracle: " + clean);
            var result = new TerminalSweepResult(exact);
            Action<FlashDamage> one = damage => result.Count(damage, Judge(image, damage, baseline, exact));
            if (parallel) Parallel.ForEach(damages, one);
            else foreach (FlashDamage d in damages) one(d);
            result.Elapsed = watch.Elapsed;
            return result;
        }

        /// <summary>Null when the undamaged terminal passes its own oracle: locked, nothing to report, every probe answering.</summary>
        private static string Baseline(Boot b)
        {
            if (b.Crash != null) return b.Crash;
            if (b.State.Screen != "locked" || Reported(b.State)) return "it boots to " + b.State.Screen + ": " + string.Join(" | ", b.State.Lcd);
            List<string> problems = b.Probe.Rollbacks.Concat(b.Probe.Resurrections).Concat(b.Probe.Faults).ToList();
            if (problems.Count > 0) return string.Join("; ", problems);
            foreach (string step in new[] { "unlock code: message", "password: settings", "technician code: ok: logged in" })
            {
                if (!b.Probe.Transcript.Any(line => line.StartsWith(step, StringComparison.Ordinal))) return "no '" + step + "' in " + string.Join("\n", b.Probe.Transcript);
            }
            return null;
        }

        public static FlipVerdictLine Judge(SimFlash image, FlashDamage damage, Boot baseline, bool exact)
        {
            SimFlash copy = image.Snapshot();
            damage.Apply(copy.Image); // Boot.Of boots a copy of its own: this one stays as damaged
            Boot b = Boot.Of(copy, baseline);
            if (b.Crash != null) return FlipVerdictLine.Bad(damage, "crash: " + b.Crash);
            var problems = new List<string>();
            problems.AddRange(b.Probe.Rollbacks.Select(r => "rollback: " + r));
            problems.AddRange(b.Probe.Resurrections.Select(r => "resurrection: " + r));
            problems.AddRange(b.Probe.Faults.Select(r => "fault: " + r));
            List<string> changed = b.State.Changed(baseline.State);
            int lost = b.State.AuditLost(baseline.State);
            if (lost > 0) changed.Add(lost + " audit entries");
            bool lcd = Reported(b.State), audit = b.State.StorageEntries(baseline.State) > 0;
            if (changed.Count > 0 && !(lcd && audit))
                problems.Add("unreported change of " + string.Join(", ", changed) + (lcd ? "" : " (nothing on the LCD)") + (audit ? "" : " (no storage entry)"));
            if (exact && changed.Count > 0) problems.Add("one bit changed " + string.Join(", ", changed));
            if (changed.Count == 0 && !b.Probe.Transcript.SequenceEqual(baseline.Probe.Transcript))
                problems.Add("nothing changed, yet it answers differently: " + FirstDifference(b.Probe.Transcript, baseline.Probe.Transcript));
            if (problems.Count > 0) return FlipVerdictLine.Bad(damage, string.Join("; ", problems));
            if (changed.Count > 0) return FlipVerdictLine.FailedClosed(damage, b.State, changed);
            bool corrected = b.State.Mount.Repaired + b.State.Mount.CorrectedElsewhere > 0;
            return new FlipVerdictLine(damage, corrected ? FlipOutcome.Corrected : FlipOutcome.Unchanged, null, null);
        }

        private static bool Reported(TerminalState s)
        {
            string lcd = string.Join("\n", s.Lcd);
            return Notices.Any(n => lcd.Contains(n, StringComparison.Ordinal));
        }

        private static string FirstDifference(List<string> a, List<string> b)
        {
            for (int i = 0; i < Math.Max(a.Count, b.Count); i++)
            {
                string x = i < a.Count ? a[i] : "(nothing)", y = i < b.Count ? b[i] : "(nothing)";
                if (x != y) return "'" + x + "' instead of '" + y + "'";
            }
            return "";
        }

        /// <summary>One boot of a copy of an image on a fresh board: its state right after boot, then the probes.</summary>
        public sealed class Boot
        {
            public TerminalState State { get; private set; }
            public TerminalProbe Probe { get; private set; }
            public string Crash { get; private set; }

            public static Boot Of(SimFlash flash, Boot baseline = null)
            {
                var boot = new Boot();
                try
                {
                    var wire = new FleetWire();
                    var board = new EventBoard(flash.Snapshot()) { KdfRounds = TerminalImage.KdfRounds, TerminalId = TerminalImage.TerminalId, LanguageOverride = Language.English };
                    board.UseLink(wire);
                    board.PowerOn();
                    boot.State = TerminalState.Of(board);
                    boot.Probe = new TerminalProbe(board, wire);
                    boot.Probe.Run(boot.State, baseline != null ? baseline.State : boot.State);
                }
                catch (Exception e)
                {
                    boot.Crash = e.GetType().Name + ": " + e.Message;
                }
                return boot;
            }
        }
    }

    /// <summary>The verdict on one damage.</summary>
    public sealed class FlipVerdictLine
    {
        public FlipVerdictLine(FlashDamage damage, FlipOutcome outcome, string why, string[] safeSides)
        {
            Damage = damage;
            Outcome = outcome;
            Why = why;
            SafeSides = safeSides ?? Array.Empty<string>();
        }

        public FlashDamage Damage { get; }
        public FlipOutcome Outcome { get; }

        /// <summary>The violation, when Outcome is Violation.</summary>
        public string Why { get; }

        /// <summary>For FailClosed: which safe sides it took (locked, service needed, ...).</summary>
        public string[] SafeSides { get; }

        public static FlipVerdictLine Bad(FlashDamage damage, string why)
        {
            return new FlipVerdictLine(damage, FlipOutcome.Violation, why, null);
        }

        public static FlipVerdictLine FailedClosed(FlashDamage damage, TerminalState s, List<string> changed)
        {
            var sides = new List<string>();
            if (s.LockDamaged) sides.Add("locked (lock damaged)");
            if (s.ServiceNeeded) sides.Add("service needed");
            if (s.GuardsAtMax) sides.Add("a guard at its maximum");
            if (s.DamagedSlots > 0) sides.Add("damaged binding slots");
            if (s.FleetDamaged) sides.Add("fleet commands refused");
            if (s.FleetHoldDamaged) sides.Add("paused, held (lifecycle damaged)");
            if (sides.Count == 0) sides.Add("data lost, reported (" + string.Join(", ", changed) + ")");
            return new FlipVerdictLine(damage, FlipOutcome.FailClosed, null, sides.ToArray());
        }
    }

    /// <summary>Counts by outcome, by record kind and by safe side; the first violations in full.</summary>
    public sealed class TerminalSweepResult
    {
        private readonly long[] _outcomes = new long[4];
        private readonly SortedDictionary<string, long[]> _byKind = new SortedDictionary<string, long[]>(StringComparer.Ordinal);
        private readonly SortedDictionary<string, long> _safeSides = new SortedDictionary<string, long>(StringComparer.Ordinal);
        private readonly List<string> _violations = new List<string>();

        public TerminalSweepResult(bool exact)
        {
            Exact = exact;
        }

        public bool Exact { get; }
        public TimeSpan Elapsed { get; internal set; }
        public long Cases { get { return _outcomes.Sum(); } }
        public long Unchanged { get { return _outcomes[(int)FlipOutcome.Unchanged]; } }
        public long Corrected { get { return _outcomes[(int)FlipOutcome.Corrected]; } }
        public long FailClosed { get { return _outcomes[(int)FlipOutcome.FailClosed]; } }
        public long Violations { get { return _outcomes[(int)FlipOutcome.Violation]; } }

        /// <summary>Kind → counts per FlipOutcome.</summary>
        public IReadOnlyDictionary<string, long[]> ByKind { get { return _byKind; } }

        /// <summary>Fail-closed outcomes by the safe side taken (one case may take several).</summary>
        public IReadOnlyDictionary<string, long> SafeSides { get { return _safeSides; } }

        /// <summary>The first 20 violations: the damage and why.</summary>
        public IReadOnlyList<string> ViolationLines { get { return _violations; } }

        internal void Count(FlashDamage damage, FlipVerdictLine verdict)
        {
            lock (_byKind)
            {
                _outcomes[(int)verdict.Outcome]++;
                if (!_byKind.TryGetValue(damage.Kind, out long[] counts)) _byKind[damage.Kind] = counts = new long[4];
                counts[(int)verdict.Outcome]++;
                foreach (string side in verdict.SafeSides)
                {
                    _safeSides.TryGetValue(side, out long n);
                    _safeSides[side] = n + 1;
                }
                if (verdict.Outcome == FlipOutcome.Violation && _violations.Count < 20) _violations.Add(damage + ": " + verdict.Why);
            }
        }

        /// <summary>A Markdown table: one row per record kind, a column per outcome.</summary>
        public string KindTable()
        {
            var text = new System.Text.StringBuilder();
            text.AppendLine("| record kind hit | cases | unchanged | corrected | failed closed | violations |");
            text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
            foreach (KeyValuePair<string, long[]> row in _byKind)
            {
                long[] c = row.Value;
                text.AppendLine("| " + row.Key + " | " + c.Sum() + " | " + c[0] + " | " + c[1] + " | " + c[2] + " | " + c[3] + " |");
            }
            return text.ToString();
        }

        /// <summary>"locked (lock damaged) 29, service needed 61, ...": the safe sides taken.</summary>
        public string SafeSideText()
        {
            return _safeSides.Count == 0 ? "none" : string.Join(", ", _safeSides.Select(kv => kv.Key + " " + kv.Value));
        }

        public override string ToString()
        {
            return Cases + " cases in " + Elapsed.TotalSeconds.ToString("0.0") + " s: " + Unchanged + " unchanged, " + Corrected + " corrected, "
                + FailClosed + " failed closed (reported), " + Violations + " violations";
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;

namespace PosTerminal.Tools.Checks.Security
{
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

    /// <summary>The verdict on one damage.</summary>
    public sealed class DamageVerdict
    {
        public DamageVerdict(FlashDamage damage, FlipOutcome outcome, string why, string[] safeSides)
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

        public static DamageVerdict Bad(FlashDamage damage, string why)
        {
            return new DamageVerdict(damage, FlipOutcome.Violation, why, null);
        }

        public static DamageVerdict FailedClosed(FlashDamage damage, TerminalState s, List<string> changed)
        {
            var sides = new List<string>();
            if (s.LockDamaged) sides.Add("locked (lock damaged)");
            if (s.ServiceNeeded) sides.Add("service needed");
            if (s.GuardsAtMax) sides.Add("a guard at its maximum");
            if (s.DamagedSlots > 0) sides.Add("damaged binding slots");
            if (s.FleetDamaged) sides.Add("fleet commands refused");
            if (s.FleetHoldDamaged) sides.Add("paused, held (lifecycle damaged)");
            if (sides.Count == 0) sides.Add("data lost, reported (" + string.Join(", ", changed) + ")");
            return new DamageVerdict(damage, FlipOutcome.FailClosed, null, sides.ToArray());
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

        internal void Count(FlashDamage damage, DamageVerdict verdict)
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

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using PosTerminal.Firmware.Text;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Flash;

namespace PosTerminal.Tools.Checks.Security
{
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
    public static partial class TerminalFlipSweep
    {
        private static readonly string[] Notices =
        {
            Texts.Lookup(Language.English, TextId.StorageRecovered), Texts.Lookup(Language.English, TextId.StorageFactory),
            Texts.Lookup(Language.English, TextId.StorageDamaged), Texts.Lookup(Language.English, TextId.ServiceNeeded),
        };

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

        public static DamageVerdict Judge(SimFlash image, FlashDamage damage, Boot baseline, bool exact)
        {
            SimFlash copy = image.Snapshot();
            damage.Apply(copy.Image); // Boot.Of boots a copy of its own: this one stays as damaged
            Boot b = Boot.Of(copy, baseline);
            if (b.Crash != null) return DamageVerdict.Bad(damage, "crash: " + b.Crash);
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
            if (problems.Count > 0) return DamageVerdict.Bad(damage, string.Join("; ", problems));
            if (changed.Count > 0) return DamageVerdict.FailedClosed(damage, b.State, changed);
            bool corrected = b.State.Mount.Repaired + b.State.Mount.CorrectedElsewhere > 0;
            return new DamageVerdict(damage, corrected ? FlipOutcome.Corrected : FlipOutcome.Unchanged, null, null);
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

}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using PosTerminal.Tools.Checks.Security;

using PosTerminal.Virtual;

namespace PosTerminal.Tools.Bench
{
    /// <summary>
    /// `--bench security`: issue 5's targets measured on the simulated terminal. Password
    /// guesses per hour at the keypad (patient, rebooting after each guess, rebooting at random
    /// also while locked out, cutting the power right after ENTER) and a sweep of power cuts
    /// over a guess's flash operations; a seeded 1,000,000-key fuzz with random reboots; a scan of the
    /// flash image and the console output for every secret of a session; tampered restores;
    /// the terminal-level bit-flip sweep (TerminalFlipSweep).
    /// Targets: at most 10 guesses in any hour; 0 fuzz violations; 0 secrets found; every bad
    /// restore refused with the flash unchanged; 0 flip violations (rollbacks, resurrections,
    /// unreported changes) and no single flipped bit changing anything.
    /// </summary>
    public static class SecurityBench
    {
        public const string Name = "security";
        public const string Command = "dotnet run -c Release --project tools/bench -- --bench security";
        public const double AttackHours = 8;
        public const long FuzzKeys = 1000000;
        public const int FuzzSeed = 20261125;
        public const int SingleFlips = 20000;
        public const int TwoBitFlips = 5000;

        /// <summary>Reboot after a guess, reboot per locked second, power cut right after ENTER (chances).</summary>
        private static readonly double[][] Attackers =
        {
            new[] { 0.0, 0.0, 0.0 },
            new[] { 1.0, 0.0, 0.0 },
            new[] { 0.5, 0.02, 0.0 },
            new[] { 0.0, 0.0, 1.0 },
            new[] { 0.3, 0.01, 0.5 },
        };

        public static int Run()
        {
            var md = new StringBuilder();
            md.AppendLine("## Security (issues 5, 9 and 10)");
            md.AppendLine();
            md.AppendLine("Measured by `" + Command + "` on the fast EventBoard (virtual time, seeded).");
            md.AppendLine();
            bool met = KdfCost.Section(md);
            met &= BruteForceSection(md);
            met &= FuzzSection(md);
            met &= SecretSection(md);
            met &= RestoreSection(md);
            met &= CommitSection(md);
            met &= FlipSection(md);
            string markdown = md.ToString();
            Console.Write(markdown);
            BenchReport.WriteSection(BenchReport.DefaultPath(), Name, markdown);
            Console.WriteLine(met ? "targets met" : "TARGETS MISSED");
            return met ? 0 : 1;
        }

        private static bool BruteForceSection(StringBuilder md)
        {
            md.AppendLine("Password guessing at the keypad, " + AttackHours.ToString(CultureInfo.InvariantCulture)
                + " h of powered time per attacker; a guess counts when the terminal compared it (its key derivation ran):");
            md.AppendLine();
            md.AppendLine("| attacker | guesses | most in any hour | after the first hour, per hour | reboots | power cuts |");
            md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
            bool met = true;
            foreach (double[] a in Attackers)
            {
                BruteForceReport r = BruteForce.Run(AttackHours, 11, a[0], a[1], a[2]);
                met &= r.MostInAnyHour <= 10 && !r.Broken;
                md.AppendLine("| " + Describe(a) + " | " + r.Guesses + " | **" + r.MostInAnyHour + "** | "
                    + r.SustainedPerHour.ToString("0.00", CultureInfo.InvariantCulture) + " | " + r.Reboots + " | " + r.Cuts + " |");
            }
            md.AppendLine();
            CutReport cuts = BruteForce.FreeTriesFromCuts();
            met &= cuts.FreeTries.Count == 0;
            md.AppendLine("Target: at most 10 guesses an hour, sustained, reboots and power cuts included. A power cut on each of the "
                + BruteForce.CutWindow + " flash operations after a wrong guess's ENTER, in each cut mode (before, torn, after the operation), "
                + "then power on: " + cuts.Cases + " cut points, " + cuts.Cuts + " cuts landed inside the attempt, " + cuts.Compared
                + " guesses compared, **" + cuts.FreeTries.Count + " free tries** (a compared guess the terminal forgot).");
            md.AppendLine();
            foreach (string f in cuts.FreeTries) md.AppendLine("- " + f);
            return met;
        }

        private static string Describe(double[] a)
        {
            var parts = new List<string>();
            if (a[0] == 1) parts.Add("reboots after every guess");
            else if (a[0] > 0) parts.Add("reboots after " + Percent(a[0]) + " of guesses");
            if (a[1] > 0) parts.Add(Percent(a[1]) + " of locked seconds");
            if (a[2] == 1) parts.Add("cuts the power right after every ENTER");
            else if (a[2] > 0) parts.Add("cuts the power after " + Percent(a[2]) + " of ENTERs");
            return parts.Count == 0 ? "patient (never reboots)" : string.Join(", ", parts);
        }

        private static string Percent(double chance)
        {
            return (chance * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
        }

        private static bool FuzzSection(StringBuilder md)
        {
            FuzzReport r = KeyFuzz.Run(FuzzKeys, FuzzSeed);
            md.AppendLine("Random-key fuzz (seed " + FuzzSeed + "): **" + r.Keys.ToString("N0", CultureInfo.InvariantCulture) + " keys**, "
                + r.Reboots + " random reboots, " + r.Waits + " idle waits; " + r.Logins + " logins, " + r.BindingsAdded
                + " bindings added, " + r.Deregistrations + " deregistered; " + r.ScreensBehindLogin.Count + " of "
                + KeyFuzz.BehindLogin.Length + " screens behind the login reached; **" + r.Violations.Count
                + " violations** (exceptions, a screen behind the login without the password, a deregistration without its confirmation); "
                + r.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s.");
            md.AppendLine();
            foreach (string v in r.Violations) md.AppendLine("- " + v);
            return r.Violations.Count == 0;
        }

        private static bool SecretSection(StringBuilder md)
        {
            SecretScanReport r = SecretSession.Run();
            md.AppendLine("Secrets after a session with two passwords, a wrong guess, two unlock codes, a wrong code, three cards (typed and swiped), "
                + "a deregistration, a backup and a reboot: " + r.Secrets + " secrets looked for in the flash image (ASCII, UTF-16 LE/BE, "
                + "BCD both nibble orders and F-padded, binary LE/BE) and in the console output: **" + r.Found.Count + " found**.");
            md.AppendLine();
            foreach (string f in r.Found) md.AppendLine("- " + f);
            return r.ScriptOk && r.Found.Count == 0;
        }

        private static bool CommitSection(StringBuilder md)
        {
            bool atomic = CommitCutSweep.StoreIsAtomic();
            md.AppendLine("All-or-nothing commits (issue 10 item 5): a power cut on every flash operation (each cut mode) of a factory reset, of a "
                + "restore, and of a keypad bind and deregistration (the binding with its audit entry), on the real LogStore; old = the state before, "
                + "new = after, torn = anything else. The store's Commit is "
                + (atomic ? "atomic" : "**not yet atomic** (storage's branch makes it so), so torn outcomes are the store's") + ".");
            md.AppendLine();
            md.AppendLine("| operation | flash operations | cut points | old | new | torn | security rollbacks |");
            md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
            bool met = true;
            foreach (CutSweepReport r in new[] { CommitCutSweep.FactoryReset(), CommitCutSweep.Restore(), CommitCutSweep.Bind(), CommitCutSweep.Deregister() })
            {
                met &= r.Rollbacks.Count == 0 && (!atomic || r.Torn.Count == 0);
                md.AppendLine("| " + r.Operation + " | " + r.Operations + " | " + r.Cases + " | " + r.Old + " | " + r.New + " | " + r.Torn.Count
                    + " | **" + r.Rollbacks.Count + "** |");
            }
            md.AppendLine();
            return met;
        }

        private static bool FlipSection(StringBuilder md)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            Virtual.Flash.SimFlash image = TerminalImage.Build();
            Tools.Checks.Store.FlashMap map = Tools.Checks.Store.FlashMap.Of(image);
            double built = watch.Elapsed.TotalSeconds;
            TerminalSweepResult one = TerminalFlipSweep.Run(image, TerminalFlipSweep.Flips(image, SingleFlips, FuzzSeed, false), exact: true);
            TerminalSweepResult two = TerminalFlipSweep.Run(image, TerminalFlipSweep.Flips(image, TwoBitFlips, FuzzSeed + 1, true), exact: false);
            TerminalSweepResult many = TerminalFlipSweep.Run(image, TerminalFlipSweep.MultiByte(image, FuzzSeed), exact: false);
            md.AppendLine("Bit flips on the whole terminal (issue 10 item 2; `TerminalFlipSweep`): a rich image made by driving a simulated terminal "
                + "through its keypad, console and fleet link (`TerminalImage`, " + built.ToString("0.0", CultureInfo.InvariantCulture) + " s: "
                + map.Entries.Count.ToString("N0", CultureInfo.InvariantCulture) + " records of all " + Tools.Checks.Store.RecordKinds.Written.Length
                + " kinds the firmware writes, " + map.BatchRecords + " in batches, " + map.Tombstones + " tombstones, " + map.RetireRecords
                + " retire records, " + map.SectorsInUse + " sectors in use; a damage once repaired, bindings of every kind with two deregistered, "
                + "older password, technician and unlock code hashes, a lock set, lifted and set again, 2 failed tries on each guard, "
                + "a fleet key with 5 commands accepted, a fleet pause, a fault, events waiting in the outbox, both audit rings wrapped). "
                + "Each case is booted on a fresh board and judged on what the terminal holds and does: the old and the factory password, "
                + "the old technician and unlock codes never current nor accepted (keypad, locked screen, console), the lock never gone, "
                + "no guard's count lower, the fleet's unlock (sequence 4) replayed with the clock known and refused, no binding where there "
                + "was none, nothing bound through a damaged slot; every change reported on the LCD at boot and by a storage audit entry; "
                + "for single bits, nothing changed and every probe answering as on the undamaged terminal.");
            md.AppendLine();
            md.AppendLine("| damage | cases | unchanged | corrected | failed closed (reported) | violations | time |");
            md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
            Row(md, "single bits (seed " + FuzzSeed + ")", one);
            Row(md, "two bits within 16 bytes (seed " + (FuzzSeed + 1) + ")", two);
            Row(md, "zeroed words, zeroed sector headers, garbled values, bytes 0-3 zeroed", many);
            md.AppendLine();
            md.AppendLine("Fail-closed outcomes by the safe side taken (a case may take several): two bits: " + two.SafeSideText()
                + "; many bytes: " + many.SafeSideText() + ".");
            md.AppendLine();
            md.AppendLine("Single bits by the record kind hit (flips are spread evenly over the 64 KiB and shared out among the kinds):");
            md.AppendLine();
            md.Append(one.KindTable());
            md.AppendLine();
            md.AppendLine("Two bits by the record kind hit:");
            md.AppendLine();
            md.Append(two.KindTable());
            md.AppendLine();
            foreach (TerminalSweepResult r in new[] { one, two, many })
            {
                foreach (string v in r.ViolationLines) md.AppendLine("- " + v);
            }
            return one.Violations + two.Violations + many.Violations == 0 && one.FailClosed == 0;
        }

        private static void Row(StringBuilder md, string what, TerminalSweepResult r)
        {
            md.AppendLine("| " + what + " | " + r.Cases.ToString("N0", CultureInfo.InvariantCulture) + " | " + r.Unchanged + " | " + r.Corrected + " | "
                + r.FailClosed + " | **" + r.Violations + "** | " + r.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s |");
        }

        private static bool RestoreSection(StringBuilder md)
        {
            int cases;
            List<string> problems = RestoreProbe.RunAll(out cases);
            md.AppendLine("Restore: " + cases + " malformed or tampered backup documents sent to the console; **"
                + (cases - problems.Count) + " of " + cases + " refused** naming the field, flash image unchanged.");
            md.AppendLine();
            foreach (string p in problems) md.AppendLine("- " + p);
            return problems.Count == 0;
        }
    }
}

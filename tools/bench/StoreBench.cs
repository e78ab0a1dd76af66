using System;
using System.Globalization;
using System.Text;
using PosTerminal.Firmware.Storage;
using PosTerminal.Virtual.Flash;
using PosTerminal.Tools.Checks.Store;

using PosTerminal.Virtual;

namespace PosTerminal.Tools.Bench
{
    /// <summary>
    /// `--bench store`: LogStore's wear (erases and bytes programmed per 1,000 single-binding
    /// updates), its flash reads at boot, and the size and time of the power-cut sweep.
    /// </summary>
    public static class StoreBench
    {
        public const string Name = "store";
        private const int BindingBytes = 56;
        private const int Updates = 1000;

        public static int Run()
        {
            var md = new StringBuilder();
            md.AppendLine("## Flash store (LogStore)");
            md.AppendLine();
            md.AppendLine("Measured by `dotnet run -c Release --project tools/bench -- --bench store` on the simulated NOR flash");
            md.AppendLine("(" + SimFlash.DefaultSectorCount + " x 4 KiB sectors, the simulator's default region). Targets: issue 4.");
            md.AppendLine();
            Wear(md);
            Boot(md);
            Sweep(md);
            string text = md.ToString();
            Console.Write(text);
            BenchReport.WriteSection(BenchReport.DefaultPath(), Name, text);
            return 0;
        }

        /// <summary>A terminal with settings, password and 8 bindings; then 1,000 updates of one binding slot each.</summary>
        private static void Wear(StringBuilder md)
        {
            var flash = new SimFlash();
            var store = new LogStore(flash);
            var random = new Random(7);
            store.Write(RecordKeys.Settings, Bytes(random, 32));
            store.Write(RecordKeys.Password, Bytes(random, 48));
            for (int slot = 0; slot < RecordKeys.MaxBindings; slot++) store.Write(RecordKeys.FirstBinding + slot, Bytes(random, BindingBytes));
            // Warm up past the first lap of the ring, so compaction is in steady state.
            for (int i = 0; i < Updates; i++) store.Write(RecordKeys.FirstBinding + i % RecordKeys.MaxBindings, Bytes(random, BindingBytes));
            flash.ResetCounters();
            for (int i = 0; i < Updates; i++) store.Write(RecordKeys.FirstBinding + i % RecordKeys.MaxBindings, Bytes(random, BindingBytes));
            int min = int.MaxValue, max = 0;
            for (int s = 0; s < flash.SectorCount; s++)
            {
                min = Math.Min(min, flash.EraseCount(s));
                max = Math.Max(max, flash.EraseCount(s));
            }
            md.AppendLine("### Wear: " + Updates.ToString("N0", CultureInfo.InvariantCulture) + " single-binding updates (" + BindingBytes + "-byte binding, 10 live records, after a warm-up lap)");
            md.AppendLine();
            md.AppendLine("| figure | value | target |");
            md.AppendLine("| --- | --- | --- |");
            md.AppendLine("| sector erases | " + flash.Erases + " | ≤ 25 |");
            md.AppendLine("| bytes programmed | " + flash.BytesProgrammed.ToString("N0", CultureInfo.InvariantCulture) + " (" + (flash.BytesProgrammed / (double)Updates).ToString("0.0", CultureInfo.InvariantCulture) + " per update) | |");
            md.AppendLine("| erases per sector, min..max | " + min + ".." + max + " | even spread |");
            md.AppendLine("| sector erases with a reboot after every 10 updates | " + ErasesWithReboots(10) + " | (each boot that commits spends a 268-byte gap: SPEC.md, DESIGN) |");
            md.AppendLine();
            Console.Error.WriteLine("wear: " + flash.Erases + " erases, " + flash.BytesProgrammed + " bytes programmed");
        }

        private static long ErasesWithReboots(int every)
        {
            var flash = new SimFlash();
            var store = new LogStore(flash);
            var random = new Random(9);
            for (int slot = 0; slot < RecordKeys.MaxBindings; slot++) store.Write(RecordKeys.FirstBinding + slot, Bytes(random, BindingBytes));
            flash.ResetCounters();
            for (int i = 0; i < Updates; i++)
            {
                if (i % every == 0) store = new LogStore(flash);
                store.Write(RecordKeys.FirstBinding + i % RecordKeys.MaxBindings, Bytes(random, BindingBytes));
            }
            return flash.Erases;
        }

        /// <summary>Boot of the region the wear run left (full ring), and of a blank region.</summary>
        private static void Boot(StringBuilder md)
        {
            var flash = new SimFlash();
            var store = new LogStore(flash);
            var random = new Random(8);
            for (int i = 0; i < 3 * Updates; i++) store.Write(RecordKeys.FirstBinding + i % RecordKeys.MaxBindings, Bytes(random, BindingBytes));
            SimFlash used = flash.Snapshot();
            var booted = new LogStore(used);
            SimFlash blank = new SimFlash().Snapshot();
            new LogStore(blank);
            md.AppendLine("### Boot (mount and recovery)");
            md.AppendLine();
            md.AppendLine("| region | flash reads | bytes read | program words | erases | report |");
            md.AppendLine("| --- | --- | --- | --- | --- | --- |");
            md.AppendLine("| every sector in use (" + booted.MountReport.SectorsInUse + " of " + used.SectorCount + ") | " + used.Reads + " | " + used.BytesRead.ToString("N0", CultureInfo.InvariantCulture) + " | " + used.ProgramWords + " | " + used.Erases + " | " + booted.MountReport + " |");
            md.AppendLine("| blank | " + blank.Reads + " | " + blank.BytesRead + " | " + blank.ProgramWords + " | " + blank.Erases + " | blank |");
            md.AppendLine();
        }

        /// <summary>The two sweeps of PowerCutSweepTests, with the same options.</summary>
        private static void Sweep(StringBuilder md)
        {
            var runs = new[]
            {
                new SweepOptions { SectorSize = 1024, SectorCount = 4, Operations = 320, Seed = 1, RebootEvery = 11 },
                new SweepOptions { SectorSize = 4096, SectorCount = 3, Operations = 320, Seed = 2, RebootEvery = 8, TornVariants = 1, CutRecovery = false },
            };
            md.AppendLine("### Power-cut sweep (the two in `dotnet test`, PowerCutSweepTests)");
            md.AppendLine();
            md.AppendLine("Every program word and erase of the workload is cut before, after and torn; each cut is followed by two reboots");
            md.AppendLine("(old-or-new state, both the same) and a redo of the operation. " + Environment.ProcessorCount + " cores, Release build.");
            md.AppendLine();
            md.AppendLine("| workload | cut points (on erases) | recovery cuts | lost / resurrected / neither | flip-flops / failed boots / dead after | time |");
            md.AppendLine("| --- | --- | --- | --- | --- | --- |");
            long cuts = 0;
            double seconds = 0;
            foreach (SweepOptions options in runs)
            {
                SweepResult r = PowerCutSweep.Run(options);
                Console.Error.WriteLine("sweep: " + options + ": " + r);
                cuts += r.CutPoints + r.RecoveryCutPoints;
                seconds += r.Elapsed.TotalSeconds;
                md.AppendLine("| " + options + " | " + N(r.CutPoints) + " (" + N(r.EraseCutPoints) + ") | " + N(r.RecoveryCutPoints) + " | "
                    + r.Lost + " / " + r.Resurrected + " / " + r.Mismatched + " | " + r.FlipFlops + " / " + r.FailedBoots + " / " + r.DeadAfterRecovery + " | "
                    + r.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s |");
            }
            md.AppendLine();
            md.AppendLine("Total: " + N(cuts) + " cuts in " + seconds.ToString("0.0", CultureInfo.InvariantCulture) + " s (targets: ≥ 10,000 cut points, 0 lost/resurrected, 0 failed boots, < 60 s).");
            md.AppendLine("A longer sweep (2,000 operations per region, three seeds) runs with `POSTERMINAL_LONG_SWEEP=1 dotnet test --filter LongSweep`.");
        }

        private static string N(long n)
        {
            return n.ToString("N0", CultureInfo.InvariantCulture);
        }

        private static byte[] Bytes(Random random, int length)
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            return bytes;
        }
    }
}

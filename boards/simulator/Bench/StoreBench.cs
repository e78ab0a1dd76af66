using System;
using System.Globalization;
using System.Text;
using PosTerminal.Firmware.Storage;
using PosTerminal.Simulator.Flash;
using PosTerminal.Simulator.StoreCheck;

namespace PosTerminal.Simulator.Bench
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
            md.AppendLine("Measured by `dotnet run -c Release --project boards/simulator -- --bench store` on the simulated NOR flash");
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
            md.AppendLine();
            Console.Error.WriteLine("wear: " + flash.Erases + " erases, " + flash.BytesProgrammed + " bytes programmed");
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

        private static void Sweep(StringBuilder md)
        {
            var options = new SweepOptions { SectorCount = 4, Operations = 320, Seed = 1 };
            SweepResult result = PowerCutSweep.Run(options);
            Console.Error.WriteLine("sweep: " + result);
            md.AppendLine("### Power-cut sweep (the one in `dotnet test`, PowerCutSweepTests)");
            md.AppendLine();
            md.AppendLine("Workload: " + options + ". " + Environment.ProcessorCount + " cores, Release build.");
            md.AppendLine();
            md.AppendLine("| figure | value | target |");
            md.AppendLine("| --- | --- | --- |");
            md.AppendLine("| cut points (program words and erases, each cut before, after, torn x" + options.TornVariants + ") | " + result.CutPoints.ToString("N0", CultureInfo.InvariantCulture) + " (" + result.EraseCutPoints + " on erases) | ≥ 10,000 |");
            md.AppendLine("| extra cuts during the first reboot's recovery | " + result.RecoveryCutPoints.ToString("N0", CultureInfo.InvariantCulture) + " | |");
            md.AppendLine("| lost / resurrected / neither old nor new | " + result.Lost + " / " + result.Resurrected + " / " + result.Mismatched + " | 0 |");
            md.AppendLine("| second reboot differs / failed boots / redo after recovery fails | " + result.FlipFlops + " / " + result.FailedBoots + " / " + result.DeadAfterRecovery + " | 0 |");
            md.AppendLine("| time | " + result.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s | < 60 s |");
        }

        private static byte[] Bytes(Random random, int length)
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            return bytes;
        }
    }
}

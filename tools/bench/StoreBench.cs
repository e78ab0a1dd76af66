using System;
using System.Collections.Generic;
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
    /// updates), what littlefs would rewrite for them on the ESP32 (LittleFsModel, both
    /// FileFlash layouts), its flash reads at boot, the power-cut sweep and the bit-flip sweep.
    /// Exits 1 (TARGETS MISSED) when the ESP32 layout's littlefs rewrite misses issue 9's 4 KiB
    /// (Littlefs); the other sections print their figures against their targets.
    /// `--long` then runs the long power-cut sweep (2,000 operations per region over three
    /// seeds, minutes) into a section of its own (store-long), so the quick run leaves its
    /// figures alone.
    /// </summary>
    public static class StoreBench
    {
        public const string Name = "store";
        public const string LongName = "store-long";
        private const int BindingBytes = 56;
        private const int Updates = 1000;

        public static int Run(bool longSweep)
        {
            var md = new StringBuilder();
            md.AppendLine("## Flash store (LogStore)");
            md.AppendLine();
            md.AppendLine("Measured by `dotnet run -c Release --project tools/bench -- --bench store` on the simulated NOR flash");
            md.AppendLine("(" + SimFlash.DefaultSectorCount + " x 4 KiB sectors, the simulator's default region). Targets: issues 4, 9 (item 4) and 10 (items 4, 5).");
            md.AppendLine();
            Wear(md);
            bool met = Littlefs(md);
            Boot(md);
            Sweep(md);
            Flips(md);
            string text = md.ToString();
            Console.Write(text);
            BenchReport.WriteSection(BenchReport.DefaultPath(), Name, text);
            Console.WriteLine(met ? "targets met" : "TARGETS MISSED");
            if (!met) return 1;
            return longSweep ? LongSweep() : 0;
        }

        /// <summary>The long sweep (it was a test that did nothing unless an environment variable was set): 1 when any cut went wrong.</summary>
        private static int LongSweep()
        {
            var runs = new List<SweepOptions>();
            for (int seed = 10; seed < 13; seed++)
            {
                runs.Add(new SweepOptions { SectorSize = 1024, SectorCount = 5, Operations = 2000, Seed = seed, RebootEvery = 13 });
                runs.Add(new SweepOptions { SectorSize = 4096, SectorCount = 4, Operations = 2000, Seed = seed, RebootEvery = 7 });
            }
            var md = new StringBuilder();
            md.AppendLine("### Long power-cut sweep (`dotnet run -c Release --project tools/bench -- --bench store --long`)");
            md.AppendLine();
            md.AppendLine("The same checks as the power-cut sweep above, 2,000 operations per region over three seeds. " + Environment.ProcessorCount + " cores, Release build.");
            md.AppendLine();
            long problems = SweepTable(md, runs, "every count 0");
            if (problems > 0) md.AppendLine("**" + N(problems) + " problems** (target 0).");
            string text = md.ToString();
            Console.Write(text);
            BenchReport.WriteSection(BenchReport.DefaultPath(), LongName, text);
            return problems == 0 ? 0 : 1;
        }

        /// <summary>A terminal with settings, password and 8 bindings; then 1,000 updates of one binding slot each.</summary>
        private static void Wear(StringBuilder md)
        {
            var flash = new SimFlash();
            var store = new LogStore(flash);
            var random = new Random(7);
            Populate(store, random);
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
            md.AppendLine("### Wear: " + N(Updates) + " single-binding updates (" + BindingBytes + "-byte binding, 10 live records, after a warm-up lap)");
            md.AppendLine();
            md.AppendLine("| figure | value | target |");
            md.AppendLine("| --- | --- | --- |");
            md.AppendLine("| sector erases | " + flash.Erases + " | ≤ 25 |");
            md.AppendLine("| bytes programmed | " + N(flash.BytesProgrammed) + " (" + (flash.BytesProgrammed / (double)Updates).ToString("0.0", CultureInfo.InvariantCulture) + " per update) | |");
            md.AppendLine("| erases per sector, min..max | " + min + ".." + max + " | even spread |");
            md.AppendLine("| sector erases with a reboot after every 10 updates | " + ErasesWithReboots(10) + " | (each boot that commits spends a 268-byte gap: Firmware/Storage/DESIGN.md) |");
            md.AppendLine();
            Console.Error.WriteLine("wear: " + flash.Erases + " erases, " + flash.BytesProgrammed + " bytes programmed");
        }

        private static void Populate(LogStore store, Random random)
        {
            store.Write(RecordKeys.Settings, Bytes(random, 32));
            store.Write(RecordKeys.Password, Bytes(random, 48));
            for (int slot = 0; slot < RecordKeys.MaxBindings; slot++) store.Write(RecordKeys.FirstBinding + slot, Bytes(random, BindingBytes));
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

        /// <summary>
        /// The same 1,000 updates on FileFlash's two layouts, counted by LittleFsModel: the bytes
        /// littlefs programs per update (file data it copies and writes, metadata commits).
        /// Checked on the ESP32's layout (one file per sector): no program or erase rewrites more
        /// file data than the 4 KiB sector, and the mean update rewrites at most 4 KiB.
        /// </summary>
        private static bool Littlefs(StringBuilder md)
        {
            LittlefsRow esp32 = Model(true, false, "one file per 4 KiB sector (FileFlash now)", "this LogStore: one program per commit");
            var rows = new[]
            {
                Model(false, true, "one 64 KiB file (the first FileFlash)", "first LogStore: body and CRC word as two programs"),
                Model(false, false, "one 64 KiB file (the first FileFlash)", "this LogStore: one program per commit"),
                esp32,
            };
            int sector = new SimFlash().SectorSize;
            bool dataFits = esp32.MaxDataPerCall <= sector;
            bool meanFits = esp32.Mean <= sector;
            md.AppendLine("### On the ESP32: what littlefs rewrites per binding update (model)");
            md.AppendLine();
            md.AppendLine("The same " + N(Updates) + " updates, each IFlash call fed to `LittleFsModel` (tools/bench/LittleFsModel.cs), an estimate, not a");
            md.AppendLine("measurement. Its model, from the sources: esp_littlefs defaults (block 4096, prog_size 128, inline files up to 512 bytes);");
            md.AppendLine("a write at position p of a file makes littlefs copy the block holding p up to p and, at the close that commits it, everything");
            md.AppendLine("after it to the file's end (lfs.c lfs_ctz_extend and lfs_file_flush; littlefs DESIGN.md, \"CTZ skip-lists\"), 8 bytes of skip");
            md.AppendLine("pointers per block; each close is one metadata commit of one prog unit, counted twice for metadata compaction (littlefs");
            md.AppendLine("DESIGN.md, \"Metadata pairs\": splitting at 50% bounds it at 2x); a file of at most 512 bytes is rewritten whole into the commit;");
            md.AppendLine("deleting a file (the new erase) is one commit.");
            md.AppendLine();
            md.AppendLine("| layout | store | bytes per update, mean | most for one update | most file data for one program or erase | 4 KiB blocks erased per 1,000 updates |");
            md.AppendLine("| --- | --- | --- | --- | --- | --- |");
            foreach (LittlefsRow row in rows) md.AppendLine(row.Markdown);
            md.AppendLine();
            md.AppendLine("Targets (issue 9, item 4), on the ESP32's layout (one file per sector): no program or erase rewrites more file data than");
            md.AppendLine("the " + N(sector) + "-byte sector it touches: most " + N(esp32.MaxDataPerCall) + " B, " + (dataFits ? "met" : "**MISSED**")
                + "; ≤ " + N(sector) + " B rewritten per binding update, the mean: " + N((long)Math.Round(esp32.Mean)) + " B, " + (meanFits ? "met" : "**MISSED**") + ".");
            md.AppendLine("The worst single update (" + N(esp32.Most) + " B) is " + N(esp32.WorstData) + " B of file data and " + N(esp32.WorstMetadata)
                + " B of modelled littlefs metadata commits (" + N(esp32.WorstCalls) + (esp32.WorstCalls == 1 ? " IFlash call)" : " IFlash calls)")
                + (esp32.Most > sector && esp32.WorstData <= sector ? ": it exceeds 4 KiB only by the modelled metadata." : "."));
            md.AppendLine("Block erases are the chip's: littlefs spreads them over its free blocks.");
            md.AppendLine();
            return dataFits && meanFits;
        }

        private sealed class LittlefsRow
        {
            public string Markdown;
            public double Mean;
            public long Most, WorstData, WorstMetadata, WorstCalls, MaxDataPerCall;
        }

        private static LittlefsRow Model(bool filePerSector, bool twoPrograms, string layout, string store)
        {
            var sim = new SimFlash();
            LittleFsModel model = filePerSector ? LittleFsModel.FilePerSector(sim.SectorSize, sim.SectorCount) : LittleFsModel.OneFile(sim.SectorSize, sim.SectorCount);
            var flash = new ModelledFlash(sim, model) { TwoProgramsPerRecord = twoPrograms };
            var logStore = new LogStore(flash);
            var random = new Random(7);
            Populate(logStore, random);
            for (int i = 0; i < Updates; i++) logStore.Write(RecordKeys.FirstBinding + i % RecordKeys.MaxBindings, Bytes(random, BindingBytes));
            long before = model.TotalBytes;
            long erasesBefore = model.BlockErases;
            var row = new LittlefsRow();
            for (int i = 0; i < Updates; i++)
            {
                long start = model.TotalBytes, data = model.DataBytes, metadata = model.MetadataBytes, calls = model.Calls;
                logStore.Write(RecordKeys.FirstBinding + i % RecordKeys.MaxBindings, Bytes(random, BindingBytes));
                if (model.TotalBytes - start <= row.Most) continue;
                row.Most = model.TotalBytes - start;
                row.WorstData = model.DataBytes - data;
                row.WorstMetadata = model.MetadataBytes - metadata;
                row.WorstCalls = model.Calls - calls;
            }
            row.Mean = (model.TotalBytes - before) / (double)Updates;
            row.MaxDataPerCall = model.MaxDataPerCall;
            Console.Error.WriteLine("littlefs model, " + layout + ", " + store + ": " + row.Mean.ToString("0", CultureInfo.InvariantCulture) + " bytes per update");
            row.Markdown = "| " + layout + " | " + store + " | " + N((long)Math.Round(row.Mean)) + " | " + N(row.Most) + " | " + N(model.MaxDataPerCall)
                + " | " + N(model.BlockErases - erasesBefore) + " |";
            return row;
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
            SimFlash rich = RichImage.Build(1).Flash.Snapshot();
            var richBoot = new LogStore(rich);
            md.AppendLine("### Boot (mount and recovery)");
            md.AppendLine();
            md.AppendLine("| region | flash reads | bytes read | program words | erases | report |");
            md.AppendLine("| --- | --- | --- | --- | --- | --- |");
            md.AppendLine("| every sector in use (" + booted.MountReport.SectorsInUse + " of " + used.SectorCount + "), binding updates only | " + used.Reads + " | " + N(used.BytesRead) + " | " + used.ProgramWords + " | " + used.Erases + " | " + booted.MountReport + " |");
            md.AppendLine("| the flip sweep's rich image (every record kind, " + richBoot.MountReport.SectorsInUse + " sectors in use) | " + rich.Reads + " | " + N(rich.BytesRead) + " | " + rich.ProgramWords + " | " + rich.Erases + " | " + richBoot.MountReport + " |");
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
            md.AppendLine("Every program word and erase of the workload (binds, deregistrations, settings, passwords, and batches: restores, factory");
            md.AppendLine("resets, a binding with its audit entry) is cut before, after and torn; each cut is followed by two reboots (old-or-new");
            md.AppendLine("state, a batch all or none, both the same, no key called damaged) and a redo of the operation. " + Environment.ProcessorCount + " cores, Release build.");
            md.AppendLine();
            SweepTable(md, runs, "≥ 10,000 cut points, every count 0, < 60 s");
            md.AppendLine("A longer sweep (2,000 operations per region, three seeds; minutes) runs with `dotnet run -c Release --project tools/bench -- --bench store --long`");
            md.AppendLine("(its figures: the next section).");
            md.AppendLine();
        }

        /// <summary>One row per run, then the total line; returns the runs' problems (PowerCutSweep's SweepResult.Problems).</summary>
        private static long SweepTable(StringBuilder md, IEnumerable<SweepOptions> runs, string targets)
        {
            md.AppendLine("| workload | cut points (on erases, in batches) | recovery cuts | lost / resurrected / neither / torn batches | flip-flops / failed boots / dead after / false damage | time |");
            md.AppendLine("| --- | --- | --- | --- | --- | --- |");
            long cuts = 0, problems = 0;
            double seconds = 0;
            foreach (SweepOptions options in runs)
            {
                SweepResult r = PowerCutSweep.Run(options);
                Console.Error.WriteLine("sweep: " + options + ": " + r);
                cuts += r.CutPoints + r.RecoveryCutPoints;
                problems += r.Problems;
                seconds += r.Elapsed.TotalSeconds;
                md.AppendLine("| " + options + " | " + N(r.CutPoints) + " (" + N(r.EraseCutPoints) + ", " + N(r.BatchCutPoints) + ") | " + N(r.RecoveryCutPoints) + " | "
                    + r.Lost + " / " + r.Resurrected + " / " + r.Mismatched + " / " + r.TornBatches + " | " + r.FlipFlops + " / " + r.FailedBoots + " / " + r.DeadAfterRecovery + " / " + r.FalseDamage + " | "
                    + r.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s |");
            }
            md.AppendLine();
            md.AppendLine("Total: " + N(cuts) + " cuts in " + seconds.ToString("0.0", CultureInfo.InvariantCulture) + " s (targets: " + targets + ").");
            return problems;
        }

        /// <summary>FlipSweep with StoreFlipCheck over the rich image: more flips than FlipSweepTests, same checks.</summary>
        private static void Flips(StringBuilder md)
        {
            RichImage image = RichImage.Build(1);
            FlashMap map = FlashMap.Of(image.Flash);
            FlipSweepResult single = FlipSweep.Run(image.Flash, new FlipSweepOptions { Flips = 20000, Seed = 1 }, StoreFlipCheck.For(image.Values, image.Keys));
            FlipSweepResult twoBits = FlipSweep.Run(image.Flash, new FlipSweepOptions { Flips = 5000, Seed = 2, TwoBits = true }, StoreFlipCheck.For(image.Values, image.Keys));
            Console.Error.WriteLine("flips: " + single);
            Console.Error.WriteLine("flips: " + twoBits);
            md.AppendLine("### Bit-flip sweep (FlipSweep with StoreFlipCheck; FlipSweepTests runs 1,200 and 600)");
            md.AppendLine();
            md.AppendLine("A rich image built through the store API (RichImage: " + N(map.Records) + " records of every kind the firmware writes, "
                + map.BatchRecords + " of them in batches, " + map.Tombstones + " tombstones, " + map.RetireRecords + " retire records, " + map.GapMarks
                + " gap marks, " + map.SectorsInUse + " sectors in use and erased space). Half the flips land anywhere in the 64 KiB, half are shared out among");
            md.AppendLine("the kinds of byte. Each is booted three times: every key must read its last committed value or say IsDamaged (never an older");
            md.AppendLine("or a deleted value unsaid), the second boot must read the same, and commits after it must work (SimFlash refuses a program");
            md.AppendLine("needing a 0 to 1 change) and read back.");
            md.AppendLine();
            md.AppendLine("| flips | sectors hit | unchanged | corrected | damaged (fail closed) | wrong | time |");
            md.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
            foreach (FlipSweepResult r in new[] { single, twoBits })
            {
                md.AppendLine("| " + N(r.Flips) + (r.TwoBits ? " two-bit (within 16 bytes)" : " single-bit") + " | " + r.SectorsHit + " | " + N(r.Unchanged) + " | " + N(r.Corrected) + " | "
                    + N(r.Damaged) + " | " + N(r.Wrong) + " | " + r.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s |");
            }
            md.AppendLine();
            md.AppendLine("Single-bit flips by kind of byte (unchanged / corrected / damaged / wrong):");
            md.AppendLine();
            md.AppendLine("| byte | flips | unchanged / corrected / damaged / wrong |");
            md.AppendLine("| --- | --- | --- |");
            var names = new List<string>(single.ByRegion.Keys);
            names.Sort(StringComparer.Ordinal);
            foreach (string name in names)
            {
                long[] c = single.ByRegion[name];
                md.AppendLine("| " + name + " | " + N(c[0] + c[1] + c[2] + c[3]) + " | " + c[0] + " / " + c[1] + " / " + c[2] + " / " + c[3] + " |");
            }
            md.AppendLine();
            md.AppendLine("Targets (issue 10): 0 wrong. Which flips can still change the state, and why: Firmware/Storage/DESIGN.md.");
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

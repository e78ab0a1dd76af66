using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using PosTerminal.Hal.CardReader;
using PosTerminal.Virtual.Parts;

using PosTerminal.Virtual;

namespace PosTerminal.Tools.Bench
{
    /// <summary>
    /// `--bench swipe`: decode success of the firmware's card reader path (StrobeLatch +
    /// Track2Decoder, via CardReaderService.Decode) over swipe speeds 5-60 in/s in both
    /// directions, clean and with SwipeNoise.Typical, on realistic tracks. Every swipe is
    /// seeded, so the figures repeat. Targets: clean 100%; under noise, no wrong accepts.
    /// </summary>
    public static class SwipeBench
    {
        public const string Name = "swipe";
        public const int SwipesPerCase = 25;
        public const string Command = "dotnet run -c Release --project tools/bench -- --bench swipe";

        public static int Run()
        {
            Figures figures = Measure();
            string markdown = Markdown(figures);
            Console.Write(markdown);
            BenchReport.WriteSection(BenchReport.DefaultPath(), Name, markdown);
            Console.WriteLine(figures.TargetsMet ? "targets met" : "TARGETS MISSED");
            return figures.TargetsMet ? 0 : 1;
        }

        /// <summary>Every seeded swipe of the benchmark, decoded; the same figures on every run.</summary>
        public static Figures Measure()
        {
            var figures = new Figures(TestTracks());
            var reader = new CardReaderService(null);
            int seed = 1;
            for (int speed = 5; speed <= 60; speed += 5)
            {
                var row = new Row(speed);
                for (int noisy = 0; noisy < 2; noisy++)
                {
                    for (int reverse = 0; reverse < 2; reverse++)
                    {
                        Tally tally = row.Cell(noisy == 1, reverse == 1);
                        foreach (string track in figures.Tracks)
                        {
                            for (int n = 0; n < SwipesPerCase; n++)
                            {
                                var options = new SwipeOptions
                                {
                                    InchesPerSecond = speed,
                                    Reverse = reverse == 1,
                                    Seed = seed++,
                                    Noise = noisy == 1 ? SwipeNoise.Typical() : null,
                                };
                                SwipeRecording recording = SwipeWaveform.Create(track, options).ToRecording();
                                Track2Data read = reader.Decode(recording);
                                figures.Costs.Add(CostOf(reader, recording, read, options.Reverse));
                                if (noisy == 0) figures.CleanCosts.Add(figures.Costs[figures.Costs.Count - 1]);
                                tally.Add(read, track);
                                (noisy == 1 ? figures.Noisy : figures.Clean).Add(read, track);
                                if (!read.Ok)
                                {
                                    string key = (noisy == 1 ? "noise " : "clean ") + read.Status;
                                    figures.Reasons.TryGetValue(key, out int count);
                                    figures.Reasons[key] = count + 1;
                                }
                            }
                        }
                    }
                }
                figures.Rows.Add(row);
            }
            figures.Heavy = HeavyNoise(figures.Tracks, reader, ref seed, figures.HeavyCosts);
            return figures;
        }

        /// <summary>What Measure found: per speed, in total, why swipes were refused, and under heavy noise.</summary>
        public sealed class Figures
        {
            public Figures(string[] tracks)
            {
                Tracks = tracks;
            }

            public string[] Tracks { get; }
            public List<Row> Rows { get; } = new List<Row>();
            public Tally Clean { get; } = new Tally();
            public Tally Noisy { get; } = new Tally();
            public SortedDictionary<string, int> Reasons { get; } = new SortedDictionary<string, int>();
            public Tally Heavy { get; set; }

            /// <summary>What the cost model needs of every clean and noisy decode.</summary>
            public List<Esp32CostModel.SwipeCost> Costs { get; } = new List<Esp32CostModel.SwipeCost>();

            /// <summary>The clean ones among Costs.</summary>
            public List<Esp32CostModel.SwipeCost> CleanCosts { get; } = new List<Esp32CostModel.SwipeCost>();

            /// <summary>The same for every heavy-noise decode.</summary>
            public List<Esp32CostModel.SwipeCost> HeavyCosts { get; } = new List<Esp32CostModel.SwipeCost>();

            /// <summary>Clean swipes all decode; no swipe, clean or noisy, is ever accepted with a wrong character.</summary>
            public bool TargetsMet
            {
                get { return Clean.Ok == Clean.Swipes && Clean.Wrong == 0 && Noisy.Wrong == 0 && Heavy.Wrong == 0 && CostTargetsMet(this); }
            }
        }

        /// <summary>Far worse than a bad swipe (up to 4 misread bits, so two characters can be wrong in the same
        /// columns), to look for wrong accepts only.</summary>
        public static SwipeNoise Heavy()
        {
            return new SwipeNoise { DataGlitches = 6, FlippedBits = 2, MaxFlippedBits = 4, Jitter = 0.1, SpuriousStrobes = 1 };
        }

        private static Esp32CostModel.SwipeCost CostOf(CardReaderService reader, SwipeRecording recording, Track2Data read, bool reversed)
        {
            bool irregular = read.Status == SwipeStatus.IrregularStrobe;
            return new Esp32CostModel.SwipeCost(reader.LastDecodeFirstPassSteps, reader.LastDecodeDataPassSteps, reader.LastDecodeSteps, irregular, reversed);
        }

        private static Tally HeavyNoise(string[] tracks, CardReaderService reader, ref int seed, List<Esp32CostModel.SwipeCost> costs)
        {
            var tally = new Tally();
            for (int speed = 5; speed <= 60; speed += 5)
            {
                foreach (string track in tracks)
                {
                    for (int n = 0; n < 2 * SwipesPerCase; n++)
                    {
                        var options = new SwipeOptions { InchesPerSecond = speed, Reverse = n % 2 == 1, Seed = seed++, Noise = Heavy() };
                        SwipeRecording recording = SwipeWaveform.Create(track, options).ToRecording();
                        Track2Data read = reader.Decode(recording);
                        costs.Add(CostOf(reader, recording, read, options.Reverse));
                        tally.Add(read, track);
                    }
                }
            }
            return tally;
        }

        /// <summary>Track 2 of realistic cards: Luhn-valid PANs of 16-19 digits, at most 40 characters with the LRC.</summary>
        public static string[] TestTracks()
        {
            return new[]
            {
                ";" + Luhn.Complete("400000123456789") + "=27122010000000000?",
                ";" + Luhn.Complete("541275000012345") + "=28062211234567890?",
                ";" + Luhn.Complete("601100099013942") + "=290110100000?",
                ";" + Luhn.Complete("3566002020360505") + "=26092010000000?",
                ";" + Luhn.Complete("62220212345678901") + "=301210100000?",
                ";" + Luhn.Complete("622202123456789012") + "=3012101000000000?",
            };
        }

        private static string Markdown(Figures figures)
        {
            string[] tracks = figures.Tracks;
            List<Row> rows = figures.Rows;
            Tally[] total = { figures.Clean, figures.Noisy };
            SortedDictionary<string, int> reasons = figures.Reasons;
            Tally heavy = figures.Heavy;
            var md = new StringBuilder();
            md.AppendLine("## Card swipe decoding");
            md.AppendLine();
            md.AppendLine("Measured by `" + Command + "`: the simulated TTL reader (boards/virtual/Parts/SwipeWaveform) turns");
            md.AppendLine("each track into /STROBE and /DATA, recorded per line as the ESP32 RMT would (each line from its own");
            md.AppendLine("first edge); the firmware's CardReaderService.Decode latches and decodes it. Speed wobbles ±15% within");
            md.AppendLine("a swipe; noise (`swipe-noise`) = /DATA glitches (2 per swipe on average), misread bits (0.5, at most 2),");
            md.AppendLine("±5% edge jitter, spurious strobes (0.3). " + tracks.Length + " tracks (PANs of 16-19 digits, Luhn-valid), "
                + SwipesPerCase + " seeded swipes per track, speed, direction and noise setting.");
            md.AppendLine();
            md.AppendLine("| in/s | clean fwd | clean rev | noise fwd ok / refused / WRONG | noise rev ok / refused / WRONG |");
            md.AppendLine("| ---: | ---: | ---: | ---: | ---: |");
            foreach (Row row in rows)
            {
                md.AppendLine("| " + row.Speed + " | " + Percent(row.Cell(false, false)) + " | " + Percent(row.Cell(false, true))
                    + " | " + Split(row.Cell(true, false)) + " | " + Split(row.Cell(true, true)) + " |");
            }
            md.AppendLine();
            md.AppendLine("- clean swipes decoded: **" + total[0].Ok + " / " + total[0].Swipes + " (" + Pct(total[0].Ok, total[0].Swipes)
                + ")**, wrong accepts " + total[0].Wrong + " (target: 100%, 0)");
            md.AppendLine("- noisy swipes: decoded " + total[1].Ok + " (" + Pct(total[1].Ok, total[1].Swipes) + "), refused (\"swipe again\") "
                + total[1].Refused + " (" + Pct(total[1].Refused, total[1].Swipes) + "), **wrong accepts " + total[1].Wrong
                + "** of " + total[1].Swipes + " (target: 0)");
            md.Append("- refusal reasons:");
            foreach (KeyValuePair<string, int> reason in reasons) md.Append(" " + reason.Key + " " + reason.Value + ";");
            md.AppendLine(" (mostly misread bits, which no decoder can repair)");
            md.AppendLine("- heavy noise (6 glitches, 2 misread bits on average and up to 4, ±10% jitter, 1 spurious strobe; same speeds,");
            md.AppendLine("  both directions): decoded " + heavy.Ok + ", refused " + heavy.Refused + ", **wrong accepts " + heavy.Wrong + "** of " + heavy.Swipes + " (target: 0)");
            md.AppendLine();
            md.Append(CostSection(figures));
            return md.ToString();
        }

        /// <summary>Estimated ESP32 time per decode and per pass (Esp32CostModel), over every swipe above.</summary>
        public static string CostSection(Figures figures)
        {
            var all = new List<Esp32CostModel.SwipeCost>(figures.Costs);
            all.AddRange(figures.HeavyCosts);
            double[] decode = all.Select(Esp32CostModel.DecodeOps).OrderBy(x => x).ToArray();
            double[] longest = all.Select(Esp32CostModel.LongestPassOps).OrderBy(x => x).ToArray();
            double median = decode[(decode.Length - 1) / 2];
            double worst = decode[decode.Length - 1];
            int passes = all.Max(Esp32CostModel.DecodePasses);
            var md = new StringBuilder();
            double cleanWorst = figures.CleanCosts.Max(Esp32CostModel.DecodeOps);
            md.AppendLine("Cost on the ESP32 (" + Esp32CostModel.Model + ").");
            md.AppendLine("A decode runs in passes (CardReaderService): the first turns /STROBE into times, filters it and checks its regularity");
            md.AppendLine("(an irregular swipe is refused there); the second does the same for /DATA and lists the search's candidates; each later");
            md.AppendLine("one spends at most " + CardReaderService.StepsPerPass + " alignment steps, so keys are read between them. A decode may take at most "
                + CardReaderService.MaxDecodeSteps + " steps");
            md.AppendLine("(StrobeLatch.MaxWork, about 50 IL ops each); a swipe that would need more is refused as unaligned, so no recording can");
            md.AppendLine("make a decode longer than that. Estimated per swipe for all " + all.Count + " swipes above (clean, noise, heavy noise) by a model");
            md.AppendLine("fitted on nanoCLR counts of each of them (Esp32CostModel: the decode's steps and its direction, scaled by the largest");
            md.AppendLine("measured/model ratio so that it bounds every measured swipe). The measured column is nanoCLR's own count of the");
            md.AppendLine("same swipes (each decoded through CardReaderService.TakeSwipe, one probe per pass). Idle and key passes are nanoCLR counts of the");
            md.AppendLine("firmware at commit b313e16 (harness2; how: Esp32CostModel).");
            md.AppendLine();
            md.AppendLine("| figure | IL ops (model) | est. ESP32 | measured on nanoCLR | target |");
            md.AppendLine("| --- | ---: | ---: | ---: | --- |");
            Measured(md, "idle Terminal.Poll / main-loop pass (with MainLoop.NextWaitMs) / pass with the real keypad and LCD drivers",
                Esp32CostModel.IdlePollOps, Esp32CostModel.IdlePassOps, Esp32CostModel.IdlePassRealDriversOps);
            Measured(md, "key pass, median / largest (reference flow 中文, no password derivation)", Esp32CostModel.KeyPassMedianOpsZh, Esp32CostModel.KeyPassMaxOpsZh);
            Measured(md, "key pass, median / largest (reference flow English, no password derivation)", Esp32CostModel.KeyPassMedianOpsEn, Esp32CostModel.KeyPassMaxOpsEn);
            md.AppendLine("| longest single pass of any decode | " + Math.Round(longest[longest.Length - 1]) + " | " + Esp32CostModel.Ms(longest[longest.Length - 1])
                + " | " + Esp32CostModel.MeasuredPassMaxOps + " (" + Esp32CostModel.Ms(Esp32CostModel.MeasuredPassMaxOps) + ") | ≤ 100 ms |");
            md.AppendLine("| whole decode, median swipe | " + Math.Round(median) + " | " + Esp32CostModel.Ms(median) + " | " + Esp32CostModel.MeasuredDecodeMedianOps + " | |");
            md.AppendLine("| whole decode, costliest clean swipe | " + Math.Round(cleanWorst) + " | " + Esp32CostModel.Ms(cleanWorst)
                + " | " + Esp32CostModel.MeasuredCleanDecodeMaxOps + " (" + Esp32CostModel.Ms(Esp32CostModel.MeasuredCleanDecodeMaxOps) + ") | ≤ 100 ms |");
            md.AppendLine("| whole decode, costliest swipe of all (" + passes + " passes at most) | " + Math.Round(worst) + " | " + Esp32CostModel.Ms(worst)
                + " | " + Esp32CostModel.MeasuredDecodeMaxOps + " (" + Esp32CostModel.Ms(Esp32CostModel.MeasuredDecodeMaxOps) + ") | ≤ 100 ms |");
            return md.ToString();
        }

        /// <summary>A row of counted figures: the model is the count itself.</summary>
        private static void Measured(StringBuilder md, string figure, params int[] ops)
        {
            string counts = string.Join(" / ", ops);
            md.AppendLine("| " + figure + " | " + counts + " | " + string.Join(" / ", ops.Select(o => Esp32CostModel.Ms(o))) + " | " + counts + " | |");
        }

        /// <summary>Both swipe cost targets: every decode and every pass within 100 ms at 0.93 µs per IL op.</summary>
        public static bool CostTargetsMet(Figures figures)
        {
            var all = new List<Esp32CostModel.SwipeCost>(figures.Costs);
            all.AddRange(figures.HeavyCosts);
            return all.All(c => Esp32CostModel.SlowMs(Esp32CostModel.DecodeOps(c)) <= 100 && Esp32CostModel.SlowMs(Esp32CostModel.LongestPassOps(c)) <= 100);
        }

        private static string Percent(Tally t)
        {
            return Pct(t.Ok, t.Swipes) + (t.Wrong > 0 ? " (WRONG " + t.Wrong + ")" : "");
        }

        private static string Split(Tally t)
        {
            return Pct(t.Ok, t.Swipes) + " / " + Pct(t.Refused, t.Swipes) + " / " + t.Wrong;
        }

        public static string Pct(int part, int whole)
        {
            return (100.0 * part / Math.Max(1, whole)).ToString("0.0", CultureInfo.InvariantCulture) + "%";
        }

        public sealed class Row
        {
            private readonly Tally[] _cells = { new Tally(), new Tally(), new Tally(), new Tally() };

            public Row(int speed)
            {
                Speed = speed;
            }

            public int Speed { get; }

            public Tally Cell(bool noisy, bool reverse)
            {
                return _cells[(noisy ? 2 : 0) + (reverse ? 1 : 0)];
            }
        }

        public sealed class Tally
        {
            public int Swipes;
            public int Ok;
            public int Refused;
            public int Wrong;

            public void Add(Track2Data read, string track)
            {
                Swipes++;
                if (!read.Ok) Refused++;
                else if (read.ToTrackText() == track) Ok++;
                else Wrong++;
            }
        }
    }

    /// <summary>The Luhn (mod 10) check digit, to make realistic test card numbers.</summary>
    public static class Luhn
    {
        public static string Complete(string body)
        {
            for (char d = '0'; d <= '9'; d++)
            {
                if (IsValid(body + d)) return body + d;
            }
            throw new InvalidOperationException("unreachable");
        }

        public static bool IsValid(string digits)
        {
            int sum = 0;
            for (int i = 0; i < digits.Length; i++)
            {
                int d = digits[digits.Length - 1 - i] - '0';
                if (i % 2 == 1)
                {
                    d *= 2;
                    if (d > 9) d -= 9;
                }
                sum += d;
            }
            return sum % 10 == 0;
        }
    }
}

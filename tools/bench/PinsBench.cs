using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using PosTerminal.Firmware.Text;
using PosTerminal.Hal.Display;
using PosTerminal.Virtual.Flash;
using PosTerminal.Virtual.Parts;
using PosTerminal.Virtual.Script;

using PosTerminal.Virtual;

namespace PosTerminal.Tools.Bench
{
    /// <summary>
    /// `--bench pins`: the firmware's cost at the pins on PinBoard (real MatrixKeypad and
    /// St7920 drivers over the simulated matrix, SPI bus and ST7920), over the reference
    /// flow in boards/simulator/scripts/reference-flow.txt, against issue 3's targets:
    /// LCD instructions per key press (median ≤ 25% of a full-screen redraw), idle keypad
    /// GPIO operations (≤ 50 per second) and allocation (0 bytes per idle tick),
    /// press-to-report latency (≤ 40 ms after the contacts settle), zero LCD timing
    /// violations, and the swipe decoding figures of `--bench swipe`. The latency sweep and an
    /// idle session run again with late column edges (issue 9 item 7: SimKeypadMatrix delivers
    /// each edge up to LateEdgeMicros late, as the ESP32's event dispatcher thread can): no
    /// missed, doubled or phantom key, 0 idle GPIO operations, and 40 ms from the edge's arrival (the
    /// delivery delay itself is the platform's, added to the target).
    /// </summary>
    public static class PinsBench
    {
        public const string Name = "pins";
        public const string Command = "dotnet run -c Release --project tools/bench -- --bench pins";
        public const string FlowScript = "boards/simulator/scripts/reference-flow.txt";

        /// <summary>Bounce patterns per language: the flow's bus work repeats exactly, the keypad's timing varies with them.</summary>
        public const int Seeds = 8;

        public const int IdleSeconds = 10;

        /// <summary>Target: a key press's median LCD instructions, as a share of a full-screen redraw.</summary>
        public const double RedrawShareTarget = 0.25;

        /// <summary>Latency sweep: presses at a random phase of the main loop, with contacts bouncing up to SweepBounceMicros.</summary>
        public const int SweepPresses = 1000;
        public const int SweepBounceMicros = 10_000;

        /// <summary>Longest delay of a column edge in the late-edge runs: a 20 ms slice of the ESP32's event dispatcher thread.</summary>
        public const int LateEdgeMicros = 20_000;

        public const int IdleGpioPerSecondTarget = 50;
        public const int LatencyTargetMs = 40;

        public static int Run()
        {
            BoardDescription board = BoardDescription.LoadDefault();
            string script = File.ReadAllText(Path.Combine(BenchReport.RepoRoot(), FlowScript));
            Redraw redraw = MeasureRedraw(board);
            RunFlow(board, script, Language.Chinese, 1000); // warm-up: first calls load types and fill caches
            var flows = new List<FlowRun>();
            foreach (Language language in new[] { Language.Chinese, Language.English })
            {
                for (int seed = 1; seed <= Seeds; seed++) flows.Add(RunFlow(board, script, language, seed));
            }
            Idle idleScreen = MeasureIdle(board, false);
            Idle inMenu = MeasureIdle(board, true);
            Idle lateIdle = MeasureIdle(board, true, LateEdgeMicros);
            Sweep sweep = LatencySweep(board);
            Sweep late = LatencySweep(board, LateEdgeMicros);
            SwipeBench.Figures swipes = SwipeBench.Measure();
            var report = new Report(board, redraw, flows, idleScreen, inMenu, lateIdle, sweep, late, swipes);
            string markdown = report.Markdown();
            Console.Write(markdown);
            BenchReport.WriteSection(BenchReport.DefaultPath(), Name, markdown);
            Console.WriteLine(report.AllPass ? "targets met" : "TARGETS MISSED");
            return report.AllPass ? 0 : 1;
        }

        /// <summary>
        /// What every DDRAM address of all 4 rows changing costs with this driver (two full
        /// screens of different text, one after the other): the reference a key press is held to.
        /// </summary>
        private static Redraw MeasureRedraw(BoardDescription board)
        {
            var clock = new VirtualClock();
            var lcd = new SimSt7920();
            lcd.PowerOn(0);
            var bus = new SimSpiBus(clock, board.Lcd.ClockHz, lcd);
            var driver = new St7920(bus, clock);
            for (int row = 0; row < 4; row++) driver.WriteLine(row, "请输入新的密码！");
            long instructions = lcd.Instructions;
            long bytes = bus.BytesWritten;
            long transfers = bus.Transfers;
            long start = clock.UptimeMicros;
            for (int row = 0; row < 4; row++) driver.WriteLine(row, "ABCDEFGHIJKLMNOP");
            if (lcd.Problems.Count > 0) throw new InvalidOperationException("redraw: " + string.Join("; ", lcd.Problems));
            return new Redraw(lcd.Instructions - instructions, bus.BytesWritten - bytes, bus.Transfers - transfers,
                clock.UptimeMicros - start, driver.BusPaces);
        }

        private static FlowRun RunFlow(BoardDescription description, string script, Language language, int seed)
        {
            var board = new PinBoard(new SimFlash(), description, seed) { LanguageOverride = language };
            board.PowerOn();
            var presses = new List<KeyPress>();
            board.KeyPressed += presses.Add;
            var output = new StringWriter();
            var runner = new ScriptRunner(board, output);
            if (runner.Run(script) != 0) throw new InvalidOperationException(FlowScript + ": " + runner.LastError);
            string text = output.ToString();
            bool swiped = board.CardReader.Swipes == 1 && text.Contains("card 6222 **** **** 0128", StringComparison.Ordinal);
            bool gone = text.TrimEnd().EndsWith("bindings: 0", StringComparison.Ordinal);
            return new FlowRun(language, seed, presses, board.Lcd, swiped && gone);
        }

        /// <summary>IdleSeconds without a key: on the idle screen, or in a session on the bindings list.</summary>
        private static Idle MeasureIdle(BoardDescription description, bool inMenu, int maxEdgeDelayMicros = 0)
        {
            var board = new PinBoard(new SimFlash(), description, maxEdgeDelayMicros: maxEdgeDelayMicros);
            board.PowerOn();
            if (inMenu) new ScriptRunner(board, TextWriter.Null).Run("MENU 123456 ENTER 135790 ENTER 135790 ENTER ENTER 1");
            board.Advance(200_000); // let the last release settle and the keypad go idle
            PinCounters before = board.ReadCounters();
            long worstTick = 0;
            for (long t = 0; t < IdleSeconds * 1_000_000L; t += SimBoard.LoopPeriodMicros)
            {
                long polls = board.Polls;
                board.Advance(SimBoard.LoopPeriodMicros);
                // Only a step that ran a pass has a pass of its own to count (the loop sleeps through most).
                if (board.Polls != polls) worstTick = Math.Max(worstTick, board.LastPollAllocatedBytes);
            }
            PinCounters idle = board.ReadCounters() - before;
            string where = inMenu ? board.ScreenId + " (in a session)" : board.ScreenId;
            if (maxEdgeDelayMicros > 0) where += ", edges up to " + maxEdgeDelayMicros / 1000 + " ms late";
            return new Idle(where, idle, worstTick, board.Lcd.Problems.Count);
        }

        /// <summary>
        /// In the flow every press starts right after a main-loop pass and bounces less than
        /// one poll period, so the driver rarely sees the bounce. Here a key (one the idle
        /// screen ignores) goes down at a random point of the 10 ms tick and bounces longer.
        /// </summary>
        private static Sweep LatencySweep(BoardDescription description, int maxEdgeDelayMicros = 0)
        {
            var board = new PinBoard(new SimFlash(), description, seed: 7, maxBounceMicros: SweepBounceMicros, maxEdgeDelayMicros: maxEdgeDelayMicros);
            board.PowerOn();
            var presses = new List<KeyPress>();
            board.KeyPressed += presses.Add;
            var random = new Random(7);
            Hal.Key[] keys = { Hal.Key.D5, Hal.Key.D0, Hal.Key.Hash, Hal.Key.Fn, Hal.Key.Clear };
            for (int i = 0; i < SweepPresses; i++)
            {
                board.Advance(random.Next(1, SimBoard.LoopPeriodMicros));
                board.PressKey(keys[i % keys.Length]);
            }
            board.Advance(200_000); // any key still to come (a phantom) comes now
            return new Sweep(presses, board.Lcd.Problems.Count, board.KeysReported);
        }

        /// <summary>Reported: every key the driver reported over the run, inside a press's window or not.</summary>
        private sealed record Sweep(List<KeyPress> Presses, int LcdProblems, long Reported)
        {
            public int Missed { get { return Presses.Count(p => p.Cost.KeysReported == 0); } }
            public int Doubled { get { return Presses.Count(p => p.Cost.KeysReported > 1); } }

            /// <summary>Keys reported outside every press's window (from the finger going down to 80 ms after it is lifted).</summary>
            public long Phantom { get { return Reported - Presses.Sum(p => p.Cost.KeysReported); } }
        }

        private sealed record Redraw(long Instructions, long Bytes, long Transfers, long Micros, bool BusPaces);

        private sealed record FlowRun(Language Language, int Seed, List<KeyPress> Presses, SimSt7920 Lcd, bool Completed);

        private sealed record Idle(string Where, PinCounters Cost, long WorstTickBytes, int LcdProblems)
        {
            public double GpioPerSecond { get { return (double)Cost.GpioOperations / IdleSeconds; } }
        }

        /// <summary>The figures, each against its target, as the markdown section.</summary>
        private sealed class Report
        {
            private readonly BoardDescription _board;
            private readonly Redraw _redraw;
            private readonly List<FlowRun> _flows;
            private readonly Idle[] _idle;
            private readonly Sweep _sweep;
            private readonly Sweep _late;
            private readonly Idle _lateIdle;
            private readonly SwipeBench.Figures _swipes;
            private readonly KeyPress[] _presses;      // one language's flow, first seed: the bus work is the same for every seed
            private readonly KeyPress[] _allPresses;
            private readonly List<string> _verdicts = new List<string>();

            public Report(BoardDescription board, Redraw redraw, List<FlowRun> flows, Idle idleScreen, Idle inMenu, Idle lateIdle,
                Sweep sweep, Sweep late, SwipeBench.Figures swipes)
            {
                _sweep = sweep;
                _late = late;
                _lateIdle = lateIdle;
                _board = board;
                _redraw = redraw;
                _flows = flows;
                _idle = new[] { idleScreen, inMenu };
                _swipes = swipes;
                _presses = flows.Where(f => f.Seed == 1).SelectMany(f => f.Presses).ToArray();
                _allPresses = flows.SelectMany(f => f.Presses).ToArray();
            }

            public bool AllPass { get { return _verdicts.All(v => v == "PASS"); } }

            public string Markdown()
            {
                _verdicts.Clear();
                var md = new StringBuilder();
                Intro(md);
                Table(md);
                Costliest(md);
                Notes(md);
                return md.ToString();
            }

            private void Intro(StringBuilder md)
            {
                int keys = _flows[0].Presses.Count;
                md.AppendLine("## Hardware at the pins");
                md.AppendLine();
                md.AppendLine("Measured by `" + Command + "` on PinBoard: the firmware's MatrixKeypad over the simulated");
                md.AppendLine("5 x 4 switch matrix (seeded contact bounce up to 5 ms), its St7920 driver over SimSpiBus into SimSt7920 at");
                md.AppendLine("the board's LCD clock (board.json `lcd.clockHz` = " + _board.Lcd.ClockHz.ToString("N0", CultureInfo.InvariantCulture)
                    + " Hz), swipes through the card reader. The reference flow is `" + FlowScript + "`: first login");
                md.AppendLine("with the forced password change, settings, the bindings list, a new merchant binding, a new card binding by");
                md.AppendLine("swipe, up/down the list, both deregistered with confirm, reboot: " + keys + " key presses, each held 80 ms and released");
                md.AppendLine("80 ms (PinBoard.PressKey). Run " + Seeds + " times per language (zh, en) with different bounce seeds: "
                    + _allPresses.Length + " key presses in all. Per-press figures count");
                md.AppendLine("everything from the finger going down to 80 ms after it is lifted.");
                md.AppendLine();
            }

            private void Table(StringBuilder md)
            {
                long[] instructions = _presses.Select(p => p.Cost.LcdInstructions).ToArray();
                long[] bytes = _presses.Select(p => p.Cost.SpiBytes).ToArray();
                long[] lcdMicros = _presses.Select(p => p.Cost.LcdMicros).ToArray();
                long[] gpio = _allPresses.Select(p => p.Cost.GpioOperations).ToArray();
                long[] writes = _allPresses.Select(p => p.Cost.GpioWrites).ToArray();
                long[] allocated = _allPresses.Select(p => p.Cost.PollAllocatedBytes).ToArray();
                long partBytes = _allPresses.Sum(p => p.Cost.PartAllocatedBytes) + _idle.Sum(i => i.Cost.PartAllocatedBytes);
                double share = (double)Median(instructions) / _redraw.Instructions;
                int problems = _flows.Sum(f => f.Lcd.Problems.Count) + _idle.Sum(i => i.LcdProblems) + _sweep.LcdProblems
                    + _lateIdle.LcdProblems + _late.LcdProblems;
                int timing = _flows.Sum(f => f.Lcd.TimingViolations.Count);

                md.AppendLine("| figure | measured | target | result |");
                md.AppendLine("| --- | ---: | --- | --- |");
                Row(md, "full-screen redraw with this driver (all 4 rows, every address changes)",
                    _redraw.Instructions + " instructions, " + _redraw.Bytes + " bytes, " + Ms(_redraw.Micros) + " on the bus", "reference", null);
                Row(md, "LCD instructions per key press, median / max",
                    Median(instructions) + " / " + instructions.Max() + " (median " + Pct(share) + " of a redraw)",
                    "median ≤ " + Pct(RedrawShareTarget) + " of a redraw (≤ " + (int)(_redraw.Instructions * RedrawShareTarget) + ")", share <= RedrawShareTarget);
                Row(md, "SPI bytes per key press, median / max", Median(bytes) + " / " + bytes.Max(), "", null);
                Row(md, "LCD bus time per key press at " + Khz(_board.Lcd.ClockHz) + ", median / max (incl. execution waits)",
                    Ms(Median(lcdMicros)) + " / " + Ms(lcdMicros.Max()), "", null);
                // A key that moves to a screen where every cell differs legitimately writes every
                // address (68 instructions, a redraw's worth); what must never happen is the driver
                // clearing the LCD (Display Clear: 1.6 ms blank, then everything written again).
                Row(md, "key presses that cleared the LCD (Display Clear)", _presses.Count(p => p.Cost.LcdClears > 0).ToString(),
                    "0: never clear and rewrite on a key press", _presses.All(p => p.Cost.LcdClears == 0));
                Row(md, "key presses that rewrote every address (a screen where every cell changes)",
                    _presses.Count(p => p.Cost.LcdInstructions >= _redraw.Instructions).ToString(), "", null);
                foreach (Idle idle in _idle)
                {
                    Row(md, "GPIO operations per idle second, " + idle.Where,
                        Num(idle.GpioPerSecond) + " (SPI bytes " + idle.Cost.SpiBytes + ", column edges " + idle.Cost.ColumnEdges + ")",
                        "≤ " + IdleGpioPerSecondTarget, idle.GpioPerSecond <= IdleGpioPerSecondTarget);
                    Row(md, "managed bytes per idle tick, " + idle.Where + ": total over " + idle.Cost.Polls + " ticks / worst tick",
                        idle.Cost.PollAllocatedBytes + " / " + idle.WorstTickBytes, "0", idle.Cost.PollAllocatedBytes == 0 && idle.WorstTickBytes == 0);
                }
                Row(md, "GPIO operations per key press, median / max (of which row writes)",
                    Median(gpio) + " / " + gpio.Max() + " (" + Median(writes) + " / " + writes.Max() + ")", "", null);
                Row(md, "managed bytes allocated per key press (firmware), median / max", Median(allocated) + " / " + allocated.Max(), "", null);
                Row(md, "managed bytes the simulated parts allocated inside the firmware's passes (excluded above)", partBytes.ToString(), "", null);
                Latency(md, "key read after its contacts settle, reference flow (" + _allPresses.Length + " presses), min / median / p95 / max", _allPresses);
                Latency(md, "key read after its contacts settle, " + _sweep.Presses.Count + " presses at random loop phase, bounce ≤ "
                    + SweepBounceMicros / 1000 + " ms, min / median / p95 / max", _sweep.Presses.ToArray());
                LateEdges(md);
                Row(md, "simulated ST7920 problems over all runs (timing violations / all)", timing + " / " + problems, "0", problems == 0);
                Row(md, "reference flow completed on the pins (swipe decoded and bound, bindings gone after reboot)",
                    _flows.Count(f => f.Completed) + " of " + _flows.Count + " runs", "all", _flows.All(f => f.Completed));
                SwipeBench.Tally clean = _swipes.Clean;
                SwipeBench.Tally noisy = _swipes.Noisy;
                SwipeBench.Tally heavy = _swipes.Heavy;
                Row(md, "clean swipes decoded, 5-60 in/s both directions ([swipe section](#card-swipe-decoding))",
                    clean.Ok + " / " + clean.Swipes + " (" + SwipeBench.Pct(clean.Ok, clean.Swipes) + ")", "100%", clean.Ok == clean.Swipes);
                Row(md, "swipes with noise: decoded / refused (\"swipe again\")",
                    SwipeBench.Pct(noisy.Ok, noisy.Swipes) + " / " + SwipeBench.Pct(noisy.Refused, noisy.Swipes) + " of " + noisy.Swipes, "", null);
                Row(md, "wrong characters accepted: clean / noise / heavy noise",
                    clean.Wrong + " / " + noisy.Wrong + " / " + heavy.Wrong + " of " + (clean.Swipes + noisy.Swipes + heavy.Swipes), "0",
                    clean.Wrong + noisy.Wrong + heavy.Wrong == 0);
                md.AppendLine();
            }

            private void Latency(StringBuilder md, string figure, KeyPress[] presses, int edgeDelayMicros = 0)
            {
                long[] latency = presses.Select(p => p.LatencyMicros).ToArray();
                long unread = presses.Count(p => p.LatencyMicros < 0 || p.Cost.KeysReported != 1);
                // A late edge wakes the idle driver only when the dispatcher delivers it: the
                // driver cannot scan what it has not heard of without polling while idle (which the
                // 0 idle GPIO target forbids), so its own share is judged: 40 ms after the edge arrives.
                long limit = LatencyTargetMs * 1000L + edgeDelayMicros;
                Row(md, figure,
                    Ms(latency.Min()) + " / " + Ms(Median(latency)) + " / " + Ms(Percentile(latency, 0.95)) + " / " + Ms(latency.Max())
                    + (unread > 0 ? " (" + unread + " presses not read exactly once)" : ""),
                    edgeDelayMicros == 0 ? "≤ " + LatencyTargetMs + " ms" : "≤ " + LatencyTargetMs + " ms after the edge arrives (≤ " + limit / 1000 + " ms from the contacts)",
                    unread == 0 && latency.Max() <= limit);
            }

            /// <summary>Issue 9 item 7: the same sweep and an idle session with every column edge reaching the driver late.</summary>
            private void LateEdges(StringBuilder md)
            {
                string late = "edges up to " + LateEdgeMicros / 1000 + " ms late";
                Row(md, "keys missed / doubled / phantom, " + _late.Presses.Count + " presses at random loop phase, bounce ≤ "
                    + SweepBounceMicros / 1000 + " ms, " + late, _late.Missed + " / " + _late.Doubled + " / " + _late.Phantom, "0 / 0 / 0",
                    _late.Missed == 0 && _late.Doubled == 0 && _late.Phantom == 0);
                Latency(md, "key read after its contacts settle, the same presses, " + late + ", min / median / p95 / max", _late.Presses.ToArray(), LateEdgeMicros);
                Row(md, "GPIO operations per idle second, " + _lateIdle.Where,
                    Num(_lateIdle.GpioPerSecond) + " (" + _lateIdle.Cost.GpioOperations + " in " + IdleSeconds + " s; column edges " + _lateIdle.Cost.ColumnEdges + ")",
                    "0", _lateIdle.Cost.GpioOperations == 0);
                Row(md, "managed bytes per idle tick, " + _lateIdle.Where + ": total over " + _lateIdle.Cost.Polls + " ticks / worst tick",
                    _lateIdle.Cost.PollAllocatedBytes + " / " + _lateIdle.WorstTickBytes, "0", _lateIdle.Cost.PollAllocatedBytes == 0 && _lateIdle.WorstTickBytes == 0);
            }

            /// <summary>The key presses that cost the most: screen changes.</summary>
            private void Costliest(StringBuilder md)
            {
                md.AppendLine("Costliest key presses of the flow (zh, seed 1; a full redraw is " + _redraw.Instructions + " instructions):");
                md.AppendLine();
                md.AppendLine("| key | screen | LCD instructions | SPI bytes | bus time |");
                md.AppendLine("| --- | --- | ---: | ---: | ---: |");
                IEnumerable<KeyPress> top = _flows[0].Presses.OrderByDescending(p => p.Cost.LcdInstructions).Take(5);
                foreach (KeyPress p in top)
                {
                    md.AppendLine("| " + p.Key + " | " + p.From + " -> " + p.To + " | " + p.Cost.LcdInstructions + " | " + p.Cost.SpiBytes + " | " + Ms(p.Cost.LcdMicros) + " |");
                }
                md.AppendLine();
            }

            private void Notes(StringBuilder md)
            {
                int perInstruction = 24 * 1_000_000 / _board.Lcd.ClockHz;
                md.AppendLine("How the figures are taken:");
                md.AppendLine("- A full redraw is measured, not assumed: the driver writes 4 rows of 8 Chinese characters, then 4 rows of");
                md.AppendLine("  16 letters, so every DDRAM address changes: 4 x (set address + 16 data bytes). A clear (0x01) + rewrite");
                md.AppendLine("  would add one instruction (3 bytes) and 1.6 ms of execution; the driver never clears after power-on.");
                md.AppendLine("- Bus time is the virtual time the firmware spends inside `ITextDisplay.WriteLine`: SPI transfers at the");
                md.AppendLine("  board's clock plus any waits the driver makes. At " + Khz(_board.Lcd.ClockHz) + " an instruction takes " + perInstruction
                    + " µs on the wire, more than its 72 µs");
                md.AppendLine("  execution time, so the bus itself paces the controller (`St7920.BusPaces` = " + _redraw.BusPaces.ToString().ToLowerInvariant()
                    + ") and the driver adds no waits;");
                md.AppendLine("  the controller finishes the last instruction 72 µs after its transfer.");
                md.AppendLine("- GPIO operations are the keypad lines' Read and Write calls (what a slow managed `GpioPin` call costs on the");
                md.AppendLine("  ESP32); the column edge counters the driver compares while idle are kept natively and are not GPIO calls.");
                md.AppendLine("- Managed bytes: `GC.GetAllocatedBytesForCurrentThread` around each main-loop pass (PinBoard.Tick: Terminal.Poll");
                md.AppendLine("  and the stopgap console pump), minus what the simulated keypad lines, SPI bus + ST7920 and card-reader");
                md.AppendLine("  recorder allocated inside the pass (metered separately, shown above). The in-memory flash, SHA-256 and");
                md.AppendLine("  console port adapters are counted with the firmware; they allocate nothing on these paths. A warm-up run");
                md.AppendLine("  comes first. Per key press: the passes during the 160 ms press, so they include the screen's rendering.");
                md.AppendLine("- Latency: from the virtual time the pressed contact stops bouncing (SimKeypadMatrix) to the main-loop pass");
                md.AppendLine("  in which the firmware reads the key from the driver (debounce 20 ms + a scan every 10 ms tick).");
                md.AppendLine("- Late edges: the rows marked \"edges up to " + LateEdgeMicros / 1000 + " ms late\" run on a matrix whose column edge counts reach");
                md.AppendLine("  the driver 1 µs to " + LateEdgeMicros / 1000 + " ms after the edge (seeded, in order per line: SimKeypadMatrix maxEdgeDelayMicros), as");
                md.AppendLine("  the ESP32's event dispatcher thread raises them after the scanner re-read its baseline; the other rows deliver");
                md.AppendLine("  them at once. A phantom key is one reported outside every press's window.");
                md.AppendLine("- Median is the lower middle value; p95 is nearest-rank.");
                md.AppendLine("- The main loop sleeps (Firmware/MainLoop): a pass when an input arrives (column edge, console byte, finished");
                md.AppendLine("  swipe) or a timer is due, never sooner than one 10 ms FreeRTOS tick, at most 1 s apart; the board models the");
                md.AppendLine("  tick. Idle passes per second above: " + Num(_idle[0].Cost.Polls / (double)IdleSeconds) + ".");
                md.AppendLine();
                md.Append(SwipeBench.CostSection(_swipes));
            }

            private void Row(StringBuilder md, string figure, string measured, string target, bool? pass)
            {
                string verdict = pass == null ? "" : pass.Value ? "PASS" : "FAIL";
                if (pass != null) _verdicts.Add(verdict);
                md.AppendLine("| " + figure + " | " + measured + " | " + target + " | " + verdict + " |");
            }
        }

        private static long Median(long[] values)
        {
            return Percentile(values, 0.5);
        }

        /// <summary>Nearest rank: the smallest value with at least share of the values at or below it.</summary>
        private static long Percentile(long[] values, double share)
        {
            long[] sorted = values.OrderBy(v => v).ToArray();
            int rank = (int)Math.Ceiling(share * sorted.Length);
            return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
        }

        private static string Ms(long micros)
        {
            return (micros / 1000.0).ToString("0.00", CultureInfo.InvariantCulture) + " ms";
        }

        private static string Khz(int hz)
        {
            return (hz / 1000.0).ToString("0.#", CultureInfo.InvariantCulture) + " kHz";
        }

        private static string Pct(double share)
        {
            return (100 * share).ToString("0.#", CultureInfo.InvariantCulture) + "%";
        }

        private static string Num(double value)
        {
            return value.ToString("0.#", CultureInfo.InvariantCulture);
        }
    }
}

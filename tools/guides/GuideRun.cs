using System;
using System.Collections.Generic;
using System.IO;
using PosTerminal.Firmware.Text;
using PosTerminal.Tools.Fleet;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Flash;
using PosTerminal.Virtual.Lcd;
using PosTerminal.Virtual.Script;

using PosTerminal.Virtual.Fleet;

namespace PosTerminal.Tools.Guides
{
    /// <summary>The terminal after a step: the ST7920's DDRAM, its rows as text, the screen id, and what each flow line printed.</summary>
    public sealed class Shot
    {
        public Shot(byte[] ddram, string[] rows, string screenId, List<List<string>> outputs)
        {
            Ddram = ddram;
            Rows = rows;
            ScreenId = screenId;
            Outputs = outputs;
        }

        /// <summary>What the glass shows (empty while dark), as LcdRaster.Glass reads it.</summary>
        public byte[] Ddram { get; }

        /// <summary>The four rows as SimSt7920.Render decodes them, trailing spaces removed.</summary>
        public string[] Rows { get; }

        public string ScreenId { get; }

        /// <summary>Per flow line of the step: the console's lines (answers, a backup), or the desk tool's.</summary>
        public List<List<string>> Outputs { get; }
    }

    /// <summary>A task run once: the picture before the first step (or null) and one after each step.</summary>
    public sealed class TaskRun
    {
        /// <summary>The id the board gave the terminal (the desk's commands name it).</summary>
        public string TerminalId { get; set; }

        public Shot Start { get; set; }
        public List<Shot> Steps { get; } = new List<Shot>();
    }

    /// <summary>
    /// Runs a task for real on the pin-level board (the firmware's own keypad and ST7920
    /// drivers on simulated parts, on virtual time; seeded, so every run is the same): the
    /// setup unseen, then each step, checking the screen it ends on and taking the LCD's DDRAM.
    /// A step that ends elsewhere, or an LCD fault, stops the run with the task file's line.
    /// </summary>
    public static class GuideRun
    {
        /// <summary>Virtual ticks a fleet command may take to be acked.</summary>
        private const int MaxAckTicks = 500;

        public static TaskRun Run(GuideTask task, Language language)
        {
            var board = new PinBoard(new SimFlash());
            if (!task.FactoryLanguage) board.LanguageOverride = language;
            var desk = new Desk(task.FleetKey);
            if (task.FleetKey != null) board.UseLink(desk.Link);
            board.PowerOn();
            foreach (FlowLine line in task.Setup) RunLine(board, desk, line);
            board.ConsolePort.TakeOutput();
            board.Buzzer.TakeNew();

            var run = new TaskRun { TerminalId = board.TerminalId };
            if (task.Start != null)
            {
                Expect(task, task.StartScreen, board, language, "after the setup");
                run.Start = Take(board, new List<List<string>>());
            }
            foreach (GuideStep step in task.Steps)
            {
                var outputs = new List<List<string>>();
                foreach (FlowLine line in step.Flow) outputs.Add(RunLine(board, desk, line));
                Expect(task, step.Screen, board, language, "line " + step.Line + ": after this step");
                run.Steps.Add(Take(board, outputs));
            }
            if (board.Lcd.Problems.Count > 0)
                throw new GuideException(task.File + ": the simulated ST7920 reported: " + string.Join("; ", board.Lcd.Problems));
            return run;
        }

        private static void Expect(GuideTask task, string screen, PinBoard board, Language language, string when)
        {
            if (board.ScreenId == screen) return;
            throw new GuideException(task.File + " " + when + " the terminal shows '" + board.ScreenId + "', not '" + screen
                + "' (" + language + " run); the LCD reads: " + string.Join(" / ", Rows(board)));
        }

        private static Shot Take(PinBoard board, List<List<string>> outputs)
        {
            return new Shot(LcdRaster.Glass(board), Rows(board), board.ScreenId, outputs);
        }

        private static string[] Rows(PinBoard board)
        {
            string[] rows = board.ScreenLines();
            for (int i = 0; i < rows.Length; i++) rows[i] = rows[i].TrimEnd();
            return rows;
        }

        /// <summary>Runs one flow line; returns what the console (or the desk's tool) printed meanwhile.</summary>
        private static List<string> RunLine(PinBoard board, Desk desk, FlowLine line)
        {
            var printed = new List<string>();
            if (line.IsFleet)
            {
                printed.AddRange(desk.Send(board, line.FleetOp, line.FleetArg));
                return printed;
            }
            var output = new StringWriter();
            foreach (ScriptStep step in line.Script.Steps) step.Run(board, output);
            const string Prefix = "console> ";
            foreach (string written in output.ToString().Replace("\r\n", "\n").Split('\n'))
            {
                if (written.StartsWith(Prefix, StringComparison.Ordinal)) printed.Add(written.Substring(Prefix.Length));
            }
            // Lines the terminal wrote on its own (a backup the keypad asked for).
            printed.AddRange(board.ConsolePort.TakeOutput());
            return printed;
        }

        /// <summary>The service desk: signs each command as tools/fleet does, hands it over the InstantLink, and prints the ack as the tool does.</summary>
        private sealed class Desk
        {
            private readonly byte[] _key;
            private long _sequence;

            public Desk(byte[] key)
            {
                _key = key;
                Link = new InstantLink();
            }

            public InstantLink Link { get; }

            public List<string> Send(PinBoard board, string op, string arg)
            {
                string terminal = board.TerminalId;
                _sequence++;
                string id = "guide-" + _sequence;
                // Valid for the desk's default lifetime (7 days) from the terminal's own clock: the run does not read the host's.
                long expires = new DateTimeOffset(DateTime.SpecifyKind(board.Clock.UtcNow, DateTimeKind.Utc)).ToUnixTimeSeconds() + (long)new DeskOptions().Lifetime.TotalSeconds;
                byte[] command = FleetDesk.SignedCommand(terminal, _key, id, _sequence, expires, op, arg);
                Link.Deliver("pos/" + terminal + "/cmd", command);
                string ack = null;
                for (int tick = 0; tick < MaxAckTicks && ack == null; tick++)
                {
                    board.Advance(SimBoard.TickMicros);
                    ack = Link.AckFor("pos/" + terminal + "/ack", id);
                }
                if (ack == null) throw new GuideException("fleet " + op + ": the terminal sent no ack in " + MaxAckTicks + " ticks");
                bool ok;
                return FleetDesk.AckLines(terminal, op, ack, out ok);
            }
        }
    }
}

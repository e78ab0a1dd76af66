using System;
using System.Diagnostics;
using System.Threading;
using PosTerminal.Hal;

using PosTerminal.Virtual;

namespace PosTerminal.Simulator.Interactive
{
    /// <summary>
    /// The virtual terminal in a text console: the LCD, the key legend and a status line.
    /// Virtual time follows the wall clock here, so the 60 s session timeout is real.
    /// </summary>
    public sealed class InteractiveTerminal
    {
        private const int LcdColumns = 16;
        private readonly SimBoard _board;
        private readonly string _status;
        private string _drawn;

        public InteractiveTerminal(SimBoard board, string status)
        {
            _board = board;
            _status = status;
        }

        public int Run()
        {
            if (Console.IsInputRedirected || Console.IsOutputRedirected)
            {
                Console.Error.WriteLine("interactive mode needs a terminal; for automation use --script FILE|-");
                return 2;
            }
            Console.TreatControlCAsInput = true;
            Console.CursorVisible = false;
            Console.Clear();
            var clock = Stopwatch.StartNew();
            long simulatedMicros = 0;
            try
            {
                while (true)
                {
                    while (Console.KeyAvailable)
                    {
                        ConsoleKeyInfo info = Console.ReadKey(true);
                        if (IsQuit(info)) return 0;
                        Handle(info);
                    }
                    long due = clock.ElapsedTicks * 1000000 / Stopwatch.Frequency;
                    if (due > simulatedMicros)
                    {
                        _board.Advance(due - simulatedMicros);
                        simulatedMicros = due;
                    }
                    Draw();
                    Thread.Sleep(10);
                }
            }
            finally
            {
                Console.CursorVisible = true;
                Console.SetCursorPosition(0, 16);
                Console.WriteLine();
            }
        }

        private static bool IsQuit(ConsoleKeyInfo info)
        {
            bool ctrl = (info.Modifiers & ConsoleModifiers.Control) != 0;
            return (ctrl && (info.Key == ConsoleKey.C || info.Key == ConsoleKey.Q)) || info.Key == ConsoleKey.F10;
        }

        private void Handle(ConsoleKeyInfo info)
        {
            if (info.Key == ConsoleKey.F5)
            {
                _board.Reboot();
                return;
            }
            Key key;
            if (KeyMap.TryMap(info, out key)) _board.PressKey(key);
        }

        private void Draw()
        {
            string frame = Compose();
            if (frame == _drawn) return;
            _drawn = frame;
            Console.SetCursorPosition(0, 0);
            Console.Write(frame);
        }

        private string Compose()
        {
            string rule = new string('─', LcdColumns + 2);
            string text = "PosTerminal virtual terminal\n┌" + rule + "┐\n";
            foreach (string line in _board.ScreenLines())
            {
                text += "│ " + LcdCells.Layout(line, LcdColumns) + " │\n";
            }
            text += "└" + rule + "┘\n";
            foreach (string[] row in KeyMap.Legend)
            {
                text += "  " + row[0].PadRight(11) + row[1].PadRight(12) + "\n";
            }
            text += "  F5 power cycle   Ctrl+Q quit\n";
            long seconds = _board.Clock.UptimeMs / 1000;
            text += ("[" + _board.ScreenId + "]  uptime " + seconds + " s  " + _status).PadRight(70) + "\n";
            return text;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Threading;
using PosTerminal.Hal;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Script;

namespace PosTerminal.Simulator.Interactive
{
    /// <summary>
    /// The virtual terminal in a text console (Spectre.Console drawing): the LCD, the keypad,
    /// a swipe card, the console pane and a status line. Virtual time follows the wall clock
    /// here, so the session timeout is real. Keys: the keypad's PC keys (drawn on the keys),
    /// F3 swipe, F4 noisy swipe, F6 next card, Tab console line, F5 power cycle, Ctrl+Q quit.
    /// </summary>
    public sealed class InteractiveTerminal
    {
        private const int PressedShownMs = 250;
        private const int ConsoleKept = 100;

        private readonly SimBoard _board;
        private readonly StatusInfo _status;
        private readonly RealTimePacer _pacer = new RealTimePacer();
        private readonly List<string> _console = new List<string>();
        private readonly Key[] _keypad;
        private readonly int _columns;
        private int _card;
        private string _input;          // null: keys go to the keypad
        private Key _pressed = Key.None;
        private long _pressedUntil;
        private string _drawn;

        public InteractiveTerminal(SimBoard board, StatusInfo status)
        {
            _board = board;
            _status = status;
            BoardDescription description = board is PinBoard pins ? pins.Description : BoardDescription.LoadDefault();
            _keypad = description.KeyLayout();
            _columns = description.Keypad.Columns.Length;
            _board.ConsolePort.LineWritten += Remember;
        }

        public int Run()
        {
            Console.TreatControlCAsInput = true;
            Console.Write("\u001b[?1049h\u001b[?25l"); // the alternate screen, cursor hidden
            try
            {
                while (true)
                {
                    while (Console.KeyAvailable)
                    {
                        if (!Handle(Console.ReadKey(true))) return 0;
                    }
                    _pacer.CatchUp(_board);
                    Draw();
                    Thread.Sleep(10);
                }
            }
            finally
            {
                Console.Write("\u001b[?25h\u001b[?1049l");
            }
        }

        /// <summary>The frame the terminal shows now.</summary>
        public TerminalFrame Frame()
        {
            TestCards.Card card = TestCards.All[_card];
            return new TerminalFrame
            {
                LcdLines = _board.ScreenLines(),
                Keypad = _keypad,
                KeypadColumns = _columns,
                Pressed = Environment.TickCount64 < _pressedUntil ? _pressed : Key.None,
                CardName = (_card + 1) + "/" + TestCards.All.Length + " " + card.Name,
                CardNumber = card.Number,
                ConsoleLines = _console,
                ConsoleInput = _input,
                Status = _status.Line(_board.ScreenId, _board.Clock.UptimeMs / 1000),
            };
        }

        /// <summary>Handles one PC key; false to quit.</summary>
        public bool Handle(ConsoleKeyInfo info)
        {
            bool ctrl = (info.Modifiers & ConsoleModifiers.Control) != 0;
            if ((ctrl && (info.Key == ConsoleKey.C || info.Key == ConsoleKey.Q)) || info.Key == ConsoleKey.F10) return false;
            switch (info.Key)
            {
                case ConsoleKey.F5: _board.Reboot(); return true;
                case ConsoleKey.F3: Swipe(false); return true;
                case ConsoleKey.F4: Swipe(true); return true;
                case ConsoleKey.F6: _card = (_card + 1) % TestCards.All.Length; return true;
                case ConsoleKey.Tab: _input = _input == null ? "" : null; return true;
            }
            if (_input != null)
            {
                TypeOnConsole(info);
                return true;
            }
            Key key;
            if (KeyMap.HoldsClear(info) && Array.IndexOf(_keypad, Key.Clear) >= 0)
            {
                _pressed = Key.Clear;
                _pressedUntil = Environment.TickCount64 + PressedShownMs;
                _pacer.Act(_board, () => _board.PressAndHold(Key.Clear, KeyMap.HoldMicros));
            }
            else if (KeyMap.TryMap(info, out key) && Array.IndexOf(_keypad, key) >= 0)
            {
                _pressed = key;
                _pressedUntil = Environment.TickCount64 + PressedShownMs;
                _pacer.Act(_board, () => _board.PressKey(key));
            }
            return true;
        }

        private void TypeOnConsole(ConsoleKeyInfo info)
        {
            if (info.Key == ConsoleKey.Escape) _input = null;
            else if (info.Key == ConsoleKey.Backspace) _input = _input.Length == 0 ? _input : _input.Substring(0, _input.Length - 1);
            else if (info.Key == ConsoleKey.Enter)
            {
                if (_input.Trim().Length == 0) return;
                Remember("> " + _input);
                _board.ConsolePort.Send(_input);
                _input = "";
            }
            else if (!char.IsControl(info.KeyChar)) _input += info.KeyChar;
        }

        private void Swipe(bool noisy)
        {
            string track = TestCards.All[_card].Track2;
            _pacer.Act(_board, () => _board.Swipe(ScriptParser.CardSwipe(_board, track, false, noisy)));
        }

        private void Remember(string line)
        {
            _console.Add(line);
            if (_console.Count > ConsoleKept) _console.RemoveAt(0);
        }

        private void Draw()
        {
            int width = Math.Max(40, Console.WindowWidth);
            string frame = FrameWriter.Frame(FrameWriter.Lines(TerminalView.Render(Frame(), width), width, true), Console.WindowHeight);
            if (frame == _drawn) return;
            _drawn = frame;
            Console.Write(frame);
        }
    }
}

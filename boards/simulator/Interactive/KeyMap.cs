using System;
using PosTerminal.Hal;

namespace PosTerminal.Simulator.Interactive
{
    /// <summary>The PC keyboard as the terminal keypad. The keypad drawing shows Hint, so the two cannot disagree.</summary>
    public static class KeyMap
    {
        public static bool TryMap(ConsoleKeyInfo info, out Key key)
        {
            key = Key.None;
            char c = info.KeyChar;
            if (c >= '0' && c <= '9') key = Key.D0 + (c - '0');
            else if (c == '*') key = Key.Star;
            else if (c == '#') key = Key.Hash;
            else if (info.Key == ConsoleKey.Enter) key = Key.Enter;
            else if (info.Key == ConsoleKey.Escape) key = Key.Cancel;
            else if (info.Key == ConsoleKey.Backspace) key = Key.Clear;
            else if (info.Key == ConsoleKey.UpArrow) key = Key.Up;
            else if (info.Key == ConsoleKey.DownArrow) key = Key.Down;
            else if (info.Key == ConsoleKey.F1 || c == 'm' || c == 'M') key = Key.Menu;
            else if (info.Key == ConsoleKey.F2 || c == 'f' || c == 'F') key = Key.Fn;
            return key != Key.None;
        }

        /// <summary>How long Delete holds CLEAR down: past MatrixKeypad.HoldMs, so the field is emptied.</summary>
        public const long HoldMicros = 1_200_000;

        /// <summary>Delete: CLEAR held (a console cannot tell how long a PC key is held down).</summary>
        public static bool HoldsClear(ConsoleKeyInfo info)
        {
            return info.Key == ConsoleKey.Delete;
        }

        /// <summary>The PC key(s) of a terminal key, as the keypad drawing labels it ("" for a digit: its own key).</summary>
        public static string Hint(Key key)
        {
            switch (key)
            {
                case Key.Star: return "*";
                case Key.Hash: return "#";
                case Key.Enter: return "Enter";
                case Key.Cancel: return "Esc";
                case Key.Clear: return "Bksp";
                case Key.Up: return "Up";
                case Key.Down: return "Down";
                case Key.Menu: return "M F1";
                case Key.Fn: return "F F2";
                default: return "";
            }
        }
    }
}

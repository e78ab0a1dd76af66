using System;
using PosTerminal.Hal;

namespace PosTerminal.Simulator.Interactive
{
    /// <summary>The PC keyboard as the terminal keypad. The legend is drawn from this table, so they cannot disagree.</summary>
    public static class KeyMap
    {
        /// <summary>Legend rows: PC key, then terminal key.</summary>
        public static readonly string[][] Legend =
        {
            new[] { "0-9", "digits" },
            new[] { "* #", "STAR HASH" },
            new[] { "Enter", "ENTER" },
            new[] { "Esc", "CANCEL" },
            new[] { "Backspace", "CLEAR" },
            new[] { "Up Down", "UP DOWN" },
            new[] { "M or F1", "MENU" },
            new[] { "F or F2", "FN" },
        };

        public static bool TryMap(ConsoleKeyInfo info, out Key key)
        {
            key = Key.None;
            char c = info.KeyChar;
            if (c >= '0' && c <= '9') key = Key.D0 + (c - '0');
            else if (c == '*') key = Key.Star;
            else if (c == '#') key = Key.Hash;
            else if (info.Key == ConsoleKey.Enter) key = Key.Enter;
            else if (info.Key == ConsoleKey.Escape) key = Key.Cancel;
            else if (info.Key == ConsoleKey.Backspace || info.Key == ConsoleKey.Delete) key = Key.Clear;
            else if (info.Key == ConsoleKey.UpArrow) key = Key.Up;
            else if (info.Key == ConsoleKey.DownArrow) key = Key.Down;
            else if (info.Key == ConsoleKey.F1 || c == 'm' || c == 'M') key = Key.Menu;
            else if (info.Key == ConsoleKey.F2 || c == 'f' || c == 'F') key = Key.Fn;
            return key != Key.None;
        }
    }
}

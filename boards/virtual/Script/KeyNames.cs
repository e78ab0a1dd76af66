using PosTerminal.Hal;

namespace PosTerminal.Virtual.Script
{
    /// <summary>The key names scripts use (case-insensitive): 0-9, STAR or *, HASH, ENTER, CANCEL, CLEAR, UP, DOWN, MENU, FN.</summary>
    public static class KeyNames
    {
        public static bool TryParse(string name, out Key key)
        {
            key = Key.None;
            if (name.Length == 1 && name[0] >= '0' && name[0] <= '9')
            {
                key = Key.D0 + (name[0] - '0');
                return true;
            }
            switch (name.ToUpperInvariant())
            {
                case "*": case "STAR": key = Key.Star; return true;
                case "HASH": key = Key.Hash; return true;
                case "ENTER": key = Key.Enter; return true;
                case "CANCEL": key = Key.Cancel; return true;
                case "CLEAR": key = Key.Clear; return true;
                case "UP": key = Key.Up; return true;
                case "DOWN": key = Key.Down; return true;
                case "MENU": key = Key.Menu; return true;
                case "FN": key = Key.Fn; return true;
                default: return false;
            }
        }

        /// <summary>A run of digits ("123456") is that many digit keys.</summary>
        public static bool IsDigitRun(string text)
        {
            if (text.Length < 2) return false;
            foreach (char c in text)
            {
                if (c < '0' || c > '9') return false;
            }
            return true;
        }
    }
}

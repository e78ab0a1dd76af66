using System;
using System.Globalization;
using PosTerminal.Hal;
using PosTerminal.Virtual;

namespace PosTerminal.Tools.Checks.Security
{
    /// <summary>
    /// Drives an EventBoard as an operator and a technician would, failing loudly the moment
    /// the terminal does not answer as expected (a check that builds its state through the
    /// real screens and console must know it got there).
    /// </summary>
    public sealed class TerminalScript
    {
        public TerminalScript(EventBoard board)
        {
            Board = board;
        }

        public EventBoard Board { get; }

        public string Screen { get { return string.Join("\n", Board.ScreenLines()); } }

        /// <summary>Key names and digit runs (Script.KeyNames), "wait S" (virtual seconds) and "reboot".</summary>
        public TerminalScript Keys(string tokens)
        {
            string[] words = tokens.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (int i = 0; i < words.Length; i++)
            {
                string word = words[i];
                Key key;
                if (word == "wait") Board.Advance((long)(double.Parse(words[++i], CultureInfo.InvariantCulture) * 1000000));
                else if (word == "reboot") Board.Reboot();
                else if (Virtual.Script.KeyNames.TryParse(word, out key)) Board.PressKey(key);
                else if (Virtual.Script.KeyNames.IsDigitRun(word)) foreach (char c in word) Board.PressKey(Key.D0 + (c - '0'));
                else throw new ArgumentException("not a key: " + word);
            }
            return this;
        }

        /// <summary>The screen is id and its lines contain every text; else throws with what it shows.</summary>
        public TerminalScript Expect(string id, params string[] shown)
        {
            string screen = Screen;
            bool ok = Board.ScreenId == id;
            foreach (string text in shown) ok &= screen.Contains(text, StringComparison.Ordinal);
            if (!ok) throw new InvalidOperationException("expected " + id + " showing '" + string.Join("', '", shown) + "', got " + Board.ScreenId + ":\n" + screen);
            return this;
        }

        /// <summary>A console line whose first output line starts with start; returns the output.</summary>
        public string[] Console(string line, string start)
        {
            string[] output = Board.SendConsoleLine(line);
            Board.Advance(SimBoard.LoopPeriodMicros);
            if (output.Length == 0 || !output[0].StartsWith(start, StringComparison.Ordinal))
                throw new InvalidOperationException("console '" + line + "': expected '" + start + "', got: " + string.Join(" | ", output));
            return output;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using PosTerminal.Firmware;
using PosTerminal.Hal;
using PosTerminal.Simulator.Flash;

namespace PosTerminal.Simulator.Script
{
    /// <summary>
    /// Runs a script against a board. Tokens: key names (see KeyNames), digit runs,
    /// 'wait N' (virtual seconds), 'reboot', 'screen', 'bindings', 'cut N' (power cut on
    /// the Nth flash operation from now, torn; 'reboot' powers on again). An unknown token
    /// stops the run with a message naming it and its line.
    /// </summary>
    public sealed class ScriptRunner
    {
        private readonly SimBoard _board;
        private readonly TextWriter _out;

        public ScriptRunner(SimBoard board, TextWriter output)
        {
            _board = board;
            _out = output;
        }

        /// <summary>Runs every token; returns 0, or 2 after the first bad token.</summary>
        public int Run(string source)
        {
            List<ScriptToken> tokens = ScriptReader.Tokenize(source);
            for (int i = 0; i < tokens.Count; i++)
            {
                string error = Step(tokens, ref i);
                if (error != null)
                {
                    _out.Flush();
                    Console.Error.WriteLine("script error, line " + tokens[i].Line + ": " + error);
                    return 2;
                }
            }
            return 0;
        }

        /// <summary>Executes tokens[i] (and any argument it takes); returns an error message or null.</summary>
        private string Step(List<ScriptToken> tokens, ref int i)
        {
            ScriptToken token = tokens[i];
            string word = token.Text.ToLowerInvariant();
            switch (word)
            {
                case "wait":
                    return Wait(tokens, ref i);
                case "reboot":
                    _board.Reboot();
                    return null;
                case "screen":
                    PrintScreen();
                    return null;
                case "bindings":
                    PrintBindings();
                    return null;
                case "cut":
                    return Cut(tokens, ref i);
            }
            Key key;
            if (KeyNames.TryParse(token.Text, out key))
            {
                _board.PressKey(key);
                return null;
            }
            if (KeyNames.IsDigitRun(token.Text))
            {
                foreach (char c in token.Text) _board.PressKey(Key.D0 + (c - '0'));
                return null;
            }
            return "unknown token '" + token.Text + "'";
        }

        private string Wait(List<ScriptToken> tokens, ref int i)
        {
            double seconds;
            if (i + 1 >= tokens.Count || !double.TryParse(tokens[i + 1].Text, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) || seconds < 0)
            {
                return "'wait' needs a number of seconds";
            }
            i++;
            _board.Advance((long)(seconds * 1000000));
            return null;
        }

        /// <summary>'cut N': the power dies on the Nth program word or erase from now, which is torn.</summary>
        private string Cut(List<ScriptToken> tokens, ref int i)
        {
            int ops;
            if (i + 1 >= tokens.Count || !int.TryParse(tokens[i + 1].Text, NumberStyles.None, CultureInfo.InvariantCulture, out ops) || ops < 1)
            {
                return "'cut' needs a number of flash operations (1 or more)";
            }
            i++;
            _board.Flash.ScheduleCut(ops, CutMode.Torn);
            return null;
        }

        private void PrintScreen()
        {
            _out.WriteLine("[" + _board.ScreenId + "]");
            foreach (string line in _board.ScreenLines())
            {
                _out.WriteLine(line.TrimEnd());
            }
        }

        private void PrintBindings()
        {
            string[] lines = Terminal.DescribeStoredBindings(_board.Flash.Snapshot());
            foreach (string line in lines) _out.WriteLine(line);
            _out.WriteLine("bindings: " + lines.Length);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using PosTerminal.Firmware;
using PosTerminal.Hal;
using PosTerminal.Virtual.Parts;
using PosTerminal.Virtual.Flash;

namespace PosTerminal.Virtual.Script
{
    /// <summary>
    /// Runs a script against a board. Tokens: key names (see KeyNames), digit runs,
    /// 'wait N' (virtual seconds), 'reboot', 'screen', 'bindings', 'swipe TRACK2',
    /// 'swipe-reverse TRACK2', 'swipe-noise TRACK2', 'console LINE' (the rest of the line,
    /// verbatim, to the maintenance console), 'cut N' (power cut on the Nth flash operation
    /// from now, torn; 'reboot' powers on again), 'net down' / 'net up' (cut and restore the fleet
    /// link). An unknown token or a bad argument
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

        /// <summary>The message of the error that stopped the last run ("line N: ..."), or null.</summary>
        public string LastError { get; private set; }

        /// <summary>Runs every token; returns 0, or 2 after the first bad token.</summary>
        public int Run(string source)
        {
            LastError = null;
            List<ScriptToken> tokens = ScriptReader.Tokenize(source);
            for (int i = 0; i < tokens.Count; i++)
            {
                string error = Step(tokens, ref i);
                if (error != null)
                {
                    _out.Flush();
                    LastError = "line " + tokens[i].Line + ": " + error;
                    Console.Error.WriteLine("script error, " + LastError);
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
                case "swipe":
                    return Swipe(tokens, ref i, false, false);
                case "swipe-reverse":
                    return Swipe(tokens, ref i, true, false);
                case "swipe-noise":
                    return Swipe(tokens, ref i, false, true);
                case "console":
                    return SendConsoleLine(tokens, ref i);
                case "cut":
                    return Cut(tokens, ref i);
                case "net":
                    return Net(tokens, ref i);
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

        /// <summary>
        /// 'swipe TRACK2' and its variants: the card goes through at the default speed, taking
        /// the swipe's virtual time plus the /CLS release. Noisy swipes are seeded by the
        /// board's swipe count, so a script replays the same way every run.
        /// </summary>
        private string Swipe(List<ScriptToken> tokens, ref int i, bool reverse, bool noisy)
        {
            ScriptToken token = tokens[i];
            string word = token.Text.ToLowerInvariant();
            if (i + 1 >= tokens.Count || tokens[i + 1].Line != token.Line)
                return "'" + word + "' needs track 2 data on the same line, e.g. " + word + " ;4000001234567899=30121010000000000?";
            string track = tokens[i + 1].Text;
            string problem = Track2Encoder.CheckTrack(track);
            if (problem != null) return "'" + word + " " + track + "': " + problem;
            i++;
            var options = new SwipeOptions
            {
                Reverse = reverse,
                Seed = _board.CardReader.Swipes + 1,
                Noise = noisy ? SwipeNoise.Typical() : null,
            };
            _board.Swipe(SwipeWaveform.Create(track, options));
            return null;
        }

        /// <summary>
        /// 'console LINE': sends the rest of the source line (verbatim, '#' included) to the
        /// console port, runs the board until the line is handled, and prints each output line
        /// as "console> …".
        /// </summary>
        private string SendConsoleLine(List<ScriptToken> tokens, ref int i)
        {
            ScriptToken token = tokens[i];
            while (i + 1 < tokens.Count && tokens[i + 1].Line == token.Line) i++;
            if (token.RestOfLine.Length == 0) return "'console' needs a line to send";
            foreach (string line in _board.SendConsoleLine(token.RestOfLine)) _out.WriteLine("console> " + line);
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

        /// <summary>'net down' / 'net up': cut or restore the fleet link (needs --broker).</summary>
        private string Net(List<ScriptToken> tokens, ref int i)
        {
            string state = i + 1 < tokens.Count ? tokens[i + 1].Text.ToLowerInvariant() : "";
            if (state != "down" && state != "up") return "'net' needs 'down' or 'up'";
            if (_board.FleetLink == null) return "'net " + state + "' needs a fleet link (--broker HOST:PORT)";
            i++;
            if (state == "down") _board.NetDown();
            else _board.NetUp();
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

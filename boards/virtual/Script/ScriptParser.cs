using System.Collections.Generic;
using System.Globalization;
using PosTerminal.Firmware;
using PosTerminal.Hal;
using PosTerminal.Virtual.Flash;
using PosTerminal.Virtual.Parts;

namespace PosTerminal.Virtual.Script
{
    /// <summary>
    /// Reads a whole script into steps before any of it runs, so a typo on the last line
    /// stops the run before the first key is pressed or the flash is written.
    /// Tokens (a contract: README, "Script tokens"): key names (see KeyNames), digit runs,
    /// 'wait N' (virtual seconds; in a fleet, paced by the wall clock: SimBoard.Wait), 'reboot', 'screen', 'bindings', 'swipe TRACK2',
    /// 'swipe-reverse TRACK2', 'swipe-noise TRACK2', 'cut N' (power cut on the Nth flash
    /// operation from then, torn), 'console LINE' (the rest of the line, its comment left
    /// out, to the maintenance console), 'net down' / 'net up' (cut and restore the fleet link),
    /// 'hold KEY N' (the key held down N virtual seconds), 'beeps' (the buzzer's tones since the last 'beeps').
    /// </summary>
    public static class ScriptParser
    {
        public static ParsedScript Parse(string source)
        {
            List<ScriptToken> tokens = ScriptReader.Tokenize(source);
            var steps = new List<ScriptStep>();
            for (int i = 0; i < tokens.Count; i++)
            {
                string error = ParseStep(tokens, ref i, steps);
                if (error != null) return new ParsedScript(new ScriptStep[0], "line " + tokens[i].Line + ": " + error);
            }
            return new ParsedScript(steps, null);
        }

        /// <summary>Reads tokens[i] (and any argument it takes) into steps; returns an error message or null.</summary>
        private static string ParseStep(List<ScriptToken> tokens, ref int i, List<ScriptStep> steps)
        {
            ScriptToken token = tokens[i];
            int line = token.Line;
            switch (token.Text.ToLowerInvariant())
            {
                case "wait": return Wait(tokens, ref i, steps);
                case "reboot": steps.Add(new ScriptStep(line, "reboot", (board, _) => board.Reboot())); return null;
                case "screen": steps.Add(new ScriptStep(line, "screen", PrintScreen)); return null;
                case "bindings": steps.Add(new ScriptStep(line, "bindings", PrintBindings)); return null;
                case "swipe": return Swipe(tokens, ref i, steps, false, false);
                case "swipe-reverse": return Swipe(tokens, ref i, steps, true, false);
                case "swipe-noise": return Swipe(tokens, ref i, steps, false, true);
                case "console": return Console(tokens, ref i, steps);
                case "cut": return Cut(tokens, ref i, steps);
                case "net": return Net(tokens, ref i, steps);
                case "hold": return Hold(tokens, ref i, steps);
                case "beeps": steps.Add(new ScriptStep(line, "beeps", PrintBeeps)); return null;
            }
            Key key;
            if (KeyNames.TryParse(token.Text, out key))
            {
                steps.Add(new ScriptStep(line, token.Text, (board, _) => board.PressKey(key)));
                return null;
            }
            if (KeyNames.IsDigitRun(token.Text))
            {
                foreach (char c in token.Text)
                {
                    Key digit = Key.D0 + (c - '0');
                    steps.Add(new ScriptStep(line, c.ToString(), (board, _) => board.PressKey(digit)));
                }
                return null;
            }
            return "unknown token '" + token.Text + "'";
        }

        private static string Wait(List<ScriptToken> tokens, ref int i, List<ScriptStep> steps)
        {
            double seconds;
            if (i + 1 >= tokens.Count || !double.TryParse(tokens[i + 1].Text, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds)
                || seconds < 0 || double.IsInfinity(seconds) || seconds > 1e6)
            {
                return "'wait' needs a number of seconds (0 to 1000000)";
            }
            i++;
            long micros = (long)(seconds * 1000000);
            steps.Add(new ScriptStep(tokens[i].Line, "wait " + tokens[i].Text, (board, _) => board.Wait(micros)));
            return null;
        }

        /// <summary>
        /// 'swipe TRACK2' and its variants: the card goes through at the default speed, taking
        /// the swipe's virtual time plus the /CLS release. Noisy swipes are seeded by the
        /// board's swipe count, so a script replays the same way every run.
        /// </summary>
        private static string Swipe(List<ScriptToken> tokens, ref int i, List<ScriptStep> steps, bool reverse, bool noisy)
        {
            ScriptToken token = tokens[i];
            string word = token.Text.ToLowerInvariant();
            if (i + 1 >= tokens.Count || tokens[i + 1].Line != token.Line)
                return "'" + word + "' needs track 2 data on the same line, e.g. " + word + " ;4000001234567899=30121010000000000?";
            string track = tokens[i + 1].Text;
            string problem = Track2Encoder.CheckTrack(track);
            if (problem != null) return "'" + word + " " + track + "': " + problem;
            i++;
            steps.Add(new ScriptStep(token.Line, word + " " + track, (board, _) => board.Swipe(CardSwipe(board, track, reverse, noisy))));
            return null;
        }

        /// <summary>The waveform of a scripted swipe (the interactive and web terminals use it too).</summary>
        public static SwipeWaveform CardSwipe(SimBoard board, string track, bool reverse, bool noisy)
        {
            var options = new SwipeOptions
            {
                Reverse = reverse,
                Seed = board.CardReader.Swipes + 1,
                Noise = noisy ? SwipeNoise.Typical() : null,
            };
            return SwipeWaveform.Create(track, options);
        }

        /// <summary>
        /// 'console LINE': the rest of the source line (its comment left out) goes to the
        /// console port; the board runs until the line is handled, and each output line is
        /// printed as "console> …".
        /// </summary>
        private static string Console(List<ScriptToken> tokens, ref int i, List<ScriptStep> steps)
        {
            ScriptToken token = tokens[i];
            while (i + 1 < tokens.Count && tokens[i + 1].Line == token.Line) i++;
            string sent = token.RestOfLine;
            if (sent.Length == 0) return "'console' needs a line to send";
            steps.Add(new ScriptStep(token.Line, "console " + sent, (board, output) =>
            {
                foreach (string written in board.SendConsoleLine(sent)) output.WriteLine("console> " + written);
            }));
            return null;
        }

        /// <summary>'cut N': the power dies on the Nth program word or erase from then, which is torn.</summary>
        private static string Cut(List<ScriptToken> tokens, ref int i, List<ScriptStep> steps)
        {
            int ops;
            if (i + 1 >= tokens.Count || !int.TryParse(tokens[i + 1].Text, NumberStyles.None, CultureInfo.InvariantCulture, out ops) || ops < 1)
            {
                return "'cut' needs a number of flash operations (1 or more)";
            }
            i++;
            steps.Add(new ScriptStep(tokens[i].Line, "cut " + ops, (board, _) => board.Flash.ScheduleCut(ops, CutMode.Torn)));
            return null;
        }

        /// <summary>'net down' / 'net up': the fleet link goes away and comes back (the board must have one: checked before the run).</summary>
        private static string Net(List<ScriptToken> tokens, ref int i, List<ScriptStep> steps)
        {
            string state = i + 1 < tokens.Count && tokens[i + 1].Line == tokens[i].Line ? tokens[i + 1].Text.ToLowerInvariant() : "";
            if (state != "down" && state != "up") return "'net' needs 'down' or 'up'";
            i++;
            bool down = state == "down";
            steps.Add(new ScriptStep(tokens[i].Line, "net " + state, (board, _) =>
            {
                if (down) board.NetDown();
                else board.NetUp();
            }, needsFleetLink: true));
            return null;
        }

        /// <summary>'hold KEY N': the key pressed and held N seconds (0.05 to 60), then released.</summary>
        private static string Hold(List<ScriptToken> tokens, ref int i, List<ScriptStep> steps)
        {
            ScriptToken token = tokens[i];
            Key key;
            double seconds;
            if (i + 2 >= tokens.Count || !KeyNames.TryParse(tokens[i + 1].Text, out key)
                || !double.TryParse(tokens[i + 2].Text, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds)
                || seconds < 0.05 || seconds > 60)
            {
                return "'hold' needs a key name and a number of seconds (0.05 to 60), e.g. hold CLEAR 1.2";
            }
            string text = "hold " + tokens[i + 1].Text + " " + tokens[i + 2].Text;
            i += 2;
            long micros = (long)(seconds * 1000000);
            steps.Add(new ScriptStep(token.Line, text, (board, _) => board.PressAndHold(key, micros)));
            return null;
        }

        private static void PrintBeeps(SimBoard board, System.IO.TextWriter output)
        {
            Tone[] tones = board.Buzzer.TakeNew();
            foreach (Tone tone in tones) output.WriteLine(tone.ToString());
            output.WriteLine("beeps: " + tones.Length);
        }

        private static void PrintScreen(SimBoard board, System.IO.TextWriter output)
        {
            output.WriteLine("[" + board.ScreenId + "]");
            foreach (string row in board.ScreenLines()) output.WriteLine(row.TrimEnd());
        }

        private static void PrintBindings(SimBoard board, System.IO.TextWriter output)
        {
            string[] lines = Terminal.DescribeStoredBindings(board.Flash.Snapshot());
            foreach (string row in lines) output.WriteLine(row);
            output.WriteLine("bindings: " + lines.Length);
        }
    }
}

using System;
using System.Collections.Generic;
using PosTerminal.Firmware.Text;
using PosTerminal.Hal;
using PosTerminal.Simulator.Flash;

namespace PosTerminal.Simulator.SecurityCheck
{
    /// <summary>
    /// An attacker at the keypad who guesses passwords as fast as the terminal lets them, for
    /// a number of hours of (virtual) powered time, and reboots the terminal at random moments
    /// (right after a guess, and while locked out) hoping to lose the failure count or the lock.
    /// A guess counts when the terminal compared it: the board's SHA-256 count rose during the
    /// ENTER (the stored password is a salted, iterated hash). Time is the terminal's uptime
    /// summed over power-ons: time switched off does not count down a lock, and gives no guesses.
    /// </summary>
    public sealed class BruteForce
    {
        public const string Password = "135790";
        private const long HourUs = 3600L * 1000000;

        private readonly Random _random;
        private readonly EventBoard _board;
        private readonly BruteForceReport _report = new BruteForceReport();
        private long _uptimeBeforeUs;

        private BruteForce(int seed)
        {
            _random = new Random(seed);
            _board = new EventBoard(new SimFlash());
            _board.LanguageOverride = Language.English;
            _board.PowerOn();
            _board.PressKeys("MENU 123456 ENTER " + Password + " ENTER " + Password + " ENTER ENTER CANCEL");
        }

        /// <summary>
        /// Attacks for hours of powered time. afterGuess: the chance of a reboot right after each
        /// compared guess; whileLocked: the chance per second of lockout of a reboot.
        /// </summary>
        public static BruteForceReport Run(double hours, int seed, double afterGuess, double whileLocked)
        {
            var attack = new BruteForce(seed);
            attack._report.Hours = hours;
            attack.Attack((long)(hours * HourUs), afterGuess, whileLocked);
            return attack._report;
        }

        private long NowUs { get { return _uptimeBeforeUs + _board.Clock.UptimeMicros; } }

        private void Attack(long durationUs, double afterGuess, double whileLocked)
        {
            long end = NowUs + durationUs;
            _report.StartUs = NowUs;
            while (NowUs < end)
            {
                string screen = _board.ScreenId;
                if (screen == "idle") _board.PressKey(Key.Menu);
                else if (screen != "login") _board.PressKey(screen == "message" ? Key.Enter : Key.Cancel);
                else if (_board.ScreenLines()[0].StartsWith("Login locked", StringComparison.Ordinal))
                {
                    if (_random.NextDouble() < whileLocked) Reboot();
                    else _board.Advance(1000000);
                }
                else
                {
                    Guess();
                    if (_random.NextDouble() < afterGuess) Reboot();
                }
            }
        }

        private void Guess()
        {
            string guess;
            do guess = _random.Next(1000000).ToString("D6"); while (guess == Password);
            _board.PressKeys(guess);
            long hashes = _board.Crypto.Hashes;
            _board.PressKey(Key.Enter);
            if (_board.Crypto.Hashes > hashes) _report.GuessTimesUs.Add(NowUs - _report.StartUs);
            if (_board.ScreenId == "settings") _report.Broken = true;
        }

        private void Reboot()
        {
            _uptimeBeforeUs += _board.Clock.UptimeMicros;
            _board.Reboot();
            _report.Reboots++;
        }
    }

    /// <summary>When the attacker's guesses were compared, and the figures the target is about.</summary>
    public sealed class BruteForceReport
    {
        private const long HourUs = 3600L * 1000000;

        public double Hours { get; set; }
        public long StartUs { get; set; }
        public int Reboots { get; set; }
        public int Cuts { get; set; }

        /// <summary>True if a guess got into settings (it must not: guesses are never the password).</summary>
        public bool Broken { get; set; }

        /// <summary>Powered time of each compared guess since the attack began.</summary>
        public List<long> GuessTimesUs { get; } = new List<long>();

        public int Guesses { get { return GuessTimesUs.Count; } }

        /// <summary>The most guesses in any one-hour window (sliding).</summary>
        public int MostInAnyHour
        {
            get
            {
                int most = 0;
                for (int first = 0, last = 0; first < GuessTimesUs.Count; first++)
                {
                    while (last < GuessTimesUs.Count && GuessTimesUs[last] < GuessTimesUs[first] + HourUs) last++;
                    most = Math.Max(most, last - first);
                }
                return most;
            }
        }

        /// <summary>Guesses per hour after the first hour (the sustained rate).</summary>
        public double SustainedPerHour
        {
            get
            {
                int later = 0;
                foreach (long t in GuessTimesUs) if (t >= HourUs) later++;
                return Hours > 1 ? later / (Hours - 1) : 0;
            }
        }

        public override string ToString()
        {
            return Guesses + " guesses in " + Hours + " h, most in any hour " + MostInAnyHour + ", sustained "
                + SustainedPerHour.ToString("0.00") + "/h after the first hour, " + Reboots + " reboots, " + Cuts + " cuts";
        }
    }
}

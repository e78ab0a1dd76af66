using System;
using System.Collections.Generic;
using PosTerminal.Firmware.Text;
using PosTerminal.Hal;
using PosTerminal.Virtual.Flash;

using PosTerminal.Virtual;

namespace PosTerminal.Tools.Checks.Security
{
    /// <summary>
    /// An attacker at the keypad who guesses passwords as fast as the terminal lets them, for
    /// a number of hours of (virtual) powered time, and reboots the terminal at random moments
    /// (right after a guess, and while locked out) hoping to lose the failure count or the lock.
    /// It may also cut the power right after the ENTER (on one of the next few flash
    /// operations, the write torn), hoping the terminal compares the guess but never records it.
    /// A guess counts when the terminal compared it: the board's HMAC count rose during the
    /// ENTER (the stored password is a PBKDF2-HMAC-SHA256 key). Time is the terminal's uptime
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

        /// <summary>The flash operations after ENTER a cut may land on (a login attempt commits the guard and an audit entry or two).</summary>
        public const int CutWindow = 40;

        private double _cutAfterEnter;

        /// <summary>
        /// Attacks for hours of powered time. afterGuess: the chance of a reboot right after each
        /// compared guess; whileLocked: the chance per second of lockout of a reboot;
        /// cutAfterEnter: the chance of a power cut on one of the CutWindow flash operations after each ENTER.
        /// </summary>
        public static BruteForceReport Run(double hours, int seed, double afterGuess, double whileLocked, double cutAfterEnter = 0)
        {
            var attack = new BruteForce(seed);
            attack._report.Hours = hours;
            attack._cutAfterEnter = cutAfterEnter;
            attack.Attack((long)(hours * HourUs), afterGuess, whileLocked);
            return attack._report;
        }

        /// <summary>
        /// Cuts the power on each of the first CutWindow flash operations after a wrong guess's
        /// ENTER, in each cut mode, on a fresh terminal each time; after powering on again, a
        /// guess that was compared must have been counted. Returns the cases where it was not.
        /// </summary>
        public static CutReport FreeTriesFromCuts()
        {
            var report = new CutReport();
            foreach (CutMode mode in new[] { CutMode.Before, CutMode.Torn, CutMode.After })
            {
                for (int op = 1; op <= CutWindow; op++)
                {
                    var attack = new BruteForce(op);
                    attack._board.PressKeys("MENU 97531864");
                    int failedBefore = attack._board.Terminal.Security.Guard.FailedCount;
                    long hashes = attack._board.Crypto.Hmacs;
                    attack._board.Flash.ScheduleCut(op, mode);
                    attack._board.PressKey(Key.Enter);
                    bool compared = attack._board.Crypto.Hmacs > hashes;
                    bool cut = !attack._board.PoweredOn;
                    attack._board.Reboot();
                    int failedAfter = attack._board.Terminal.Security.Guard.FailedCount;
                    report.Cases++;
                    if (cut) report.Cuts++;
                    if (compared) report.Compared++;
                    if (compared && failedAfter <= failedBefore)
                        report.FreeTries.Add(mode + " cut on operation " + op + ": compared but not counted");
                }
            }
            return report;
        }

        private long NowUs { get { return _uptimeBeforeUs + _board.Clock.UptimeMicros; } }

        private void Attack(long durationUs, double afterGuess, double whileLocked)
        {
            long end = NowUs + durationUs;
            _report.StartUs = NowUs;
            while (NowUs < end)
            {
                string screen = _board.ScreenId;
                if (!_board.PoweredOn) PowerBackOn();
                else if (screen == "idle") _board.PressKey(Key.Menu);
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
            long hashes = _board.Crypto.Hmacs;
            if (_random.NextDouble() < _cutAfterEnter) _board.Flash.ScheduleCut(_random.Next(1, CutWindow + 1));
            _board.PressKey(Key.Enter);
            if (!_board.PoweredOn) PowerBackOn();
            if (_board.Crypto.Hmacs > hashes) _report.GuessTimesUs.Add(NowUs - _report.StartUs);
            if (_board.ScreenId == "settings") _report.Broken = true;
        }

        /// <summary>After a cut: the power comes back (a pending cut that did not land is dropped).</summary>
        private void PowerBackOn()
        {
            _uptimeBeforeUs += _board.Clock.UptimeMicros;
            _board.PowerOn();
            _report.Cuts++;
        }

        private void Reboot()
        {
            _uptimeBeforeUs += _board.Clock.UptimeMicros;
            _board.Reboot();
            _report.Reboots++;
        }
    }

    /// <summary>Power cuts right after a guess: how many were compared, and any that were not counted.</summary>
    public sealed class CutReport
    {
        public int Cases { get; set; }
        public int Cuts { get; set; }
        public int Compared { get; set; }
        public List<string> FreeTries { get; } = new List<string>();

        public override string ToString()
        {
            return Cases + " cut points (" + Cuts + " cuts happened), " + Compared + " guesses compared, " + FreeTries.Count + " free tries";
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

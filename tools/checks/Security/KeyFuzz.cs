using System;
using System.Collections.Generic;
using System.Diagnostics;
using PosTerminal.Firmware;
using PosTerminal.Firmware.Text;
using PosTerminal.Hal;
using PosTerminal.Virtual.Flash;

using PosTerminal.Virtual;

namespace PosTerminal.Tools.Checks.Security
{
    /// <summary>
    /// Random keys (seeded) on the fast EventBoard, with random reboots and idle waits, checking
    /// after every step that:
    /// - nothing throws;
    /// - no screen behind the login is shown unless the password was entered in this session
    ///   (the fuzzer models what it typed on the login screen; a session ends on idle, login,
    ///   locked or a reboot);
    /// - the number of bindings only drops on ENTER on deregister-password (after the password again).
    ///
    /// To get past the login, the fuzzer sometimes types the password it knows (it learns a new
    /// one when a change-password submission is followed by a new stored hash); everything else
    /// is random, so wrong passwords, lockouts, bad entries and deregistrations all happen.
    /// </summary>
    public sealed class KeyFuzz
    {
        public const string InitialPassword = "135790";

        /// <summary>Screens that need an open session: settings and every screen reached from it, and the forced change after the factory password.</summary>
        public static readonly string[] BehindLogin =
        {
            "settings", "bindings", "new-binding", "binding-entry", "card-entry", "binding-review", "binding",
            "deregister-confirm", "deregister-password", "change-password", "language", "device-info", "audit-log", "password-age", "buzzer",
            "reactivate-password"
        };

        /// <summary>
        /// Every other screen the firmware has, shown without a session too: idle, login, locked,
        /// a message (a wrong password), Checking..., the system error and service screens, and
        /// the session warning (it also comes over the login screen, which times out). Together
        /// with BehindLogin: every screen id in Firmware/Ui (KeyFuzzTests keeps them so).
        /// </summary>
        public static readonly string[] OutsideLogin =
        {
            "idle", "login", "locked", "message", "checking", "system-error", "service", "session-warning"
        };

        private static readonly Key[] RandomKeys =
        {
            Key.D0, Key.D1, Key.D2, Key.D3, Key.D4, Key.D5, Key.D6, Key.D7, Key.D8, Key.D9,
            Key.D0, Key.D1, Key.D2, Key.D3, Key.D4, Key.D5, Key.D6, Key.D7, Key.D8, Key.D9,
            Key.Enter, Key.Enter, Key.Enter, Key.Enter, Key.Cancel, Key.Clear, Key.Up, Key.Down,
            Key.Menu, Key.Menu, Key.Star, Key.Hash, Key.Fn
        };

        private readonly Random _random;
        private readonly EventBoard _board;
        private readonly FuzzReport _report = new FuzzReport();
        private string _password = Firmware.Security.PasswordPolicy.FactoryPassword;
        private string _loginTyped = string.Empty;
        private string _changeTyped = string.Empty;
        private string _lastChangeSubmitted;
        private bool _inSession;
        private string _screen;

        /// <summary>A fresh board with the password set to InitialPassword, on idle, before any random key.</summary>
        public KeyFuzz(int seed)
        {
            _random = new Random(seed);
            _board = new EventBoard(new SimFlash());
            _board.LanguageOverride = Language.English;
            _board.PowerOn();
            _report.Seed = seed;
            FirstLogin();
        }

        public EventBoard Board { get { return _board; } }

        public FuzzReport Report { get { return _report; } }

        /// <summary>Presses keys random keys (after a first login that sets InitialPassword) and reports what happened.</summary>
        public static FuzzReport Run(long keys, int seed)
        {
            var watch = Stopwatch.StartNew();
            var fuzz = new KeyFuzz(seed);
            fuzz.Loop(keys);
            fuzz._report.Elapsed = watch.Elapsed;
            return fuzz._report;
        }

        private void FirstLogin()
        {
            Type("MENU 123456 ENTER " + InitialPassword + " ENTER " + InitialPassword + " ENTER ENTER CANCEL");
        }

        /// <summary>Key names and digit runs, each key checked as a random one is.</summary>
        private void Type(string names)
        {
            foreach (string word in names.Split(' '))
            {
                Key key;
                if (PosTerminal.Virtual.Script.KeyNames.TryParse(word, out key)) Press(key);
                else foreach (char c in word) Press(Key.D0 + (c - '0'));
            }
        }

        private void Loop(long keys)
        {
            while (_report.Keys < keys && _report.Violations.Count == 0)
            {
                int roll = _random.Next(10000);
                if (roll < 5) Reboot();
                else if (roll < 7) Wait(Terminal.SessionTimeoutMs / 1000 + 1);
                else if (_board.ScreenId == "login" && LoginLocked && roll < 100) Wait(_board.Terminal.Security.Guard.RemainingLockMs / 1000 + 1);
                else if (_board.ScreenId == "login" && _loginTyped.Length == 0 && roll < 6000) Type(_password + " ENTER");
                else if (_board.ScreenId == "deregister-password" && roll < 3000) Type(_password + " ENTER");
                else Press(RandomKeys[_random.Next(RandomKeys.Length)]);
            }
        }

        /// <summary>Presses one key and checks the rules after it.</summary>
        public void Press(Key key)
        {
            string before = _board.ScreenId;
            int bindings = _board.Terminal.Bindings.Count;
            object passwordBefore = _board.Terminal.Security.Password.Current;
            try
            {
                _board.PressKey(key);
            }
            catch (Exception e)
            {
                Violation("exception after " + Name(key) + " on " + before + ": " + e.GetType().Name + ": " + e.Message);
                return;
            }
            _report.Keys++;
            string after = _board.ScreenId;
            ModelLogin(before, key, after);
            ModelPasswordChange(before, key, after, passwordBefore);
            CheckBindings(before, key, bindings);
            CheckSession(after, Name(key) + " on " + before);
        }

        private bool LoginLocked { get { return _board.Terminal.Security.Guard.IsLocked; } }

        /// <summary>
        /// A key on the session warning does nothing but keep the session: the screen under it
        /// (an entry included) is as it was.
        /// </summary>
        private static bool Swallowed(string before)
        {
            return before == "session-warning";
        }

        /// <summary>
        /// A digit or CLEAR typed over a message that goes back to the entry screen 'entry' goes
        /// into that entry (MessageScreen), which was emptied when it showed the message.
        /// </summary>
        private static bool TypedOverMessage(string before, Key key, string after, string entry)
        {
            return before == "message" && after == entry && ((key >= Key.D0 && key <= Key.D9) || key == Key.Clear);
        }

        /// <summary>What the fuzzer typed on the login screen (digits up to 12, CLEAR, ENTER), and whether ENTER opened a session.</summary>
        private void ModelLogin(string before, Key key, string after)
        {
            if (Swallowed(before)) return;
            bool overMessage = TypedOverMessage(before, key, after, "login");
            if (before != "login" || overMessage) _loginTyped = string.Empty;
            if (before != "login" && !overMessage) return;
            // Digits are refused while logins are locked out; checked after the key, at the time it was handled.
            bool locked = LoginLocked;
            if (key >= Key.D0 && key <= Key.D9 && !locked && _loginTyped.Length < 12) _loginTyped += (char)('0' + (key - Key.D0));
            else if (key == Key.Clear && !locked && _loginTyped.Length > 0) _loginTyped = _loginTyped.Substring(0, _loginTyped.Length - 1);
            else if (key == Key.Enter)
            {
                if (_loginTyped == _password && after != "login")
                {
                    _inSession = true;
                    _report.Logins++;
                }
                _loginTyped = string.Empty;
            }
        }

        /// <summary>Learns the new password: the last entry submitted on change-password when a new hash appears.</summary>
        private void ModelPasswordChange(string before, Key key, string after, object passwordBefore)
        {
            bool overMessage = TypedOverMessage(before, key, after, "change-password");
            if (overMessage) _changeTyped = string.Empty;
            if (Swallowed(before))
            {
                // The warning keeps the entry as it was.
            }
            else if (before == "change-password" || overMessage)
            {
                if (key >= Key.D0 && key <= Key.D9 && _changeTyped.Length < 12) _changeTyped += (char)('0' + (key - Key.D0));
                else if (key == Key.Clear && _changeTyped.Length > 0) _changeTyped = _changeTyped.Substring(0, _changeTyped.Length - 1);
                else if (key == Key.Enter || key == Key.Cancel)
                {
                    if (key == Key.Enter) _lastChangeSubmitted = _changeTyped;
                    _changeTyped = string.Empty;
                }
            }
            else
            {
                _changeTyped = string.Empty;
            }
            if (!ReferenceEquals(passwordBefore, _board.Terminal.Security.Password.Current))
            {
                _password = _lastChangeSubmitted;
                _report.PasswordChanges++;
            }
        }

        private void CheckBindings(string before, Key key, int countBefore)
        {
            int count = _board.Terminal.Bindings.Count;
            if (count > countBefore) _report.BindingsAdded++;
            if (count >= countBefore) return;
            _report.Deregistrations++;
            if (before != "deregister-password" || key != Key.Enter)
            {
                Violation("a binding disappeared after " + Name(key) + " on " + before);
            }
        }

        private void CheckSession(string screen, string step)
        {
            if (screen == "idle" || screen == "login" || screen == "locked") _inSession = false;
            if (Array.IndexOf(BehindLogin, screen) < 0) return;
            if (screen != _screen) _report.ScreensBehindLogin.Add(screen);
            _screen = screen;
            if (!_inSession) Violation(screen + " shown without the password in this session, after " + step);
        }

        private void Reboot()
        {
            _board.Reboot();
            _report.Reboots++;
            _inSession = false;
            _loginTyped = string.Empty;
            CheckSession(_board.ScreenId, "a reboot");
        }

        private void Wait(long seconds)
        {
            _board.Advance(seconds * 1000000);
            _report.Waits++;
            CheckSession(_board.ScreenId, "a wait of " + seconds + " s");
        }

        private void Violation(string what)
        {
            _report.Violations.Add("key " + _report.Keys + " (seed " + _report.Seed + "): " + what);
        }

        private static string Name(Key key)
        {
            return key >= Key.D0 && key <= Key.D9 ? ((char)('0' + (key - Key.D0))).ToString() : key.ToString().ToUpperInvariant();
        }
    }

    /// <summary>What a KeyFuzz run did and found.</summary>
    public sealed class FuzzReport
    {
        public int Seed { get; set; }
        public long Keys { get; set; }
        public int Reboots { get; set; }
        public int Waits { get; set; }
        public int Logins { get; set; }
        public int PasswordChanges { get; set; }
        public int BindingsAdded { get; set; }
        public int Deregistrations { get; set; }
        public HashSet<string> ScreensBehindLogin { get; } = new HashSet<string>();
        public List<string> Violations { get; } = new List<string>();
        public TimeSpan Elapsed { get; set; }

        public override string ToString()
        {
            return Keys + " keys, " + Reboots + " reboots, " + Waits + " waits, " + Logins + " logins, "
                + PasswordChanges + " password changes, " + BindingsAdded + " bindings added, " + Deregistrations
                + " deregistered, screens behind the login: " + ScreensBehindLogin.Count + ", violations: " + Violations.Count
                + ", " + Elapsed.TotalSeconds.ToString("0.0") + " s";
        }
    }
}

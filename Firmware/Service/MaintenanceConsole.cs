using PosTerminal.Firmware.Audit;
using PosTerminal.Firmware.Fleet;
using PosTerminal.Firmware.Security;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Service
{
    /// <summary>
    /// The technician's line console, independent of its transport (the UART on the device,
    /// the script token and a loopback TCP port in the simulator): lines in through
    /// IConsolePort, lines out. Errors start with "error: " and change nothing.
    ///
    /// Secrets never appear in output: codes are not echoed, hashes are not printed, cards
    /// are masked (the terminal's IStatusSource and IBackupSource must mask them too).
    ///
    /// On a terminal locked as lost or stolen only help, status, log, lock (it says so) and
    /// unlock run.
    ///
    /// factory-reset asks for confirmation: "factory-reset" explains and arms it; the very
    /// next line must be "factory-reset confirm". Any other line disarms it (and runs as
    /// usual); "factory-reset confirm" without arming first is refused.
    ///
    /// backup prints several lines (BackupLines), none longer than the console takes; restore
    /// is a conversation (RestoreDialog): `restore [foreign]`, the lines, a preview, then
    /// `restore confirm`.
    /// </summary>
    public sealed class MaintenanceConsole
    {
        /// <summary>Lines handled per Poll, so a pasted flood cannot stall the keypad.</summary>
        public const int LinesPerPoll = 4;

        private readonly IConsolePort _port;
        private readonly SecurityServices _security;
        private readonly BackupService _backup;
        private readonly IStatusSource _status;
        private readonly IFactoryReset _reset;
        private readonly ConsoleCommand[] _commands;
        private readonly RestoreDialog _restore;
        private bool _resetArmed;

        /// <summary>status and reset may be null (their parts report "not available").</summary>
        public MaintenanceConsole(IConsolePort port, SecurityServices security, BackupService backup,
            IStatusSource status, IFactoryReset reset)
        {
            _port = port;
            _security = security;
            _backup = backup;
            _status = status;
            _reset = reset;
            _restore = new RestoreDialog(port, backup, security.Clock);
            _commands = new ConsoleCommand[]
            {
                new ConsoleCommand("help", "help", "this list", true, Help),
                new ConsoleCommand("status", "status", "lock, lockout, clock, boot and audit state", true, Status),
                new ConsoleCommand("bindings", "bindings", "the bindings, card numbers masked", false, Bindings),
                new ConsoleCommand("log", "log [N]", "the newest N audit entries (default all)", true, Log),
                new ConsoleCommand("lock", "lock [REASON]", "lock as lost or stolen (needs an unlock code set)", true, Lock),
                new ConsoleCommand("unlock", "unlock CODE", "unlock with the technician code", true, Unlock),
                new ConsoleCommand("set-unlock-code", "set-unlock-code [CURRENT] NEW", "set (or change) the unlock code: 8-16 digits", false, SetUnlockCode),
                new ConsoleCommand("set-fleet-key", "set-fleet-key [CURRENT] NEW", "set (or change) the fleet key: 64 hex digits, never shown", false, SetFleetKey),
                new ConsoleCommand("set-time", "set-time YYYY-MM-DDTHH:MM:SSZ", "set the wall clock (UTC)", false, SetTime),
                new ConsoleCommand("factory-reset", "factory-reset", "erase bindings, settings, password (asks to confirm)", false, FactoryReset),
                new ConsoleCommand("backup", "backup", "print the backup (several JSON lines, cards truncated, with a MAC)", false, Backup),
                new ConsoleCommand("restore", "restore [foreign|confirm]", "then paste the backup lines: shows what would change; confirm applies it", false, Restore),
            };
        }

        public ConsoleCommand[] Commands { get { return _commands; } }

        /// <summary>The fleet agent's guard, for set-fleet-key; null when the terminal has no fleet link.</summary>
        public CommandGuard FleetKeys { get; set; }
        /// <summary>The restore conversation (its PendingPlan is what `restore confirm` would apply).</summary>
        public RestoreDialog RestoreDialog { get { return _restore; } }

        /// <summary>Main loop: handles up to LinesPerPoll waiting lines.</summary>
        public void Poll()
        {
            _restore.Poll();
            string line;
            for (int i = 0; i < LinesPerPoll && _port.TryReadLine(out line); i++)
            {
                Execute(line);
            }
        }

        /// <summary>Handles one input line.</summary>
        public void Execute(string line)
        {
            string text = line == null ? string.Empty : line.Trim();
            if (text.Length == 0) return;
            // Backup lines go to the restore before any parsing: they are long, and walking a
            // string by index is slow on nanoCLR.
            if (text[0] == '{')
            {
                DisarmReset();
                _restore.Takes(text, false);
                return;
            }
            string name = text;
            string argument = string.Empty;
            int space = IndexOfSpace(text);
            if (space > 0)
            {
                name = text.Substring(0, space);
                argument = text.Substring(space + 1).Trim();
            }
            name = name.ToLower();
            _restore.Takes(text, name == "restore" && argument == "confirm");

            if (!(name == "factory-reset" && argument == "confirm")) DisarmReset();
            ConsoleCommand command = Find(name);
            if (command == null)
            {
                // Echo the word only when it has no digit: a code typed on its own must not come back.
                Write(HasDigit(name) ? "error: unknown command; type help" : "error: unknown command '" + AsciiText.Clean(name, 24) + "'; type help");
                return;
            }
            if (_security.Lock.IsLocked && !command.AllowedWhileLocked)
            {
                Write("error: terminal locked; only help, status, log and unlock work");
                return;
            }
            command.Handler(argument);
        }

        /// <summary>
        /// "Back up first" (deregister screen): writes a backup only when the port reports a
        /// listener. The command layer adds: and a technician is logged in.
        /// </summary>
        public BackupOutcome WriteBackup()
        {
            if (_backup == null) return BackupOutcome.Unavailable;
            return _backup.WriteTo(_port);
        }

        private void DisarmReset()
        {
            if (!_resetArmed) return;
            _resetArmed = false;
            Write("factory reset cancelled");
        }

        private ConsoleCommand Find(string name)
        {
            for (int i = 0; i < _commands.Length; i++)
            {
                if (_commands[i].Name == name) return _commands[i];
            }
            return null;
        }

        private void Help(string argument)
        {
            for (int i = 0; i < _commands.Length; i++)
            {
                Write(_commands[i].Usage.PadRight(32) + " " + _commands[i].Help);
            }
        }

        private void Status(string argument)
        {
            TerminalLock terminalLock = _security.Lock;
            if (terminalLock.IsLocked)
            {
                string by = TerminalLock.SourceName(terminalLock.Source);
                Write("terminal: locked (" + by + (terminalLock.Reason.Length > 0 ? ": " + terminalLock.Reason : "") + ")");
            }
            else
            {
                Write("terminal: unlocked");
            }
            Write("unlock code: " + (terminalLock.HasUnlockCode ? "set" : "not set"));
            LoginGuard guard = _security.Guard;
            long lockMs = guard.RemainingLockMs;
            Write("login lockout: " + (lockMs > 0 ? LoginGuard.FormatRemaining(lockMs) + " left" : "none")
                + " (failed tries " + guard.FailedCount.ToString() + ")");
            long unlockMs = terminalLock.UnlockRetryMs;
            if (unlockMs > 0) Write("unlock code lockout: " + LoginGuard.FormatRemaining(unlockMs) + " left");
            Write("boot: " + _security.Boot.Count.ToString());
            IClock clock = _security.Clock;
            Write("wall clock: " + (clock.WallClockKnown ? UtcTime.Format(UtcTime.ToUnixSeconds(clock.UtcNow)) : "unknown"));
            long age = _security.Policy.PasswordAgeDays;
            int maxAge = _security.Policy.MaxAgeDays;
            Write("password age: " + (age >= 0 ? age.ToString() + " days" : "unknown")
                + (maxAge > 0 ? " (reminder after " + maxAge.ToString() + ")" : " (no reminder)"));
            AuditLog audit = _security.Audit;
            Write("audit: " + audit.Count.ToString() + " entries, " + audit.Dropped.ToString() + " dropped");
            if (_status == null) return;
            string[] lines = _status.StatusLines();
            for (int i = 0; i < lines.Length; i++) Write(lines[i]);
        }

        private void Bindings(string argument)
        {
            if (_status == null)
            {
                Write("error: bindings not available on this terminal");
                return;
            }
            string[] lines = _status.BindingLines();
            for (int i = 0; i < lines.Length; i++) Write(lines[i]);
            Write("bindings: " + lines.Length.ToString());
        }

        private void Log(string argument)
        {
            int max = AuditLog.Capacity;
            if (argument.Length > 0 && (!int.TryParse(argument, out max) || max < 1 || max > AuditLog.Capacity))
            {
                Write("error: log takes a number of entries, 1-" + AuditLog.Capacity.ToString());
                return;
            }
            string[] lines = _security.Audit.ConsoleLines(max);
            for (int i = 0; i < lines.Length; i++) Write(lines[i]);
            Write("entries: " + lines.Length.ToString());
        }

        private void Lock(string argument)
        {
            string reason = argument.Length > 0 ? argument : "console";
            switch (_security.Lock.Lock(LockSource.Console, reason))
            {
                case LockResult.Locked: Write("ok: terminal locked"); break;
                case LockResult.AlreadyLocked: Write("error: already locked"); break;
                default: Write("error: no unlock code set; set one first with set-unlock-code"); break;
            }
        }

        private void Unlock(string argument)
        {
            if (argument.Length == 0 || IndexOfSpace(argument) >= 0)
            {
                Write("error: usage: unlock CODE");
                return;
            }
            switch (_security.Lock.Unlock(LockSource.Console, argument))
            {
                case UnlockResult.Unlocked: Write("ok: terminal unlocked"); break;
                case UnlockResult.NotLocked: Write("error: terminal is not locked"); break;
                case UnlockResult.WrongCode: Write("error: wrong unlock code"); break;
                case UnlockResult.TryLater: Write("error: too many wrong codes; try again in " + LoginGuard.FormatRemaining(_security.Lock.UnlockRetryMs)); break;
                default: Write("error: no unlock code set"); break;
            }
        }

        private void SetUnlockCode(string argument)
        {
            string[] words = Words(argument);
            if (words.Length < 1 || words.Length > 2)
            {
                Write("error: usage: set-unlock-code NEW (first time) or set-unlock-code CURRENT NEW");
                return;
            }
            string current = words.Length == 2 ? words[0] : null;
            string next = words[words.Length - 1];
            SecretProblem problem;
            switch (_security.Lock.SetUnlockCode(current, next, out problem))
            {
                case UnlockCodeResult.Set: Write("ok: unlock code set"); break;
                case UnlockCodeResult.WeakCode: Write("error: weak code: " + Describe(problem)); break;
                case UnlockCodeResult.CurrentCodeRequired: Write("error: a code is already set; use set-unlock-code CURRENT NEW"); break;
                case UnlockCodeResult.WrongCurrentCode: Write("error: wrong current code"); break;
                case UnlockCodeResult.TryLater: Write("error: too many wrong codes; try again in " + LoginGuard.FormatRemaining(_security.Lock.UnlockRetryMs)); break;
                default: Write("error: terminal locked"); break;
            }
        }

        /// <summary>
        /// set-fleet-key NEW (first time) or CURRENT NEW: the per-terminal key that fleet
        /// commands are MACed with. Neither key is ever echoed, in errors neither. Refused while
        /// locked (whoever holds a locked terminal must not take the fleet's control away).
        /// TODO(security lead): route through the command layer and require the technician login.
        /// </summary>
        private void SetFleetKey(string argument)
        {
            if (FleetKeys == null)
            {
                Write("error: this terminal has no fleet link");
                return;
            }
            string[] words = Words(argument);
            if (words.Length < 1 || words.Length > 2)
            {
                Write("error: usage: set-fleet-key NEW (first time) or set-fleet-key CURRENT NEW; a key is 64 hex digits");
                return;
            }
            byte[] current = words.Length == 2 ? FleetHex.Parse(words[0], CommandGuard.KeyBytes) : null;
            byte[] next = FleetHex.Parse(words[words.Length - 1], CommandGuard.KeyBytes);
            if (next == null || (words.Length == 2 && current == null))
            {
                Write("error: a fleet key is 64 hex digits (32 bytes)");
                return;
            }
            switch (FleetKeys.SetKey(current, next))
            {
                case FleetKeyResult.Set: Write("ok: fleet key set; the command sequence starts again"); break;
                case FleetKeyResult.CurrentKeyRequired: Write("error: a fleet key is already set; use set-fleet-key CURRENT NEW"); break;
                case FleetKeyResult.WrongCurrentKey: Write("error: wrong current fleet key"); break;
                case FleetKeyResult.StoreFull: Write("error: store full; nothing changed"); break;
                default: Write("error: a fleet key is 64 hex digits (32 bytes)"); break;
            }
        }

        private void SetTime(string argument)
        {
            long unix;
            if (!UtcTime.TryParseIso(argument, out unix))
            {
                Write("error: time must be UTC as YYYY-MM-DDTHH:MM:SSZ (e.g. 2026-11-25T10:00:00Z), years "
                    + UtcTime.MinYear.ToString() + "-" + UtcTime.MaxYear.ToString());
                return;
            }
            _security.SetWallClock(unix);
            Write("ok: wall clock set to " + UtcTime.Format(unix));
        }

        private void FactoryReset(string argument)
        {
            if (argument.Length == 0)
            {
                _resetArmed = true;
                Write("factory reset erases all bindings, settings and the password (back to 123456);");
                Write("the unlock code and the audit log are kept. Type 'factory-reset confirm' to go on.");
                return;
            }
            if (argument != "confirm")
            {
                Write("error: usage: factory-reset, then factory-reset confirm");
                return;
            }
            if (!_resetArmed)
            {
                Write("error: type factory-reset first, then factory-reset confirm");
                return;
            }
            _resetArmed = false;
            if (_reset != null) _reset.EraseOperatorData();
            _security.FactoryReset();
            Write(_reset != null ? "ok: factory reset done" : "ok: security state reset; operator data not available on this terminal");
        }

        private void Backup(string argument)
        {
            string problem = _backup == null ? "backup not available on this terminal" : _backup.Print(_port);
            if (problem != null) Write("error: " + problem);
        }

        private void Restore(string argument)
        {
            if (argument.Length == 0) _restore.Start(false);
            else if (argument == "foreign") _restore.Start(true);
            else if (argument == "confirm") _restore.Confirm();
            else Write("error: usage: restore (or restore foreign for another terminal's backup), then paste the backup lines; then restore confirm");
        }

        private static string Describe(SecretProblem problem)
        {
            switch (problem)
            {
                case SecretProblem.NotDigits: return "digits only";
                case SecretProblem.TooShort: return "at least " + TerminalLock.MinCodeLength.ToString() + " digits";
                case SecretProblem.TooLong: return "at most " + TerminalLock.MaxCodeLength.ToString() + " digits";
                case SecretProblem.AllSameDigit: return "not all one digit";
                case SecretProblem.Run: return "not an ascending or descending run";
                case SecretProblem.SameAsPrevious: return "must differ from the current code";
                default: return "refused";
            }
        }

        private static bool HasDigit(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] >= '0' && text[i] <= '9') return true;
            }
            return false;
        }

        private static int IndexOfSpace(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] == ' ' || text[i] == '\t') return i;
            }
            return -1;
        }

        private static string[] Words(string text)
        {
            string[] parts = text.Split(' ');
            int n = 0;
            for (int i = 0; i < parts.Length; i++) if (parts[i].Length > 0) n++;
            string[] words = (string[])RefArrays.Nulls(new string[n]);
            n = 0;
            for (int i = 0; i < parts.Length; i++) if (parts[i].Length > 0) words[n++] = parts[i];
            return words;
        }

        private void Write(string line)
        {
            _port.WriteLine(line);
        }
    }
}

using PosTerminal.Firmware.Audit;
using PosTerminal.Firmware.Commands;
using PosTerminal.Firmware.Fleet;
using PosTerminal.Firmware.Security;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Service
{
    /// <summary>
    /// The technician's line console, independent of its transport (the UART on the device,
    /// the script token and a loopback TCP port in the simulator): lines in through
    /// IConsolePort, lines out. It parses lines and prints answers; who may run what, and the
    /// audit entries, are the command layer's (TerminalCommands, Authorization.Rules).
    ///
    /// Without `login CODE` only help, status (without identifiers) and login run; every other
    /// line answers exactly "error: login first" and changes nothing. Errors start with
    /// "error: " and change nothing. Secrets never appear in output: codes are not echoed,
    /// hashes are not printed, cards are masked.
    ///
    /// factory-reset asks for confirmation: "factory-reset" explains and arms it; the very
    /// next line must be "factory-reset confirm". Any other line disarms it (and runs as
    /// usual); "factory-reset confirm" without arming first is refused.
    ///
    /// backup prints several lines (BackupLines), none longer than the console takes; restore
    /// is a conversation (RestoreDialog): `restore [foreign]`, the lines, a preview, then
    /// `restore confirm`.
    /// </summary>
    public sealed class MaintenanceConsole : IConsoleSink
    {
        /// <summary>Lines handled per Poll, so a pasted flood cannot stall the keypad.</summary>
        public const int LinesPerPoll = 4;

        public const string LoginFirst = "error: login first";
        /// <summary>
        /// A command refused while locked. The list is what Authorization.Rules lets a logged-in
        /// technician run while locked (lock runs too, but only answers "already locked").
        /// </summary>
        public const string LockedRefusal = "error: terminal locked (lost or stolen); only help, status, log, login, logout and unlock work."
            + " To unlock: unlock CODE here, the unlock code on its keypad, or the fleet's unlock";

        /// <summary>LockedRefusal while the stored unlock code is damaged: set-unlock-code then runs too, and is the way out.</summary>
        public const string LockedRefusalCodeDamaged = "error: terminal locked and its unlock code damaged; only help, status, log, login, logout,"
            + " set-unlock-code and unlock work. To unlock: set-unlock-code NEW then unlock NEW, or the fleet's unlock";

        /// <summary>login or unlock when the store cannot record the try: the code is not compared (no unrecorded guesses).</summary>
        public const string TryNotRecorded = "error: storage full: this try could not be recorded, so the code was not checked; nothing changed."
            + " Report it: the store does not fill up in normal use";

        /// <summary>login while the technician code's record is damaged (TerminalCommands.FirstTechnicianCodeOpen is the way back).</summary>
        public const string TechnicianCodeDamaged = "error: the technician code is damaged, so no login can succeed. Set a new one without a login:"
            + " set-technician-code NEW while the operator is logged in on the keypad (or in factory state)";

        /// <summary>The same on a locked terminal, where set-technician-code is refused: it must be unlocked first.</summary>
        public const string TechnicianCodeDamagedLocked = "error: technician code damaged, terminal locked: no login can succeed. Unlock it (unlock code on its keypad,"
            + " or the fleet's unlock), then set-technician-code NEW while the operator is logged in";

        /// <summary>set-fleet-key on a board that started without its fleet link.</summary>
        public const string NoFleetLink = "error: this terminal has no fleet link: I:\\fleet.json or I:\\fleet-ca.pem is missing or was refused"
            + " (see the boot's 'fleet link off:' line). Deploy both, reset the board, then set the key";

        private const Operation NoOperation = (Operation)0;

        private readonly IConsolePort _port;
        private readonly TerminalCommands _commands;
        private readonly ConsoleCommand[] _table;
        private readonly RestoreDialog _restore;
        private bool _resetArmed;

        public MaintenanceConsole(IConsolePort port, TerminalCommands commands)
        {
            _port = port;
            _commands = commands;
            commands.Console = this;
            _restore = new RestoreDialog(port, commands);
            _table = new ConsoleCommand[]
            {
                new ConsoleCommand("help", "help", "this list", NoOperation, Help),
                new ConsoleCommand("status", "status", "lock, lockouts, clock, audit, bindings (after login)", Operation.Status, Status),
                new ConsoleCommand("login", "login CODE", "log in with the technician code (8-16 digits)", Operation.TechnicianLogin, Login),
                new ConsoleCommand("logout", "logout", "end the session (5 minutes without a line do too)", Operation.TechnicianLogout, Logout),
                new ConsoleCommand("bindings", "bindings", "the bindings, card numbers masked", Operation.ViewBindings, Bindings),
                new ConsoleCommand("log", "log [N]", "the newest N audit entries (default all)", Operation.ViewLog, Log),
                new ConsoleCommand("lock", "lock [REASON]", "lock as lost or stolen (needs an unlock code set)", Operation.Lock, Lock),
                new ConsoleCommand("unlock", "unlock CODE", "unlock with the unlock code", Operation.Unlock, Unlock),
                new ConsoleCommand("set-unlock-code", "set-unlock-code [CURRENT] NEW", "set (or change) the unlock code: 8-16 digits", Operation.SetUnlockCode, SetUnlockCode),
                new ConsoleCommand("set-technician-code", "set-technician-code [CURRENT] NEW", "set (or change) the technician code: 8-16 digits", Operation.SetTechnicianCode, SetTechnicianCode),
                new ConsoleCommand("reset-password", "reset-password NEW", "replace the operator password (changed at the next login)", Operation.ResetPassword, ResetPassword),
                new ConsoleCommand("set-fleet-key", "set-fleet-key [CURRENT] NEW", "set (or change) the fleet key: 64 hex digits, never shown", Operation.SetFleetKey, SetFleetKey),
                new ConsoleCommand("new-backup-secret", "new-backup-secret [confirm]", "a new backup secret (earlier backups become foreign)", Operation.NewBackupSecret, NewBackupSecret),
                new ConsoleCommand("set-time", "set-time YYYY-MM-DDTHH:MM:SSZ", "set the wall clock (UTC)", Operation.SetTime, SetTime),
                new ConsoleCommand("factory-reset", "factory-reset", "erase bindings, settings, password (asks to confirm)", Operation.FactoryReset, FactoryReset),
                new ConsoleCommand("backup", "backup", "print the backup (several JSON lines, cards truncated, with a MAC)", Operation.Backup, Backup),
                new ConsoleCommand("restore", "restore [foreign|confirm]", "then paste the backup lines: shows what would change; confirm applies it", Operation.Restore, Restore),
            };
        }

        public ConsoleCommand[] Commands { get { return _table; } }

        /// <summary>The restore conversation (its PendingPlan is what `restore confirm` would apply).</summary>
        public RestoreDialog RestoreDialog { get { return _restore; } }

        /// <summary>IConsoleSink: someone is on the other end of the port.</summary>
        public bool HasListener { get { return _port.HasListener; } }

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
            _commands.NoteConsoleLine();
            bool anonymous = _commands.RoleOf(Channel.Console) == Role.AnonymousConsole;
            // A restore belongs to the session that started it.
            if (anonymous) _restore.Abandon();
            // Backup lines go to the restore before any parsing: they are long, and walking a
            // string by index is slow on nanoCLR.
            if (text[0] == '{')
            {
                DisarmReset();
                if (anonymous) Write(LoginFirst);
                else _restore.Takes(text, false);
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
                if (anonymous) Write(LoginFirst);
                // Echo the word only when it has no digit: a code typed on its own must not come back.
                else Write(HasDigit(name) ? "error: unknown command; type help" : "error: unknown command '" + AsciiText.Clean(name, 24) + "'; type help");
                return;
            }
            if (command.Operation != NoOperation)
            {
                CommandStatus allowed = _commands.Authorize(Channel.Console, command.Operation);
                if (allowed == CommandStatus.LoginFirst || allowed == CommandStatus.NotAllowed || allowed == CommandStatus.TerminalLocked)
                {
                    Write(allowed == CommandStatus.TerminalLocked && _commands.Security.Lock.UnlockCode.Damaged ? LockedRefusalCodeDamaged : Message(allowed));
                    return;
                }
            }
            command.Handler(argument);
            // The time the command took (a key derivation) does not count against the session.
            _commands.NoteConsoleLine();
        }

        /// <summary>IConsoleSink: the command layer prints "back up first" here.</summary>
        public void Print(string line)
        {
            Write(line);
        }

        private void DisarmReset()
        {
            if (!_resetArmed) return;
            _resetArmed = false;
            Write("factory reset cancelled");
        }

        private ConsoleCommand Find(string name)
        {
            for (int i = 0; i < _table.Length; i++)
            {
                if (_table[i].Name == name) return _table[i];
            }
            return null;
        }

        private void Help(string argument)
        {
            for (int i = 0; i < _table.Length; i++)
            {
                Write(_table[i].Usage.PadRight(36) + " " + _table[i].Help);
            }
        }

        private void Status(string argument)
        {
            WriteAll(_commands.StatusLines(Channel.Console));
        }

        private void Login(string argument)
        {
            if (argument.Length == 0 || IndexOfSpace(argument) >= 0)
            {
                Write("error: usage: login CODE");
                return;
            }
            CommandStatus status = _commands.TechnicianLogin(argument);
            if (status == CommandStatus.Done) Write("ok: logged in (logout, or 5 minutes without a line, ends it)");
            else if (status == CommandStatus.WrongSecret) Write("error: wrong technician code");
            else if (status == CommandStatus.TryLater) Write("error: too many wrong codes; try again in " + Remaining(_commands.Security.Technician.Guard));
            else if (status == CommandStatus.ServiceNeeded) Write(_commands.IsLocked ? TechnicianCodeDamagedLocked : TechnicianCodeDamaged);
            else if (status == CommandStatus.StorageFull) Write(TryNotRecorded);
            else Write(Message(status));
        }

        private void Logout(string argument)
        {
            Report(_commands.TechnicianLogout(), "ok: logged out");
        }

        private void Bindings(string argument)
        {
            string[] lines;
            CommandStatus status = _commands.BindingLines(Channel.Console, out lines);
            if (status != CommandStatus.Done)
            {
                Write(Message(status));
                return;
            }
            WriteAll(lines);
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
            string[] lines;
            CommandStatus status = _commands.LogLines(Channel.Console, max, out lines);
            if (status != CommandStatus.Done)
            {
                Write(Message(status));
                return;
            }
            WriteAll(lines);
            Write("entries: " + lines.Length.ToString());
        }

        private void Lock(string argument)
        {
            string reason = argument.Length > 0 ? argument : "console";
            Report(_commands.Lock(Channel.Console, reason), "ok: terminal locked");
        }

        private void Unlock(string argument)
        {
            if (argument.Length == 0 || IndexOfSpace(argument) >= 0)
            {
                Write("error: usage: unlock CODE");
                return;
            }
            CommandStatus status = _commands.Unlock(Channel.Console, argument);
            if (status == CommandStatus.WrongSecret) Write("error: wrong unlock code");
            else if (status == CommandStatus.TryLater) Write("error: too many wrong codes; try again in " + Remaining(_commands.Security.Lock.UnlockCode.Guard));
            else if (status == CommandStatus.StorageFull) Write(TryNotRecorded);
            // Locked with no code: the rules prevent it; set-unlock-code takes only a damaged code's place while locked.
            else if (status == CommandStatus.NoUnlockCode) Write("error: locked, but no unlock code is stored, so no code can unlock it; only the fleet's unlock can. Report it");
            else Report(status, "ok: terminal unlocked");
        }

        private void SetUnlockCode(string argument)
        {
            string[] words = Words(argument);
            if (words.Length < 1 || words.Length > 2)
            {
                Write("error: usage: set-unlock-code NEW (first time) or set-unlock-code CURRENT NEW");
                return;
            }
            SecretProblem problem;
            CommandStatus status = _commands.SetUnlockCode(Channel.Console, words.Length == 2 ? words[0] : null, words[words.Length - 1], out problem);
            ReportCode(status, problem, "unlock", _commands.Security.Lock.UnlockCode.Guard, "set-unlock-code");
        }

        private void SetTechnicianCode(string argument)
        {
            string[] words = Words(argument);
            if (words.Length < 1 || words.Length > 2)
            {
                Write("error: usage: set-technician-code NEW (first time) or set-technician-code CURRENT NEW");
                return;
            }
            SecretProblem problem;
            CommandStatus status = _commands.SetTechnicianCode(Channel.Console, words.Length == 2 ? words[0] : null, words[words.Length - 1], out problem);
            ReportCode(status, problem, "technician", _commands.Security.Technician.Guard, "set-technician-code");
        }

        private void ResetPassword(string argument)
        {
            string[] words = Words(argument);
            if (words.Length != 1)
            {
                Write("error: usage: reset-password NEW (6-12 digits; the operator changes it at the next login)");
                return;
            }
            SecretProblem problem;
            CommandStatus status = _commands.ResetPassword(Channel.Console, words[0], out problem);
            if (status == CommandStatus.WeakSecret) Write("error: weak password: " + Describe(problem, PasswordPolicy.MinLength, PasswordPolicy.MaxLength));
            else Report(status, "ok: operator password replaced; it must be changed at the next login");
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
            Report(_commands.SetTime(Channel.Console, unix), "ok: wall clock set to " + UtcTime.Format(unix));
        }

        private void FactoryReset(string argument)
        {
            if (argument.Length == 0)
            {
                _resetArmed = true;
                Write("factory reset erases all bindings, settings and the password (back to 123456);");
                Write("the technician code, the unlock code, the lockouts and the audit log are kept. Type 'factory-reset confirm' to go on.");
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
            Report(_commands.FactoryReset(Channel.Console), "ok: factory reset done");
        }

        private void Backup(string argument)
        {
            string[] lines;
            string problem;
            CommandStatus status = _commands.Backup(Channel.Console, out lines, out problem);
            if (status == CommandStatus.ServiceNeeded && problem != null) Write("error: " + problem);
            else if (status == CommandStatus.NotAvailable) Write("error: backup not available on this terminal");
            else if (status != CommandStatus.Done) Write(Message(status));
            else WriteAll(lines);
        }

        private void Restore(string argument)
        {
            if (argument.Length == 0) _restore.Start(false);
            else if (argument == "foreign") _restore.Start(true);
            else if (argument == "confirm") _restore.Confirm();
            else Write("error: usage: restore (or restore foreign for another terminal's backup), then paste the backup lines; then restore confirm");
        }

        /// <summary>
        /// set-fleet-key NEW (first time) or CURRENT NEW: the per-terminal key fleet commands are
        /// MACed with. Neither key is ever echoed, in errors neither.
        /// </summary>
        private void SetFleetKey(string argument)
        {
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
            switch (_commands.SetFleetKey(Channel.Console, current, next))
            {
                case CommandStatus.Done: Write("ok: fleet key set; the command sequence starts again"); break;
                case CommandStatus.CurrentCodeRequired: Write("error: a fleet key is already set; use set-fleet-key CURRENT NEW"); break;
                case CommandStatus.WrongSecret: Write("error: wrong current fleet key"); break;
                case CommandStatus.NotAvailable: Write(NoFleetLink); break;
                case CommandStatus.Invalid: Write("error: a fleet key is 64 hex digits (32 bytes)"); break;
                default: Write(Message(CommandStatus.StorageFull)); break;
            }
        }

        private void NewBackupSecret(string argument)
        {
            if (argument.Length > 0 && argument != "confirm")
            {
                Write("error: usage: new-backup-secret (or new-backup-secret confirm while the secret is fine)");
                return;
            }
            CommandStatus status = _commands.NewBackupSecret(Channel.Console, argument == "confirm");
            if (status == CommandStatus.ConfirmNeeded)
            {
                Write("error: the backup secret is fine; a new one makes every earlier backup foreign. Type 'new-backup-secret confirm' to replace it anyway");
                return;
            }
            Report(status, "ok: new backup secret made; earlier backups of this terminal restore only with 'restore foreign'");
        }

        private void ReportCode(CommandStatus status, SecretProblem problem, string kind, LoginGuard guard, string command)
        {
            switch (status)
            {
                case CommandStatus.Done: Write("ok: " + kind + " code set"); break;
                case CommandStatus.WeakSecret: Write("error: weak code: " + Describe(problem, TerminalLock.MinCodeLength, TerminalLock.MaxCodeLength)); break;
                case CommandStatus.CurrentCodeRequired: Write("error: a code is already set; use " + command + " CURRENT NEW"); break;
                case CommandStatus.WrongSecret: Write("error: wrong current code"); break;
                case CommandStatus.TryLater: Write("error: too many wrong codes; try again in " + Remaining(guard)); break;
                case CommandStatus.StorageFull:
                    Write("error: storage full: the code was not checked or not stored; nothing changed. Take a backup and report it: the store does not fill up in normal use");
                    break;
                default: Write(Message(status)); break;
            }
        }

        /// <summary>"ok" text when Done, else the status's error line.</summary>
        private void Report(CommandStatus status, string ok)
        {
            Write(status == CommandStatus.Done ? ok : Message(status));
        }

        /// <summary>The console's line for each refusal of the command layer.</summary>
        public static string Message(CommandStatus status)
        {
            switch (status)
            {
                case CommandStatus.LoginFirst: return LoginFirst;
                case CommandStatus.NotAllowed: return "error: not allowed from the console";
                case CommandStatus.TerminalLocked: return LockedRefusal;
                case CommandStatus.NoUnlockCode: return "error: no unlock code set; set one first with set-unlock-code";
                case CommandStatus.UnlockCodeDamaged: return "error: the unlock code is damaged; set it again with set-unlock-code NEW";
                case CommandStatus.NoTechnicianCode: return "error: no technician code set; set one with set-technician-code NEW";
                case CommandStatus.AlreadyLocked: return "error: already locked";
                case CommandStatus.NotLocked: return "error: terminal is not locked";
                case CommandStatus.WrongSecret: return "error: wrong code";
                case CommandStatus.TryLater: return "error: too many wrong codes; try again later";
                case CommandStatus.ServiceNeeded: return "error: the stored code is damaged; set it again with set-technician-code NEW or set-unlock-code NEW (status shows which)";
                case CommandStatus.StorageFull: return "error: storage full; nothing changed. Take a backup and report it: the store does not fill up in normal use";
                case CommandStatus.Invalid: return "error: invalid value; nothing changed";
                case CommandStatus.NoConsole: return "error: no console is connected";
                case CommandStatus.NotAvailable: return "error: not available on this terminal";
                case CommandStatus.Done: return "ok";
                default: return "error: refused";
            }
        }

        private static string Remaining(LoginGuard guard)
        {
            return LoginGuard.FormatRemaining(guard.RemainingLockMs);
        }

        private static string Describe(SecretProblem problem, int minLength, int maxLength)
        {
            switch (problem)
            {
                case SecretProblem.NotDigits: return "digits only";
                case SecretProblem.TooShort: return "at least " + minLength.ToString() + " digits";
                case SecretProblem.TooLong: return "at most " + maxLength.ToString() + " digits";
                case SecretProblem.AllSameDigit: return "not all one digit";
                case SecretProblem.Run: return "not an ascending or descending run";
                case SecretProblem.SameAsPrevious: return "must differ from the current code";
                default: return "refused";
            }
        }

        private static bool HasDigit(string text)
        {
            char[] chars = text.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                if (chars[i] >= '0' && chars[i] <= '9') return true;
            }
            return false;
        }

        private static int IndexOfSpace(string text)
        {
            char[] chars = text.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                if (chars[i] == ' ' || chars[i] == '\t') return i;
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

        private void WriteAll(string[] lines)
        {
            for (int i = 0; i < lines.Length; i++) Write(lines[i]);
        }

        private void Write(string line)
        {
            _port.WriteLine(line);
        }
    }
}

using PosTerminal.Firmware.Commands;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Service
{
    /// <summary>
    /// The console's side of a restore, as a conversation:
    ///
    ///   restore [foreign]   starts it; the backup lines follow, pasted exactly as printed
    ///   {"Line":1,...} ...  each checked as it arrives, silently; the first bad one refuses
    ///                       (the rest of the paste is then dropped without a word)
    ///   (the End line)      prints the preview: what would change; nothing changed yet
    ///   restore confirm     applies it (one commit with its audit entry)
    ///
    /// Any other line cancels, says so, and then runs as usual. So does a pause of
    /// TimeoutMs, checked from Poll, and the end of the technician's session (Abandon).
    /// Starting and applying are the command layer's (TerminalCommands.BeginRestore and
    /// ApplyRestore: who may, the audit entry, the one batch); this is the conversation. Backup lines typed with no restore running get one error
    /// for the whole paste. At most BackupLines.MaxLines lines are taken (the header's count).
    /// </summary>
    public sealed class RestoreDialog
    {
        public const long TimeoutMs = 120000;

        private enum State { Idle, Collecting, Dropping, Pending }

        private readonly IConsolePort _port;
        private readonly TerminalCommands _commands;
        private readonly IClock _clock;
        private State _state;
        private RestoreSession _session;
        private RestorePlan _plan;
        private long _lastLineMs;
        private int _dropLeft;

        public RestoreDialog(IConsolePort port, TerminalCommands commands)
        {
            _port = port;
            _commands = commands;
            _clock = commands.Clock;
        }

        /// <summary>A restore is collecting lines or waiting for its confirmation.</summary>
        public bool Active { get { return _state == State.Collecting || _state == State.Pending; } }

        /// <summary>The plan waiting for `restore confirm` (the command layer checks IsForeign on it), or null.</summary>
        public RestorePlan PendingPlan { get { return _state == State.Pending ? _plan : null; } }

        /// <summary>Main loop: a restore left alone for TimeoutMs is cancelled.</summary>
        public void Poll()
        {
            if (_state == State.Idle || _clock.UptimeMs - _lastLineMs < TimeoutMs) return;
            if (_state == State.Collecting) Write("restore cancelled: no backup line for " + (TimeoutMs / 1000).ToString() + " s; nothing changed");
            else if (_state == State.Pending) Write("restore cancelled: not confirmed within " + (TimeoutMs / 1000).ToString() + " s; nothing changed");
            Reset();
        }

        /// <summary>
        /// Takes a line when it belongs to the restore (a backup line: it starts with '{');
        /// true when it did. Any other line ends a restore in progress (said on the console),
        /// and the caller runs it as usual, except `restore confirm` while a plan waits.
        /// </summary>
        public bool Takes(string text, bool isConfirm)
        {
            bool backupLine = text.Length > 0 && text[0] == '{';
            if (backupLine)
            {
                _lastLineMs = _clock.UptimeMs;
                TakeBackupLine(text);
                return true;
            }
            if (_state == State.Collecting) Write("restore cancelled: that is not a backup line; nothing changed");
            else if (_state == State.Pending && !isConfirm) Write("restore cancelled, nothing changed");
            if (!(isConfirm && _state == State.Pending)) Reset();
            return false;
        }

        /// <summary>The console's session ended (logout, timeout): a restore in progress is dropped, said once.</summary>
        public void Abandon()
        {
            if (!Active) return;
            Write("restore cancelled: the technician session ended; nothing changed");
            Reset();
        }

        /// <summary>`restore` (foreign = `restore foreign`): waits for the lines.</summary>
        public void Start(bool foreign)
        {
            Reset();
            RestoreSession session;
            CommandStatus status = _commands.BeginRestore(Channel.Console, foreign, out session);
            if (status == CommandStatus.NotAvailable)
            {
                Write("error: restore not available on this terminal");
                return;
            }
            if (status != CommandStatus.Done)
            {
                Write(MaintenanceConsole.Message(status));
                return;
            }
            _session = session;
            _state = State.Collecting;
            _lastLineMs = _clock.UptimeMs;
            Write(foreign
                ? "restore foreign: paste the backup lines; a backup of another terminal is taken, its Sum checked (its Mac cannot be); any other line cancels"
                : "restore: paste the backup lines, exactly as backup printed them; any other line cancels");
        }

        /// <summary>`restore confirm`: applies the plan the preview showed.</summary>
        public void Confirm()
        {
            if (_state != State.Pending)
            {
                Write("error: nothing to confirm; type restore, then paste the backup lines");
                return;
            }
            RestorePlan plan = _plan;
            Reset();
            CommandStatus status = _commands.ApplyRestore(Channel.Console, plan);
            switch (status)
            {
                case CommandStatus.Done:
                    for (int i = 0; i < plan.CardsToBind.Length; i++)
                    {
                        Write(RestorePlan.Describe(plan.CardsToBind[i]) + ": not restored (backups hold cards only truncated); bind it again by swiping");
                    }
                    Write("ok: restored");
                    break;
                case CommandStatus.Stale:
                    Write("error: the terminal changed since the preview; nothing changed; restore again");
                    break;
                default:
                    Write(MaintenanceConsole.Message(status));
                    break;
            }
        }

        private void TakeBackupLine(string text)
        {
            if (_state == State.Dropping)
            {
                if (_dropLeft > 0 && --_dropLeft == 0) Reset();
                return;
            }
            if (_state == State.Idle)
            {
                Write("error: a backup line, but no restore is running; type restore, then paste the lines");
                Drop(-1);
                return;
            }
            if (_state == State.Pending)
            {
                Write("restore cancelled: a line after the last one (the header says Lines " + _session.LinesTaken.ToString() + "); nothing changed");
                Drop(-1);
                return;
            }
            switch (_session.Take(text))
            {
                case RestoreStep.More:
                    return;
                case RestoreStep.Refused:
                    Write("error: restore refused, nothing changed:");
                    string[] problems = _session.Problems;
                    for (int i = 0; i < problems.Length; i++) Write("  " + problems[i]);
                    if (_session.LinesLeft == 0) Reset();
                    else Drop(_session.LinesLeft);
                    return;
                default:
                    Preview();
                    return;
            }
        }

        private void Preview()
        {
            _plan = _session.Plan;
            string[] lines = _plan.PreviewLines();
            for (int i = 0; i < lines.Length; i++) Write(lines[i]);
            if (!_plan.HasChanges)
            {
                Write("nothing to restore: the terminal already matches the backup");
                Reset();
                return;
            }
            _state = State.Pending;
            Write("type 'restore confirm' to apply it; any other line cancels");
        }

        // Drops the rest of a paste silently: count lines (-1: until another kind of line or the timeout).
        private void Drop(int count)
        {
            Reset();
            _state = State.Dropping;
            _dropLeft = count;
        }

        private void Reset()
        {
            _state = State.Idle;
            _session = null;
            _plan = null;
        }

        private void Write(string line)
        {
            _port.WriteLine(line);
        }
    }
}

using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Storage;

namespace PosTerminal.Firmware.Lifecycle
{
    /// <summary>Who paused the terminal. Stored: never renumber.</summary>
    public enum PauseSource
    {
        Operator = 1,
        /// <summary>The fleet paused it and holds it: the operator cannot reactivate it yet.</summary>
        Fleet = 2,
        /// <summary>The fleet paused it and has since sent reactivate: the operator's password finishes it.</summary>
        FleetReleased = 3
    }

    public enum LifecycleResult
    {
        Done,
        /// <summary>Already paused (StagePause), not paused (StageReactivate), or the fleet's hold already lifted. (A full store is the commit's: the command layer's StorageFull.)</summary>
        Already,
        /// <summary>The operator cannot reactivate a terminal the fleet holds: the fleet's reactivate comes first.</summary>
        FleetHold,
        /// <summary>The fleet cannot reactivate a terminal the operator paused: only the operator's password does.</summary>
        OperatorPause
    }

    /// <summary>
    /// The terminal's lifecycle from the merchant's article: active, paused, locked. It keeps
    /// the state and its rules; who may change it, and the audit entries, are the command
    /// layer's (TerminalCommands.Pause, Reactivate; Authorization.Rules).
    ///
    /// - Locked is TerminalLock's state (the lost/stolen lock) and wins over the others.
    /// - Paused: the card reader is off (Terminal ignores swipes), the bindings are kept, the
    ///   idle screen says 已暂停 / Paused. It survives reboots and power cuts (one commit, with
    ///   its audit entry and the fleet's event: the Stage methods, then Committed).
    /// - Reactivating always needs the operator's password on the keypad (settings, then the
    ///   password again). When the fleet paused it, the fleet's `reactivate` is needed too,
    ///   first: it lifts the fleet's hold (FleetReleased) and the terminal stays paused until
    ///   the operator's password. The fleet cannot reactivate an operator's pause, and a fleet
    ///   pause over an operator's one makes it a fleet hold.
    ///
    /// Record Lifecycle (absent = active): version (1) = 1, paused (1) = 1, source (1:
    /// PauseSource). A record that cannot be read, or may be damaged (SecureRecord), counts as
    /// a fleet hold: fail closed, the card reader stays off until the fleet and the operator
    /// reactivate it.
    /// </summary>
    public sealed class TerminalLifecycle
    {
        public const string Active = "active";
        public const string Paused = "paused";
        public const string Locked = "locked";

        private const byte Version = 1;

        private readonly IRecordStore _store;
        private readonly TerminalLock _lock;
        private bool _paused;
        private PauseSource _pausedBy;
        private bool _stagedPaused;
        private PauseSource _stagedBy;

        public TerminalLifecycle(IRecordStore store, TerminalLock terminalLock)
        {
            _store = store;
            _lock = terminalLock;
            Load();
        }

        public bool IsPaused { get { return _paused; } }

        /// <summary>Who paused it (FleetReleased: the fleet, whose hold is lifted). Only while paused.</summary>
        public PauseSource PausedBy { get { return _pausedBy; } }

        /// <summary>Paused by the fleet and not yet released by its reactivate: the operator cannot reactivate.</summary>
        public bool FleetHold { get { return _paused && _pausedBy == PauseSource.Fleet; } }

        /// <summary>The record read at boot was damaged or unreadable (counted as a fleet hold).</summary>
        public bool Damaged { get; private set; }

        /// <summary>"locked", "paused" or "active".</summary>
        public string State
        {
            get { return _lock.IsLocked ? Locked : _paused ? Paused : Active; }
        }

        /// <summary>"fleet" or "operator" (who paused it).</summary>
        public static string SourceName(PauseSource source)
        {
            return source == PauseSource.Operator ? "operator" : "fleet";
        }

        /// <summary>Who must act before it is active again: "fleet" (its hold), "operator" (the password), or "" when not paused.</summary>
        public string WaitingFor
        {
            get { return !_paused ? string.Empty : FleetHold ? "fleet" : "operator"; }
        }

        /// <summary>
        /// Puts a pause into batch (the command layer commits it with the audit entry and the
        /// fleet's event), then Committed. A fleet pause over an operator's one makes it a fleet hold.
        /// </summary>
        public LifecycleResult StagePause(RecordBatch batch, PauseSource source)
        {
            if (_paused && (source != PauseSource.Fleet || _pausedBy == PauseSource.Fleet)) return LifecycleResult.Already;
            return Stage(batch, source);
        }

        /// <summary>The fleet's reactivate: puts the lifting of its hold into batch (the operator's password finishes it).</summary>
        public LifecycleResult StageReleaseFleetHold(RecordBatch batch)
        {
            if (!_paused || _pausedBy == PauseSource.FleetReleased) return LifecycleResult.Already;
            if (_pausedBy == PauseSource.Operator) return LifecycleResult.OperatorPause;
            return Stage(batch, PauseSource.FleetReleased);
        }

        /// <summary>The operator's reactivate, after the password was checked (the command layer checks it): into batch.</summary>
        public LifecycleResult StageReactivate(RecordBatch batch)
        {
            if (!_paused) return LifecycleResult.Already;
            if (FleetHold) return LifecycleResult.FleetHold;
            batch.Delete(RecordKeys.Lifecycle);
            _stagedPaused = false;
            _stagedBy = _pausedBy;
            return LifecycleResult.Done;
        }

        /// <summary>The batch holding the staged change was committed.</summary>
        public void Committed()
        {
            _paused = _stagedPaused;
            _pausedBy = _stagedBy;
            Damaged = false;
        }

        private LifecycleResult Stage(RecordBatch batch, PauseSource source)
        {
            batch.Write(RecordKeys.Lifecycle, new byte[] { Version, 1, (byte)source });
            _stagedPaused = true;
            _stagedBy = source;
            return LifecycleResult.Done;
        }

        private void Load()
        {
            bool damaged;
            byte[] record = SecureRecord.Read(_store, RecordKeys.Lifecycle, out damaged);
            if (record == null && !damaged) return;
            _paused = true;
            bool readable = record != null && record.Length == 3 && record[0] == Version && record[1] == 1
                && record[2] >= (byte)PauseSource.Operator && record[2] <= (byte)PauseSource.FleetReleased;
            Damaged = !readable;
            _pausedBy = readable ? (PauseSource)record[2] : PauseSource.Fleet;
        }
    }
}

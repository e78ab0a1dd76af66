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
        /// <summary>Already paused (Pause), not paused (Reactivate), or the fleet's hold already lifted.</summary>
        Already,
        /// <summary>The operator cannot reactivate a terminal the fleet holds: the fleet's reactivate comes first.</summary>
        FleetHold,
        /// <summary>The fleet cannot reactivate a terminal the operator paused: only the operator's password does.</summary>
        OperatorPause,
        StoreFull
    }

    /// <summary>
    /// The terminal's lifecycle from the merchant's article: active, paused, locked. It keeps
    /// the state and its rules; who may change it, and the audit entries, are the command
    /// layer's (TerminalCommands.Pause, Reactivate; Authorization.Rules).
    ///
    /// - Locked is TerminalLock's state (the lost/stolen lock) and wins over the others.
    /// - Paused: the card reader is off (Terminal ignores swipes), the bindings are kept, the
    ///   idle screen says 已暂停 / Paused. It survives reboots and power cuts (one commit).
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

        /// <summary>Pauses (one commit). A fleet pause over an operator's one makes it a fleet hold.</summary>
        public LifecycleResult Pause(PauseSource source)
        {
            if (_paused && (source != PauseSource.Fleet || _pausedBy == PauseSource.Fleet)) return LifecycleResult.Already;
            return Write(source);
        }

        /// <summary>The fleet's reactivate: lifts its hold (the operator's password finishes it).</summary>
        public LifecycleResult ReleaseFleetHold()
        {
            if (!_paused || _pausedBy == PauseSource.FleetReleased) return LifecycleResult.Already;
            if (_pausedBy == PauseSource.Operator) return LifecycleResult.OperatorPause;
            return Write(PauseSource.FleetReleased);
        }

        /// <summary>The operator's reactivate, after the password was checked (the command layer checks it).</summary>
        public LifecycleResult Reactivate()
        {
            if (!_paused) return LifecycleResult.Already;
            if (FleetHold) return LifecycleResult.FleetHold;
            try
            {
                _store.Delete(RecordKeys.Lifecycle);
            }
            catch (StoreFullException)
            {
                return LifecycleResult.StoreFull;
            }
            _paused = false;
            Damaged = false;
            return LifecycleResult.Done;
        }

        private LifecycleResult Write(PauseSource source)
        {
            try
            {
                _store.Write(RecordKeys.Lifecycle, new byte[] { Version, 1, (byte)source });
            }
            catch (StoreFullException)
            {
                return LifecycleResult.StoreFull;
            }
            _paused = true;
            _pausedBy = source;
            Damaged = false;
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

using PosTerminal.Firmware.Audit;
using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Storage;

namespace PosTerminal.Firmware.Lifecycle
{
    /// <summary>Who paused the terminal. Stored: never renumber.</summary>
    public enum PauseSource
    {
        Operator = 1,
        Fleet = 2
    }

    public enum LifecycleResult
    {
        Done,
        /// <summary>Already paused (Pause) or not paused (Reactivate).</summary>
        Already,
        /// <summary>The operator cannot reactivate a terminal the fleet paused.</summary>
        FleetHold,
        StoreFull
    }

    /// <summary>
    /// The terminal's lifecycle from the merchant's article: active, paused, locked.
    ///
    /// - Locked is TerminalLock's state (the lost/stolen lock) and wins over the others.
    /// - Paused: the card reader is off (Terminal ignores swipes), the bindings are kept, the
    ///   idle screen says 已暂停 / Paused. It survives reboots and power cuts (one commit).
    /// - A fleet pause is lifted only by a fleet reactivate; an operator pause by the
    ///   operator or the fleet. The operator's side (pause from settings, reactivation with
    ///   the operator password) comes with the UI pass: it calls Pause/Reactivate with
    ///   PauseSource.Operator after checking the password.
    /// - Every transition is audited (Pause, Reactivate: detail = who), and so reported on
    ///   pos/ID/events through the audit listener.
    ///
    /// Record Lifecycle (absent = active): version (1) = 1, paused (1) = 1, source (1). A
    /// record that cannot be read, or may be damaged, counts as paused by the fleet: fail
    /// closed, the card reader stays off until the fleet reactivates.
    /// </summary>
    public sealed class TerminalLifecycle
    {
        public const string Active = "active";
        public const string Paused = "paused";
        public const string Locked = "locked";

        private const byte Version = 1;

        private readonly IRecordStore _store;
        private readonly AuditLog _audit;
        private readonly TerminalLock _lock;
        private bool _paused;
        private PauseSource _pausedBy;

        public TerminalLifecycle(IRecordStore store, AuditLog audit, TerminalLock terminalLock)
        {
            _store = store;
            _audit = audit;
            _lock = terminalLock;
            Load();
        }

        public bool IsPaused { get { return _paused; } }

        public PauseSource PausedBy { get { return _pausedBy; } }

        /// <summary>"locked", "paused" or "active".</summary>
        public string State
        {
            get { return _lock.IsLocked ? Locked : _paused ? Paused : Active; }
        }

        public static string SourceName(PauseSource source)
        {
            return source == PauseSource.Fleet ? "fleet" : "operator";
        }

        public LifecycleResult Pause(PauseSource source)
        {
            if (_paused) return LifecycleResult.Already;
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
            _audit.Record(AuditEvent.Pause, AuditOutcome.Ok, SourceName(source));
            return LifecycleResult.Done;
        }

        public LifecycleResult Reactivate(PauseSource source)
        {
            if (!_paused) return LifecycleResult.Already;
            if (_pausedBy == PauseSource.Fleet && source != PauseSource.Fleet)
            {
                _audit.Record(AuditEvent.Reactivate, AuditOutcome.Refused, "fleet hold");
                return LifecycleResult.FleetHold;
            }
            _store.Delete(RecordKeys.Lifecycle);
            _paused = false;
            _audit.Record(AuditEvent.Reactivate, AuditOutcome.Ok, SourceName(source));
            return LifecycleResult.Done;
        }

        private void Load()
        {
            byte[] record = _store.Read(RecordKeys.Lifecycle);
            if (record == null && !_store.IsDamaged(RecordKeys.Lifecycle)) return;
            _paused = true;
            bool readable = record != null && record.Length == 3 && record[0] == Version && record[1] == 1
                && (record[2] == (byte)PauseSource.Operator || record[2] == (byte)PauseSource.Fleet);
            _pausedBy = readable && !_store.IsDamaged(RecordKeys.Lifecycle) ? (PauseSource)record[2] : PauseSource.Fleet;
        }
    }
}

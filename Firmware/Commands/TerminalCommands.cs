using PosTerminal.Firmware.Audit;
using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Fleet;
using PosTerminal.Firmware.Lifecycle;
using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Service;
using PosTerminal.Firmware.Settings;
using PosTerminal.Firmware.Storage;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Commands
{
    /// <summary>
    /// The command layer: every operation the keypad screens, the maintenance console and
    /// (later) the network can ask for, in one place. Each call names its Channel; the layer
    /// works out the caller's Role from its own sessions (RoleOf), checks it against
    /// Authorization.Rules (Authorize), runs the operation and writes its audit entry. Nothing
    /// else writes audit entries or changes security state.
    ///
    /// Sessions:
    /// - operator: opened by a right password on the keypad (OperatorLogin), closed by
    ///   EndOperatorSession (CANCEL from settings, the 60 s key timeout, a lock);
    /// - technician: opened by `login CODE` on the console, closed by `logout` or
    ///   TechnicianTimeoutMs (5 minutes) without a console line.
    ///
    /// Records that belong together are committed as one RecordBatch (a binding with its audit
    /// entry, factory reset, restore, a lock, a pause): all or nothing under a power cut. Every
    /// operation the fleet must hear of (FleetDocuments.EventType) commits its state, its audit
    /// entry and its outbox event in one batch (CommitAudited): it happened exactly when its
    /// event waits.
    ///
    /// The partial files: Sessions (logins), Bindings, Codes, Maintenance (clock, settings,
    /// backup, restore, factory reset), Lifecycle (pause, reactivate, merchant name), Fleet
    /// (IFleetOperations: verified fleet commands, Channel.Fleet), Views, Faults.
    /// </summary>
    public sealed partial class TerminalCommands
    {
        /// <summary>Without a console line for this long, the technician is logged out.</summary>
        public const long TechnicianTimeoutMs = 5 * 60 * 1000;

        private readonly IRecordStore _store;
        private readonly ITerminalHost _host;
        private readonly RecordBatch _batch = new RecordBatch();
        private readonly BackupService _backup;
        private readonly string _terminalId;

        /// <param name="terminalId">The board's id (TerminalHardware.TerminalId): backups and the fleet name it.</param>
        /// <param name="consoleMaxLine">The longest console line (TerminalHardware.ConsoleMaxLine): every backup line fits it.</param>
        public TerminalCommands(IRecordStore store, SecurityServices security, BindingList bindings, TerminalSettings settings,
            string terminalId, int consoleMaxLine, ITerminalHost host)
        {
            _store = store;
            Security = security;
            Bindings = bindings;
            Settings = settings;
            _host = host;
            _terminalId = terminalId;
            Lifecycle = new TerminalLifecycle(store, security.Lock);
            Merchant = new MerchantName(store);
            Secret = new TerminalSecret(store, security.Crypto);
            _backup = new BackupService(security, security.Crypto, Secret, terminalId, consoleMaxLine, new OperatorData(this));
            _refusals = new RefusalLimit(security.Clock, store);
        }

        /// <summary>The security state (read it; change it only through this layer).</summary>
        public SecurityServices Security { get; private set; }

        public BindingList Bindings { get; private set; }

        public TerminalSettings Settings { get; private set; }

        /// <summary>Active, paused or locked (issue 11): paused turns the card reader off.</summary>
        public TerminalLifecycle Lifecycle { get; private set; }

        /// <summary>The merchant name on the idle screen (the fleet's set-merchant-name).</summary>
        public MerchantName Merchant { get; private set; }

        /// <summary>The secret that signs this terminal's backups (fails closed; new-backup-secret makes a new one).</summary>
        public TerminalSecret Secret { get; private set; }

        /// <summary>The board's terminal id (null when none).</summary>
        public string TerminalId { get { return _terminalId; } }

        /// <summary>Paused (by the operator or the fleet): the terminal takes no swipe.</summary>
        public bool IsPaused { get { return Lifecycle.IsPaused; } }

        /// <summary>The logged-in console's output ("back up first" prints there); set by the maintenance console.</summary>
        public IConsoleSink Console { get; set; }

        public IClock Clock { get { return Security.Clock; } }

        public bool IsLocked { get { return Security.Lock.IsLocked; } }

        /// <summary>No bindings (and no damaged slot) and the factory password: nothing to protect yet.</summary>
        public bool InFactoryState
        {
            get { return Bindings.Count == 0 && Bindings.DamagedCount == 0 && Security.Password.IsFactory; }
        }

        /// <summary>The caller's role on channel, from this layer's own session state.</summary>
        public Role RoleOf(Channel channel)
        {
            if (channel == Channel.Fleet) return Role.Fleet;
            if (channel == Channel.Console) return TechnicianLoggedIn ? Role.Technician : Role.AnonymousConsole;
            if (IsLocked) return Role.LockedKeypad;
            return OperatorSessionOpen ? Role.Operator : Role.IdleKeypad;
        }

        /// <summary>May the caller on channel run operation now? Done, or why not. The one authorization check.</summary>
        public CommandStatus Authorize(Channel channel, Operation operation)
        {
            OperationRule rule = Authorization.Of(operation);
            Role role = RoleOf(channel);
            bool allowed = (rule.Roles & role) != 0
                || (rule.Condition == Condition.FirstTechnicianCode && role == Role.AnonymousConsole && FirstTechnicianCodeOpen);
            if (!allowed) return role == Role.AnonymousConsole ? CommandStatus.LoginFirst : CommandStatus.NotAllowed;
            if (IsLocked)
            {
                if (rule.WhileLocked == WhileLocked.Refused) return CommandStatus.TerminalLocked;
                if (rule.WhileLocked == WhileLocked.WhenUnlockCodeDamaged && !Security.Lock.UnlockCode.Damaged) return CommandStatus.TerminalLocked;
                return CommandStatus.Done;
            }
            if (rule.Condition == Condition.UnlockCodeSet)
            {
                if (Security.Lock.UnlockCode.Damaged) return CommandStatus.UnlockCodeDamaged;
                if (!Security.Lock.HasUnlockCode) return CommandStatus.NoUnlockCode;
            }
            return CommandStatus.Done;
        }

        /// <summary>
        /// set-technician-code NEW without a login: only while no readable technician code is
        /// stored, and only in factory state or with an operator session open on the keypad
        /// (whoever holds the console then has the operator beside them, or nothing to take).
        /// </summary>
        public bool FirstTechnicianCodeOpen
        {
            get { return !Security.Technician.IsSet && (InFactoryState || OperatorSessionOpen); }
        }

        /// <summary>Main loop: lockout countdowns and the technician's idle timeout. No allocation.</summary>
        public void Poll()
        {
            Security.Poll();
            if (_technician && Clock.UptimeMs - _technicianLastMs >= TechnicianTimeoutMs) EndTechnicianSession("timeout");
        }

        /// <summary>When Poll has something to do without an input: the technician's timeout (its audit entry).</summary>
        public long NextPassMs
        {
            get { return _technician ? _technicianLastMs + TechnicianTimeoutMs : long.MaxValue; }
        }

        // ---- audit -------------------------------------------------------------------

        private void Audit(AuditEvent auditEvent, AuditOutcome outcome, string detail)
        {
            Security.Audit.Record(auditEvent, outcome, detail);
        }

        /// <summary>After a wrong secret: the failure, and a Lockout entry when it armed one (a burst).</summary>
        private void AuditFailure(AuditEvent auditEvent, string who, LoginGuard guard)
        {
            Audit(auditEvent, AuditOutcome.Failed, who + " try " + guard.FailedCount.ToString());
            long lockMs = guard.RemainingLockMs;
            if (lockMs > 0) Audit(AuditEvent.Lockout, AuditOutcome.Ok, who + " " + (lockMs / 1000).ToString() + " s");
        }

        // ---- batches -------------------------------------------------------------------

        /// <summary>A cleared batch for one operation's records.</summary>
        private RecordBatch NewBatch()
        {
            _batch.Clear();
            return _batch;
        }

        /// <summary>
        /// Commits the batch (with the audit entry staged in it, and through the audit log's
        /// listener the entry's outbox event). False, changing nothing, when the store is full.
        /// </summary>
        private bool CommitBatch()
        {
            bool committed = false;
            try
            {
                _store.Commit(_batch);
                committed = true;
            }
            catch (StoreFullException)
            {
            }
            finally
            {
                _batch.Clear();
                if (!committed) Security.Audit.Abandoned();
            }
            if (committed) Security.Audit.Committed();
            return committed;
        }

        /// <summary>Stages the audit entry (and its outbox event) into the operation's batch and commits them all as one.</summary>
        private bool CommitAudited(AuditEvent auditEvent, AuditOutcome outcome, string detail)
        {
            Security.Audit.Stage(_batch, auditEvent, outcome, detail);
            return CommitBatch();
        }
    }
}

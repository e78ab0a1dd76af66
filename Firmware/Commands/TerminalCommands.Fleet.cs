using PosTerminal.Firmware.Audit;
using PosTerminal.Firmware.Fleet;
using PosTerminal.Firmware.Lifecycle;
using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Storage;

namespace PosTerminal.Firmware.Commands
{
    /// <summary>
    /// The fleet's side of the command layer (issue 11). FleetAgent verifies each command
    /// (CommandGuard: HMAC, sequence, expiry) and then calls these, which run the same
    /// operations as the keypad and the console with Channel.Fleet: Role.Fleet in the table
    /// decides, and the audit entries are written here like every other (refusals
    /// rate-limited). The fleet key itself is a technician's console command (SetFleetKey).
    /// </summary>
    public sealed partial class TerminalCommands : IFleetOperations
    {
        private FleetAgent _fleet;
        private readonly RefusalLimit _refusals;

        /// <summary>The fleet agent (null: the board has no link): its audit listener and set-fleet-key's guard.</summary>
        public FleetAgent Fleet { get { return _fleet; } }

        /// <summary>The board has a fleet link: the agent hears every audit entry from now on (pos/ID/events).</summary>
        public void JoinFleet(FleetAgent agent)
        {
            _fleet = agent;
            Security.Audit.Listener = agent;
        }

        /// <summary>
        /// set-fleet-key NEW (first time, or replacing a damaged key) or CURRENT NEW: the key
        /// fleet commands are MACed with. Never printed; a wrong current key is audited.
        /// </summary>
        public CommandStatus SetFleetKey(Channel channel, byte[] current, byte[] next)
        {
            CommandStatus allowed = Authorize(channel, Operation.SetFleetKey);
            if (allowed != CommandStatus.Done) return allowed;
            if (_fleet == null) return CommandStatus.NotAvailable;
            bool first = !_fleet.Guard.HasKey || _fleet.Guard.Damaged;
            switch (_fleet.Guard.SetKey(current, next))
            {
                case FleetKeyResult.Set:
                    Audit(AuditEvent.FleetKeySet, AuditOutcome.Ok, first ? "first" : "changed");
                    return CommandStatus.Done;
                case FleetKeyResult.CurrentKeyRequired: return CommandStatus.CurrentCodeRequired;
                case FleetKeyResult.WrongCurrentKey:
                    Audit(AuditEvent.FleetKeySet, AuditOutcome.Refused, "wrong current key");
                    return CommandStatus.WrongSecret;
                case FleetKeyResult.StoreFull: return CommandStatus.StorageFull;
                default: return CommandStatus.Invalid;
            }
        }

        // ---- IFleetOperations: called by FleetAgent for verified commands only ----

        public FleetResult Status()
        {
            if (Authorize(Channel.Fleet, Operation.Status) != CommandStatus.Done) return Refusal(CommandStatus.NotAllowed);
            return new FleetResult(FleetCode.Done, "terminal " + Lifecycle.State);
        }

        FleetResult IFleetOperations.Lock(string reason)
        {
            switch (Lock(Channel.Fleet, reason))
            {
                case CommandStatus.Done: return new FleetResult(FleetCode.Done, "terminal locked");
                case CommandStatus.AlreadyLocked: return new FleetResult(FleetCode.Already, "terminal is already locked");
                case CommandStatus.NoUnlockCode:
                    return new FleetResult(FleetCode.Refused, "no unlock code set: a technician sets one (set-unlock-code) before the terminal can be locked");
                case CommandStatus.UnlockCodeDamaged:
                    return new FleetResult(FleetCode.Refused, "the unlock code is damaged: a technician sets it again before the terminal can be locked");
                default: return Refusal(CommandStatus.StorageFull);
            }
        }

        FleetResult IFleetOperations.Unlock()
        {
            switch (Unlock(Channel.Fleet, null))
            {
                case CommandStatus.Done: return new FleetResult(FleetCode.Done, "terminal unlocked");
                case CommandStatus.NotLocked: return new FleetResult(FleetCode.Already, "terminal is not locked");
                default: return Refusal(CommandStatus.StorageFull);
            }
        }

        FleetResult IFleetOperations.Pause()
        {
            switch (Pause(Channel.Fleet))
            {
                case CommandStatus.Done: return new FleetResult(FleetCode.Done, "terminal paused: card reader off, bindings kept");
                case CommandStatus.AlreadyPaused: return new FleetResult(FleetCode.Already, "terminal is already paused by the fleet");
                default: return new FleetResult(FleetCode.Failed, "store full: not paused");
            }
        }

        FleetResult IFleetOperations.Reactivate()
        {
            switch (Reactivate(Channel.Fleet, null))
            {
                case CommandStatus.Done:
                    return new FleetResult(FleetCode.Done, "fleet hold lifted: the operator reactivates it with the password on the keypad");
                case CommandStatus.Unchanged:
                    return new FleetResult(FleetCode.Already, "fleet hold already lifted: waiting for the operator's password on the keypad");
                case CommandStatus.NotPaused: return new FleetResult(FleetCode.Already, "terminal is not paused");
                case CommandStatus.OperatorPause:
                    return new FleetResult(FleetCode.Refused, "paused by the operator: only the operator's password on the keypad reactivates it");
                default: return new FleetResult(FleetCode.Failed, "store full: still held");
            }
        }

        FleetResult IFleetOperations.SetMerchantName(string name)
        {
            string problem;
            switch (SetMerchantName(Channel.Fleet, name, out problem))
            {
                case CommandStatus.Done: return new FleetResult(FleetCode.Done, name.Length == 0 ? "merchant name cleared" : "merchant name set");
                case CommandStatus.Invalid: return new FleetResult(FleetCode.Refused, "merchant name refused: " + problem);
                case CommandStatus.Unchanged: return new FleetResult(FleetCode.Already, "merchant name unchanged");
                default: return new FleetResult(FleetCode.Failed, "store full: name not changed");
            }
        }

        public FleetState State()
        {
            TerminalLock terminalLock = Security.Lock;
            FleetState state = new FleetState();
            state.Lifecycle = Lifecycle.State;
            state.Locked = terminalLock.IsLocked;
            state.LockReason = terminalLock.Reason;
            state.Paused = Lifecycle.IsPaused;
            state.PausedBy = Lifecycle.IsPaused ? TerminalLifecycle.SourceName(Lifecycle.PausedBy) : string.Empty;
            state.WaitingFor = Lifecycle.WaitingFor;
            state.Bindings = Bindings.Count;
            state.Firmware = Terminal.FirmwareVersionText;
            state.MerchantName = Merchant.Name;
            return state;
        }

        /// <summary>
        /// A command refused before it acted: audited (routine ring), each of the first
        /// RefusalLimit.PerWindow an hour on its own, the rest counted (persisted every
        /// RefusalLimit.PersistEvery) and audited as a summary when the window closes.
        /// </summary>
        public void Refused(FleetCode code)
        {
            SummariseRefusals();
            if (_refusals.Admit(code) && !Security.Audit.Record(AuditEvent.FleetRefused, AuditOutcome.Refused, FleetCodes.Name(code)))
            {
                _refusals.Count(code);
            }
            if (!_refusals.SaveDue) return;
            try
            {
                _store.Write(RecordKeys.FleetRefusals, _refusals.Record(-1));
                _refusals.Saved();
            }
            catch (StoreFullException)
            {
                // Counted in RAM still; the next save or the summary tries again.
            }
        }

        public long RefusalSummaryDueMs { get { return _refusals.DueMs; } }

        /// <summary>When due: one "+N reason" entry per reason counted, each committed with the record of the counts still pending.</summary>
        public void SummariseRefusals()
        {
            if (Clock.UptimeMs < _refusals.DueMs) return;
            int reason;
            while ((reason = _refusals.NextReason()) >= 0)
            {
                NewBatch();
                byte[] rest = _refusals.Record(reason);
                if (rest == null) _batch.Delete(RecordKeys.FleetRefusals);
                else _batch.Write(RecordKeys.FleetRefusals, rest);
                Security.Audit.Stage(_batch, AuditEvent.FleetRefused, AuditOutcome.Refused, _refusals.SummaryDetail(reason));
                if (!CommitBatch())
                {
                    _refusals.Retry();
                    return;
                }
                _refusals.Summarised(reason);
            }
        }

        /// <summary>The outbox drops its oldest event (FleetAgent stages it once per run of drops, with the event that drops it).</summary>
        public void StageOutboxOverflow(RecordBatch batch)
        {
            Security.Audit.Stage(batch, AuditEvent.OutboxOverflow, AuditOutcome.Failed, "oldest dropped");
        }

        private static FleetResult Refusal(CommandStatus status)
        {
            if (status == CommandStatus.StorageFull) return new FleetResult(FleetCode.Failed, "store full: nothing changed");
            return new FleetResult(FleetCode.Refused, "not allowed");
        }
    }
}

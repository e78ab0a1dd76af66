using PosTerminal.Firmware.Audit;
using PosTerminal.Firmware.Lifecycle;
using PosTerminal.Firmware.Security;

namespace PosTerminal.Firmware.Commands
{
    /// <summary>Pause, reactivate and the merchant name (issue 11): from the keypad's settings and from the fleet.</summary>
    public sealed partial class TerminalCommands
    {
        /// <summary>
        /// Pauses the terminal: the card reader is off, the bindings are kept (one commit with its
        /// audit entry and event). The
        /// operator pauses from settings; the fleet's pause is a hold the operator cannot lift
        /// alone (a fleet pause over an operator's one makes it one).
        /// </summary>
        public CommandStatus Pause(Channel channel)
        {
            CommandStatus allowed = Authorize(channel, Operation.Pause);
            if (allowed != CommandStatus.Done) return allowed;
            PauseSource source = channel == Channel.Fleet ? PauseSource.Fleet : PauseSource.Operator;
            if (Lifecycle.StagePause(NewBatch(), source) != LifecycleResult.Done) return CommandStatus.AlreadyPaused;
            if (!CommitAudited(AuditEvent.Pause, AuditOutcome.Ok, TerminalLifecycle.SourceName(source))) return CommandStatus.StorageFull;
            Lifecycle.Committed();
            _host.StateChanged();
            return CommandStatus.Done;
        }

        /// <summary>
        /// Reactivates. From the keypad (an operator session, and the operator's password again:
        /// one recorded attempt on the login guard, one derivation): refused while the fleet holds
        /// its pause (FleetHold, before any password is tried). From the fleet (password null):
        /// lifts the fleet's hold only; the terminal stays paused until the operator's password
        /// (Done with Lifecycle.IsPaused still true), and an operator's pause is not the fleet's
        /// to lift (OperatorPause).
        /// </summary>
        public CommandStatus Reactivate(Channel channel, string password)
        {
            CommandStatus allowed = Authorize(channel, Operation.Reactivate);
            if (allowed != CommandStatus.Done) return allowed;
            if (channel == Channel.Fleet) return ReleaseFleetHold();
            if (!Lifecycle.IsPaused) return CommandStatus.NotPaused;
            if (Lifecycle.FleetHold)
            {
                Audit(AuditEvent.Reactivate, AuditOutcome.Refused, "fleet hold");
                return CommandStatus.FleetHold;
            }
            CommandStatus check = CheckPasswordAgain(password, "reactivate");
            if (check != CommandStatus.Done) return check;
            switch (Lifecycle.StageReactivate(NewBatch()))
            {
                case LifecycleResult.Done: break;
                case LifecycleResult.Already: return CommandStatus.NotPaused;
                default: return CommandStatus.FleetHold;
            }
            if (!CommitAudited(AuditEvent.Reactivate, AuditOutcome.Ok, "operator")) return CommandStatus.StorageFull;
            Lifecycle.Committed();
            _host.StateChanged();
            return CommandStatus.Done;
        }

        private CommandStatus ReleaseFleetHold()
        {
            switch (Lifecycle.StageReleaseFleetHold(NewBatch()))
            {
                case LifecycleResult.Done: break;
                case LifecycleResult.Already: return Lifecycle.IsPaused ? CommandStatus.Unchanged : CommandStatus.NotPaused;
                default: return CommandStatus.OperatorPause;
            }
            if (!CommitAudited(AuditEvent.Reactivate, AuditOutcome.Ok, "fleet hold lifted")) return CommandStatus.StorageFull;
            Lifecycle.Committed();
            _host.StateChanged();
            return CommandStatus.Done;
        }

        /// <summary>
        /// The merchant name for the idle screen ("" clears it). Invalid with problem set when it
        /// does not fit the LCD (MerchantName.Check); Unchanged when it is the name already.
        /// </summary>
        public CommandStatus SetMerchantName(Channel channel, string name, out string problem)
        {
            problem = null;
            CommandStatus allowed = Authorize(channel, Operation.SetMerchantName);
            if (allowed != CommandStatus.Done) return allowed;
            problem = MerchantName.Check(name);
            if (problem != null) return CommandStatus.Invalid;
            if (name == Merchant.Name) return CommandStatus.Unchanged;
            Merchant.Stage(NewBatch(), name);
            if (!CommitAudited(AuditEvent.MerchantNameSet, AuditOutcome.Ok, name.Length == 0 ? "cleared" : "cells " + Hal.TextCells.Width(name).ToString()))
            {
                return CommandStatus.StorageFull;
            }
            Merchant.Committed();
            _host.StateChanged();
            return CommandStatus.Done;
        }

        /// <summary>
        /// The operator's password again inside a session (deregister, reactivate): one recorded
        /// attempt on the login guard and one derivation. A wrong one is audited like a failed
        /// login (detail: what it was for); one that arms the lockout also ends the session.
        /// </summary>
        private CommandStatus CheckPasswordAgain(string password, string what)
        {
            switch (Security.Password.Check(password))
            {
                case SecretCheck.Match: return CommandStatus.Done;
                case SecretCheck.Wrong:
                    AuditFailure(AuditEvent.LoginFailure, what, Security.Guard);
                    if (Security.Guard.IsLocked)
                    {
                        EndOperatorSession();
                        return CommandStatus.TryLater;
                    }
                    return CommandStatus.WrongSecret;
                case SecretCheck.LockedOut: return CommandStatus.TryLater;
                case SecretCheck.Damaged: return CommandStatus.ServiceNeeded;
                default: return CommandStatus.StorageFull;
            }
        }
    }
}

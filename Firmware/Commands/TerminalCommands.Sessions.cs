using PosTerminal.Firmware.Audit;
using PosTerminal.Firmware.Security;

namespace PosTerminal.Firmware.Commands
{
    /// <summary>The operator's keypad session and the technician's console session.</summary>
    public sealed partial class TerminalCommands
    {
        private bool _operatorSession;
        private bool _technician;
        private long _technicianLastMs;

        /// <summary>True from a right password on the keypad until EndOperatorSession (never while locked).</summary>
        public bool OperatorSessionOpen { get { return _operatorSession && !IsLocked; } }

        /// <summary>True from `login CODE` until `logout` or TechnicianTimeoutMs without a console line.</summary>
        public bool TechnicianLoggedIn
        {
            get { return _technician && Clock.UptimeMs - _technicianLastMs < TechnicianTimeoutMs; }
        }

        /// <summary>
        /// The operator's password on the keypad (one recorded attempt, one derivation). A right
        /// one opens the session; every compared attempt is audited, and a failure that arms a
        /// lockout adds a Lockout entry.
        /// </summary>
        public LoginOutcome OperatorLogin(string entered)
        {
            _operatorSession = false; // the login screen: whatever was open is over
            if (Authorize(Channel.Keypad, Operation.OperatorLogin) != CommandStatus.Done) return LoginOutcome.TerminalLocked;
            LoginOutcome outcome = Security.Login(entered);
            switch (outcome)
            {
                case LoginOutcome.Accepted:
                case LoginOutcome.AcceptedMustChange:
                case LoginOutcome.AcceptedChangeReminder:
                    _operatorSession = true;
                    Audit(AuditEvent.LoginSuccess, AuditOutcome.Ok, string.Empty);
                    break;
                case LoginOutcome.WrongPassword:
                    AuditFailure(AuditEvent.LoginFailure, "keypad", Security.Guard);
                    break;
                case LoginOutcome.ServiceNeeded:
                    Audit(AuditEvent.LoginFailure, AuditOutcome.Refused, "password damaged");
                    break;
            }
            return outcome;
        }

        /// <summary>Ends the operator's session (CANCEL from settings, the key timeout, a lock). Not audited: routine and frequent.</summary>
        public void EndOperatorSession()
        {
            _operatorSession = false;
        }

        /// <summary>Notes a console line (any): it keeps a technician's session alive, or ends one that has timed out.</summary>
        public void NoteConsoleLine()
        {
            if (_technician && !TechnicianLoggedIn) EndTechnicianSession("timeout");
            if (_technician) _technicianLastMs = Clock.UptimeMs;
        }

        /// <summary>
        /// `login CODE`: the technician code through its guard (one recorded attempt, one
        /// derivation). Done opens the session; the time the derivation took does not count
        /// against the 5 minutes.
        /// </summary>
        public CommandStatus TechnicianLogin(string code)
        {
            CommandStatus allowed = Authorize(Channel.Console, Operation.TechnicianLogin);
            if (allowed != CommandStatus.Done) return allowed;
            switch (Security.Technician.Check(code))
            {
                case SecretCheck.Match:
                    _technician = true;
                    _technicianLastMs = Clock.UptimeMs;
                    Audit(AuditEvent.TechnicianLogin, AuditOutcome.Ok, string.Empty);
                    return CommandStatus.Done;
                case SecretCheck.Wrong:
                    EndTechnicianSession(null);
                    AuditFailure(AuditEvent.TechnicianLogin, "console", Security.Technician.Guard);
                    return CommandStatus.WrongSecret;
                case SecretCheck.LockedOut: return CommandStatus.TryLater;
                case SecretCheck.Unavailable: return CommandStatus.StorageFull;
                case SecretCheck.Damaged: return CommandStatus.ServiceNeeded;
                default: return CommandStatus.NoTechnicianCode;
            }
        }

        /// <summary>`logout`.</summary>
        public CommandStatus TechnicianLogout()
        {
            CommandStatus allowed = Authorize(Channel.Console, Operation.TechnicianLogout);
            if (allowed != CommandStatus.Done) return allowed;
            EndTechnicianSession(string.Empty);
            return CommandStatus.Done;
        }

        // why: "timeout", "" (logout) or null (a failed login ends a session without its own entry).
        private void EndTechnicianSession(string why)
        {
            bool wasOpen = _technician;
            _technician = false;
            if (wasOpen && why != null) Audit(AuditEvent.TechnicianLogout, AuditOutcome.Ok, why);
        }
    }
}

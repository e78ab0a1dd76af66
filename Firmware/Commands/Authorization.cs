using PosTerminal.Firmware.Audit;

namespace PosTerminal.Firmware.Commands
{
    /// <summary>
    /// THE authorization table: for every operation, the roles that may run it, whether it
    /// runs while the terminal is locked, what else it needs, whether it is destructive and
    /// what it audits. TerminalCommands.Authorize reads it for every call from the keypad, the
    /// console and the network; nothing else decides. Firmware/Security/README.md shows it
    /// (AuthorizationTableTests keeps the two equal).
    /// </summary>
    public static class Authorization
    {
        private const Role Everyone = Role.Operator | Role.Technician | Role.LockedKeypad | Role.Fleet
            | Role.AnonymousConsole | Role.IdleKeypad;

        private const AuditEvent Nothing = (AuditEvent)0;

        public static readonly OperationRule[] Rules =
        {
            // read-only views
            new OperationRule(Operation.Status, "status / fleet status", Everyone, WhileLocked.Allowed, Condition.None, false, Nothing),
            new OperationRule(Operation.ViewBindings, "bindings", Role.Operator | Role.Technician | Role.Fleet, WhileLocked.Refused, Condition.None, false, Nothing),
            new OperationRule(Operation.ViewLog, "log", Role.Operator | Role.Technician | Role.Fleet, WhileLocked.Allowed, Condition.None, false, Nothing),
            // sessions
            new OperationRule(Operation.OperatorLogin, "keypad login", Role.IdleKeypad, WhileLocked.Refused, Condition.None, false, AuditEvent.LoginSuccess),
            new OperationRule(Operation.TechnicianLogin, "login", Role.AnonymousConsole | Role.Technician, WhileLocked.Allowed, Condition.None, false, AuditEvent.TechnicianLogin),
            new OperationRule(Operation.TechnicianLogout, "logout", Role.Technician, WhileLocked.Allowed, Condition.None, false, AuditEvent.TechnicianLogout),
            // bindings
            new OperationRule(Operation.Bind, "keypad new binding", Role.Operator, WhileLocked.Refused, Condition.None, false, AuditEvent.BindingAdded),
            new OperationRule(Operation.Deregister, "keypad deregister", Role.Operator, WhileLocked.Refused, Condition.None, true, AuditEvent.BindingDeregistered),
            // lost or stolen
            new OperationRule(Operation.Lock, "lock / fleet lock", Role.Technician | Role.Fleet, WhileLocked.Allowed, Condition.UnlockCodeSet, false, AuditEvent.Lock),
            // The fleet's verified command is its credential: it unlocks without the code.
            new OperationRule(Operation.Unlock, "unlock / fleet unlock", Role.Technician | Role.LockedKeypad | Role.Fleet, WhileLocked.Allowed, Condition.None, false, AuditEvent.Unlock),
            // maintenance
            new OperationRule(Operation.Backup, "backup / keypad back up first", Role.Technician | Role.Operator, WhileLocked.Refused, Condition.None, false, AuditEvent.Backup),
            new OperationRule(Operation.Restore, "restore", Role.Technician, WhileLocked.Refused, Condition.None, true, AuditEvent.Restore),
            new OperationRule(Operation.RestoreForeign, "restore foreign", Role.Technician, WhileLocked.Refused, Condition.None, true, AuditEvent.Restore),
            new OperationRule(Operation.NewBackupSecret, "new-backup-secret", Role.Technician, WhileLocked.Refused, Condition.None, true, AuditEvent.BackupSecretSet),
            new OperationRule(Operation.FactoryReset, "factory-reset", Role.Technician, WhileLocked.Refused, Condition.None, true, AuditEvent.FactoryReset),
            new OperationRule(Operation.SetTime, "set-time", Role.Technician | Role.Fleet, WhileLocked.Refused, Condition.None, false, AuditEvent.ClockSet),
            // codes
            new OperationRule(Operation.SetPassword, "keypad change password", Role.Operator, WhileLocked.Refused, Condition.None, false, AuditEvent.PasswordChanged),
            new OperationRule(Operation.ResetPassword, "reset-password", Role.Technician, WhileLocked.Refused, Condition.None, true, AuditEvent.PasswordReset),
            new OperationRule(Operation.SetTechnicianCode, "set-technician-code", Role.Technician, WhileLocked.Refused, Condition.FirstTechnicianCode, false, AuditEvent.TechnicianCodeSet),
            new OperationRule(Operation.SetUnlockCode, "set-unlock-code", Role.Technician, WhileLocked.WhenUnlockCodeDamaged, Condition.None, false, AuditEvent.UnlockCodeSet),
            // Refused while locked: whoever holds a locked terminal must not take the fleet's control away.
            new OperationRule(Operation.SetFleetKey, "set-fleet-key", Role.Technician, WhileLocked.Refused, Condition.None, false, AuditEvent.FleetKeySet),
            // lifecycle (issue 11): the keypad's reactivate asks for the password again
            new OperationRule(Operation.Pause, "keypad pause / fleet pause", Role.Operator | Role.Fleet, WhileLocked.Allowed, Condition.None, false, AuditEvent.Pause),
            new OperationRule(Operation.Reactivate, "keypad reactivate / fleet reactivate", Role.Operator | Role.Fleet, WhileLocked.Allowed, Condition.None, false, AuditEvent.Reactivate),
            new OperationRule(Operation.SetMerchantName, "fleet set-merchant-name", Role.Fleet, WhileLocked.Allowed, Condition.None, false, AuditEvent.MerchantNameSet),
            // settings
            new OperationRule(Operation.SetLanguage, "keypad language", Role.Operator, WhileLocked.Refused, Condition.None, false, AuditEvent.SettingChanged),
            new OperationRule(Operation.SetPasswordAge, "keypad password age", Role.Operator, WhileLocked.Refused, Condition.None, false, AuditEvent.SettingChanged),
            new OperationRule(Operation.SetBuzzer, "keypad buzzer", Role.Operator, WhileLocked.Refused, Condition.None, false, AuditEvent.SettingChanged),
        };

        /// <summary>The rule of operation (every operation has exactly one).</summary>
        public static OperationRule Of(Operation operation)
        {
            for (int i = 0; i < Rules.Length; i++)
            {
                if (Rules[i].Operation == operation) return Rules[i];
            }
            return null;
        }
    }
}

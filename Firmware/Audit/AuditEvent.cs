namespace PosTerminal.Firmware.Audit
{
    /// <summary>What an audit entry records. Values are stored in flash: never renumber.</summary>
    public enum AuditEvent
    {
        LoginSuccess = 1,
        LoginFailure = 2,
        Lockout = 3,
        BindingAdded = 4,
        BindingDeregistered = 5,
        PasswordChanged = 6,
        Lock = 7,
        Unlock = 8,
        FactoryReset = 9,
        StorageRecovery = 10,
        UnlockCodeSet = 11,
        ClockSet = 12,
        Restore = 13,
        Backup = 14,
        /// <summary>Paused (card reader off): detail says who (fleet, operator).</summary>
        Pause = 15,
        Reactivate = 16,
        MerchantNameSet = 17,
        /// <summary>A fleet command refused before acting (forged, replayed, expired...), rate-limited.</summary>
        FleetRefused = 18,
        FleetKeySet = 19,
        /// <summary>The outbox was full: the oldest undelivered event was dropped.</summary>
        OutboxOverflow = 20
    }

    /// <summary>How it went. Stored: never renumber.</summary>
    public enum AuditOutcome
    {
        Ok = 1,
        Failed = 2,
        /// <summary>Not attempted: locked out, locked terminal, bad input.</summary>
        Refused = 3
    }

    /// <summary>Stable names: console lines (long) and the 16-cell LCD (short). Enum ToString is not reliable on nanoFramework.</summary>
    public static class AuditNames
    {
        public static string Event(AuditEvent e)
        {
            switch (e)
            {
                case AuditEvent.LoginSuccess: return "login-success";
                case AuditEvent.LoginFailure: return "login-failure";
                case AuditEvent.Lockout: return "lockout";
                case AuditEvent.BindingAdded: return "binding-added";
                case AuditEvent.BindingDeregistered: return "binding-deregistered";
                case AuditEvent.PasswordChanged: return "password-changed";
                case AuditEvent.Lock: return "lock";
                case AuditEvent.Unlock: return "unlock";
                case AuditEvent.FactoryReset: return "factory-reset";
                case AuditEvent.StorageRecovery: return "storage-recovery";
                case AuditEvent.UnlockCodeSet: return "unlock-code-set";
                case AuditEvent.ClockSet: return "clock-set";
                case AuditEvent.Restore: return "restore";
                case AuditEvent.Backup: return "backup";
                case AuditEvent.Pause: return "pause";
                case AuditEvent.Reactivate: return "reactivate";
                case AuditEvent.MerchantNameSet: return "merchant-name-set";
                case AuditEvent.FleetRefused: return "fleet-refused";
                case AuditEvent.FleetKeySet: return "fleet-key-set";
                case AuditEvent.OutboxOverflow: return "outbox-overflow";
                default: return "event-" + ((int)e).ToString();
            }
        }

        /// <summary>At most 9 characters, so "name outcome" fits 16 cells.</summary>
        public static string ShortEvent(AuditEvent e)
        {
            switch (e)
            {
                case AuditEvent.LoginSuccess: return "login";
                case AuditEvent.LoginFailure: return "login-bad";
                case AuditEvent.Lockout: return "lockout";
                case AuditEvent.BindingAdded: return "bind+";
                case AuditEvent.BindingDeregistered: return "bind-";
                case AuditEvent.PasswordChanged: return "pwd-chg";
                case AuditEvent.Lock: return "lock";
                case AuditEvent.Unlock: return "unlock";
                case AuditEvent.FactoryReset: return "reset";
                case AuditEvent.StorageRecovery: return "recovery";
                case AuditEvent.UnlockCodeSet: return "code-set";
                case AuditEvent.ClockSet: return "clock-set";
                case AuditEvent.Restore: return "restore";
                case AuditEvent.Backup: return "backup";
                case AuditEvent.Pause: return "pause";
                case AuditEvent.Reactivate: return "reactivate";
                case AuditEvent.MerchantNameSet: return "name-set";
                case AuditEvent.FleetRefused: return "fleet-bad";
                case AuditEvent.FleetKeySet: return "fleet-key";
                case AuditEvent.OutboxOverflow: return "outbox-ov";
                default: return "ev" + ((int)e).ToString();
            }
        }

        public static string Outcome(AuditOutcome o)
        {
            switch (o)
            {
                case AuditOutcome.Ok: return "ok";
                case AuditOutcome.Failed: return "failed";
                case AuditOutcome.Refused: return "refused";
                default: return "outcome-" + ((int)o).ToString();
            }
        }

        /// <summary>At most 4 characters.</summary>
        public static string ShortOutcome(AuditOutcome o)
        {
            switch (o)
            {
                case AuditOutcome.Ok: return "ok";
                case AuditOutcome.Failed: return "fail";
                case AuditOutcome.Refused: return "deny";
                default: return "?";
            }
        }
    }
}

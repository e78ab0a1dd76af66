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
        TechnicianLogin = 15,
        TechnicianLogout = 16,
        TechnicianCodeSet = 17,
        /// <summary>A technician replaced a damaged or forgotten operator password (changed at the next login).</summary>
        PasswordReset = 18,
        /// <summary>An operator setting: language or password age.</summary>
        SettingChanged = 19,
        /// <summary>A security record or binding slot the store reports damaged: read on the safe side.</summary>
        StorageDamage = 20,
        /// <summary>An exception in a main-loop pass, caught (Terminal.Poll); also in the LastFault record.</summary>
        Fault = 21,
        /// <summary>Paused (card reader off): detail says who (fleet, operator).</summary>
        Pause = 22,
        /// <summary>Active again; a fleet pause lifted by the fleet waits for the operator's password ("fleet hold lifted").</summary>
        Reactivate = 23,
        MerchantNameSet = 24,
        /// <summary>A fleet command refused before acting (forged, replayed, expired...), rate-limited.</summary>
        FleetRefused = 25,
        FleetKeySet = 26,
        /// <summary>The outbox was full: the oldest undelivered event was dropped.</summary>
        OutboxOverflow = 27,
        /// <summary>A technician made a new backup secret (TerminalSecret): every earlier backup is foreign now.</summary>
        BackupSecretSet = 28
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
        /// <summary>The highest event value this firmware writes.</summary>
        public const AuditEvent LastEvent = AuditEvent.BackupSecretSet;

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
                case AuditEvent.TechnicianLogin: return "technician-login";
                case AuditEvent.TechnicianLogout: return "technician-logout";
                case AuditEvent.TechnicianCodeSet: return "technician-code-set";
                case AuditEvent.PasswordReset: return "password-reset";
                case AuditEvent.SettingChanged: return "setting-changed";
                case AuditEvent.StorageDamage: return "storage-damage";
                case AuditEvent.Fault: return "fault";
                case AuditEvent.Pause: return "pause";
                case AuditEvent.Reactivate: return "reactivate";
                case AuditEvent.MerchantNameSet: return "merchant-name-set";
                case AuditEvent.FleetRefused: return "fleet-refused";
                case AuditEvent.FleetKeySet: return "fleet-key-set";
                case AuditEvent.OutboxOverflow: return "outbox-overflow";
                case AuditEvent.BackupSecretSet: return "backup-secret-set";
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
                case AuditEvent.TechnicianLogin: return "tech-in";
                case AuditEvent.TechnicianLogout: return "tech-out";
                case AuditEvent.TechnicianCodeSet: return "tech-code";
                case AuditEvent.PasswordReset: return "pwd-reset";
                case AuditEvent.SettingChanged: return "setting";
                case AuditEvent.StorageDamage: return "damage";
                case AuditEvent.Fault: return "fault";
                case AuditEvent.Pause: return "pause";
                case AuditEvent.Reactivate: return "reactivate";
                case AuditEvent.MerchantNameSet: return "name-set";
                case AuditEvent.FleetRefused: return "fleet-bad";
                case AuditEvent.FleetKeySet: return "fleet-key";
                case AuditEvent.OutboxOverflow: return "outbox-ov";
                case AuditEvent.BackupSecretSet: return "secret";
                default: return "ev" + ((int)e).ToString();
            }
        }

        /// <summary>
        /// True for security events, kept in their own ring so routine ones cannot push them out:
        /// factory reset, restore, lock, unlock, code and password changes, bursts of failed
        /// logins (Lockout), storage damage, pause and reactivate, the fleet key and the backup
        /// secret, and events the outbox had to drop. A failed or refused attempt at one of them is
        /// routine: a thief trying unlock codes must not flush the lock's own entry.
        /// </summary>
        public static bool IsSecurity(AuditEvent e, AuditOutcome o)
        {
            switch (e)
            {
                case AuditEvent.Lockout:
                case AuditEvent.FactoryReset:
                case AuditEvent.StorageRecovery:
                case AuditEvent.StorageDamage:
                case AuditEvent.PasswordReset:
                case AuditEvent.OutboxOverflow:
                    return true;
                case AuditEvent.Lock:
                case AuditEvent.Unlock:
                case AuditEvent.UnlockCodeSet:
                case AuditEvent.TechnicianCodeSet:
                case AuditEvent.PasswordChanged:
                case AuditEvent.Restore:
                case AuditEvent.Pause:
                case AuditEvent.Reactivate:
                case AuditEvent.FleetKeySet:
                case AuditEvent.BackupSecretSet:
                    return o == AuditOutcome.Ok;
                default:
                    return false;
            }
        }

        /// <summary>
        /// Events that repeat in bursts: a repeat of the newest entry of its ring (same event and
        /// outcome) updates that entry and counts it (Repeats) instead of taking a slot.
        /// </summary>
        public static bool Coalesces(AuditEvent e)
        {
            return e == AuditEvent.LoginFailure || e == AuditEvent.Lockout || e == AuditEvent.ClockSet
                || e == AuditEvent.Fault || e == AuditEvent.TechnicianLogin || e == AuditEvent.Unlock;
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

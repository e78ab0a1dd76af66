using PosTerminal.Firmware.Storage;

namespace PosTerminal.Firmware.Audit
{
    /// <summary>
    /// The critical kinds of audit entry whose newest one is pinned: kept in a record of its own
    /// (RecordKeys.FirstPinnedAuditEntry + kind) as well as in the security ring, so no run of
    /// newer entries pushes it out of the log. The ring alone could be flushed by a logged-in
    /// technician: 20 x (lock, unlock CODE) pushed a factory reset out of its 32 slots, since
    /// alternating entries do not coalesce. With the pins, whatever the ring lost, `log` and a
    /// backup still hold the newest factory reset, restore (own and foreign apart), lock,
    /// unlock, each code change, the backup secret, the fleet key, a console lockout (technician
    /// login or code guesses) and a keypad one, storage damage and recovery, pause, reactivate
    /// and the outbox's overflow. Apart because one kind must not replace the other: a thief on
    /// the keypad can lock the operator out at will, and must not overwrite the console lockout
    /// that technician-code guesses left; a restore of this terminal's own backup must not
    /// overwrite the foreign restore that added merchants.
    ///
    /// Kind numbers are record keys: never renumber. Only security entries (AuditNames.IsSecurity)
    /// are pinned; a failed or refused attempt is routine and never replaces a pin.
    /// </summary>
    public static class AuditPins
    {
        public const int Count = RecordKeys.PinnedAuditEntries;
        public const int None = -1;

        private const int FactoryReset = 0, Restore = 1, RestoreForeign = 2, Lock = 3, Unlock = 4, UnlockCodeSet = 5,
            TechnicianCodeSet = 6, PasswordChanged = 7, PasswordReset = 8, BackupSecretSet = 9, FleetKeySet = 10,
            LockoutKeypad = 11, LockoutConsole = 12, StorageDamage = 13, StorageRecovery = 14, Pause = 15,
            Reactivate = 16, OutboxOverflow = 17;

        /// <summary>The record key of kind's pin.</summary>
        public static int KeyOf(int kind)
        {
            return RecordKeys.FirstPinnedAuditEntry + kind;
        }

        /// <summary>The pinned kind of an entry, or None. The detail tells apart what the event alone does not.</summary>
        public static int Of(AuditEvent e, AuditOutcome o, string detail)
        {
            if (!AuditNames.IsSecurity(e, o)) return None;
            switch (e)
            {
                case AuditEvent.FactoryReset: return FactoryReset;
                // RestorePlan.AuditDetail: "foreign PT000002" or "3 bindings".
                case AuditEvent.Restore: return StartsWith(detail, "foreign") ? RestoreForeign : Restore;
                case AuditEvent.Lock: return Lock;
                case AuditEvent.Unlock: return Unlock;
                case AuditEvent.UnlockCodeSet: return UnlockCodeSet;
                case AuditEvent.TechnicianCodeSet: return TechnicianCodeSet;
                case AuditEvent.PasswordChanged: return PasswordChanged;
                case AuditEvent.PasswordReset: return PasswordReset;
                case AuditEvent.BackupSecretSet: return BackupSecretSet;
                case AuditEvent.FleetKeySet: return FleetKeySet;
                // TerminalCommands.AuditFailure: "console 60 s" (technician login, technician or
                // unlock code on the console), else the keypad's ("keypad", "deregister", "reactivate").
                case AuditEvent.Lockout: return StartsWith(detail, "console") ? LockoutConsole : LockoutKeypad;
                case AuditEvent.StorageDamage: return StorageDamage;
                case AuditEvent.StorageRecovery: return StorageRecovery;
                case AuditEvent.Pause: return Pause;
                case AuditEvent.Reactivate: return Reactivate;
                case AuditEvent.OutboxOverflow: return OutboxOverflow;
                default: return None;
            }
        }

        public static int Of(AuditEntry entry)
        {
            return Of(entry.Event, entry.Outcome, entry.Detail);
        }

        /// <summary>The kind's name in `log` and `status` ("restore foreign", "lockout console").</summary>
        public static string Name(int kind)
        {
            switch (kind)
            {
                case FactoryReset: return "factory-reset";
                case Restore: return "restore";
                case RestoreForeign: return "restore foreign";
                case Lock: return "lock";
                case Unlock: return "unlock";
                case UnlockCodeSet: return "unlock-code-set";
                case TechnicianCodeSet: return "technician-code-set";
                case PasswordChanged: return "password-changed";
                case PasswordReset: return "password-reset";
                case BackupSecretSet: return "backup-secret-set";
                case FleetKeySet: return "fleet-key-set";
                case LockoutKeypad: return "lockout keypad";
                case LockoutConsole: return "lockout console";
                case StorageDamage: return "storage-damage";
                case StorageRecovery: return "storage-recovery";
                case Pause: return "pause";
                case Reactivate: return "reactivate";
                case OutboxOverflow: return "outbox-overflow";
                default: return "kind " + kind.ToString();
            }
        }

        private static bool StartsWith(string text, string prefix)
        {
            return text != null && text.Length >= prefix.Length && text.Substring(0, prefix.Length) == prefix;
        }
    }
}

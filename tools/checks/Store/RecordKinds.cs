using PosTerminal.Firmware.Storage;

namespace PosTerminal.Tools.Checks.Store
{
    /// <summary>
    /// The kind of record a key is (RecordKeys, and the store's own marks), for sweeps that
    /// report by kind and for checks that an image holds every kind the firmware writes.
    /// </summary>
    public static class RecordKinds
    {
        /// <summary>Every kind the firmware writes: each RecordKeys key or range, then the store's damage mark and retire record.</summary>
        public static readonly string[] Written =
        {
            "settings", "password", "binding", "boot count", "password age", "login guard", "lock", "unlock code",
            "unlock guard", "technician code", "technician guard", "last fault", "damage reported", "backup secret",
            "security audit", "fleet key", "fleet sequence", "lifecycle", "merchant name", "outbox head", "outbox event",
            "routine audit", "pinned audit", "damage mark", "retire record",
        };

        public static string Of(int key)
        {
            if (key >= RecordKeys.FirstBinding && key < RecordKeys.FirstBinding + RecordKeys.MaxBindings) return "binding";
            if (key >= RecordKeys.FirstAuditEntry && key < RecordKeys.FirstAuditEntry + RecordKeys.AuditEntries) return "security audit";
            if (key >= RecordKeys.FirstRoutineAuditEntry && key < RecordKeys.FirstRoutineAuditEntry + RecordKeys.RoutineAuditEntries) return "routine audit";
            if (key >= RecordKeys.FirstPinnedAuditEntry && key < RecordKeys.FirstPinnedAuditEntry + RecordKeys.PinnedAuditEntries) return "pinned audit";
            if (key >= RecordKeys.FirstOutboxEvent && key < RecordKeys.FirstOutboxEvent + RecordKeys.OutboxEvents) return "outbox event";
            switch (key)
            {
                case RecordKeys.Settings: return "settings";
                case RecordKeys.Password: return "password";
                case RecordKeys.BootCount: return "boot count";
                case RecordKeys.PasswordAge: return "password age";
                case RecordKeys.LoginGuard: return "login guard";
                case RecordKeys.TerminalLock: return "lock";
                case RecordKeys.UnlockCode: return "unlock code";
                case RecordKeys.UnlockGuard: return "unlock guard";
                case RecordKeys.TechnicianCode: return "technician code";
                case RecordKeys.TechnicianGuard: return "technician guard";
                case RecordKeys.LastFault: return "last fault";
                case RecordKeys.DamageReported: return "damage reported";
                case RecordKeys.TerminalSecret: return "backup secret";
                case RecordKeys.FleetKey: return "fleet key";
                case RecordKeys.FleetSequence: return "fleet sequence";
                case RecordKeys.Lifecycle: return "lifecycle";
                case RecordKeys.MerchantName: return "merchant name";
                case RecordKeys.OutboxHead: return "outbox head";
                case LogFormat.DamageKey: return "damage mark";
                case LogFormat.RetireKey: return "retire record";
                default: return "key 0x" + key.ToString("X");
            }
        }
    }
}

namespace PosTerminal.Firmware.Storage
{
    /// <summary>Every record key the firmware uses, in one place.</summary>
    public static class RecordKeys
    {
        public const int Settings = 0x01;

        /// <summary>The operator password's hash (GuardedSecret: a PasswordHash record).</summary>
        public const int Password = 0x02;

        // 0x03 is retired (the first flow's own failure count): the lockout is LoginGuard's
        // record alone. Do not reuse it: an old terminal may still hold one.

        /// <summary>Binding slots: FirstBinding .. FirstBinding + MaxBindings - 1.</summary>
        public const int FirstBinding = 0x10;
        public const int MaxBindings = 8;

        // ---- Security, audit and maintenance (issue 5): 0x20 and up ----

        /// <summary>Power-on counter: audit times when the wall clock is unknown.</summary>
        public const int BootCount = 0x20;

        /// <summary>Password change time and maximum age (PasswordPolicy).</summary>
        public const int PasswordAge = 0x21;

        /// <summary>Failed operator logins and the remaining lockout (LoginGuard).</summary>
        public const int LoginGuard = 0x22;

        /// <summary>Lost/stolen lock state (TerminalLock).</summary>
        public const int TerminalLock = 0x23;

        /// <summary>The technician unlock code's hash (PasswordHash record).</summary>
        public const int UnlockCode = 0x24;

        /// <summary>Failed unlock codes and their lockout (a second LoginGuard).</summary>
        public const int UnlockGuard = 0x25;

        /// <summary>The technician's console login code (PasswordHash record; issue 10).</summary>
        public const int TechnicianCode = 0x26;

        /// <summary>Failed technician logins and their lockout (a third LoginGuard).</summary>
        public const int TechnicianGuard = 0x27;

        /// <summary>The last exception a main-loop pass caught (Terminal's fault handler; console status).</summary>
        public const int LastFault = 0x28;

        /// <summary>Which damaged records were already reported, so a reboot does not log the same damage again.</summary>
        public const int DamageReported = 0x29;

        // 0x2A-0x2E: free.

        /// <summary>
        /// The per-terminal secret that authenticates backups (TerminalSecret): made at first
        /// boot, never printed, never in a backup, kept by a factory reset.
        /// </summary>
        public const int TerminalSecret = 0x2F;

        /// <summary>Security audit ring: AuditEntries slots, FirstAuditEntry .. FirstAuditEntry + AuditEntries - 1.</summary>
        public const int FirstAuditEntry = 0x30;
        public const int AuditEntries = 32;

        // ---- Fleet and lifecycle (issue 11): 0x50 .. 0x9F ----

        /// <summary>The per-terminal fleet key (CommandGuard; set-fleet-key). A MAC key: stored as is, never printed.</summary>
        public const int FleetKey = 0x50;

        /// <summary>The highest fleet command sequence accepted (CommandGuard), committed before the command acts.</summary>
        public const int FleetSequence = 0x51;

        /// <summary>Paused or active, and who paused (TerminalLifecycle). Absent = active.</summary>
        public const int Lifecycle = 0x52;

        /// <summary>The merchant name on the idle screen (MerchantName, set-merchant-name).</summary>
        public const int MerchantName = 0x53;

        /// <summary>The outbox's epoch, next event number, dropped count and whether the last append dropped (Outbox).</summary>
        public const int OutboxHead = 0x54;

        /// <summary>Fleet refusals counted but not yet audited one by one or summarised (RefusalLimit): survives a power cut.</summary>
        public const int FleetRefusals = 0x55;

        // 0x56-0x5F: free.

        /// <summary>Outbox events waiting for the broker's PUBACK: slot = number mod OutboxEvents.</summary>
        public const int FirstOutboxEvent = 0x60;
        public const int OutboxEvents = 64;

        // ---- Audit, continued (issue 10) ----

        /// <summary>Routine audit ring: RoutineAuditEntries slots, FirstRoutineAuditEntry .. + RoutineAuditEntries - 1 (0xA0-0xAF).</summary>
        public const int FirstRoutineAuditEntry = 0xA0;
        public const int RoutineAuditEntries = 16;

        /// <summary>
        /// Pinned audit entries (AuditPins): the newest entry of each critical kind, kept
        /// outside the rings so no run of newer entries pushes it out; slot = the kind
        /// (0xB0-0xC1). Committed in the same batch as the ring entry it copies.
        /// </summary>
        public const int FirstPinnedAuditEntry = 0xB0;
        public const int PinnedAuditEntries = 18;
    }
}

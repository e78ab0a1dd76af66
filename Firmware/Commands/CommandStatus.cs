namespace PosTerminal.Firmware.Commands
{
    /// <summary>What a command did. Anything but Done changed nothing stored (except a recorded failed attempt).</summary>
    public enum CommandStatus
    {
        Done = 0,
        /// <summary>The anonymous console: only help, status and login work.</summary>
        LoginFirst,
        /// <summary>This role may not run it (Authorization.Rules).</summary>
        NotAllowed,
        /// <summary>The terminal is locked as lost or stolen.</summary>
        TerminalLocked,
        NoUnlockCode,
        /// <summary>No technician code is set yet (set-technician-code).</summary>
        NoTechnicianCode,
        UnlockCodeDamaged,
        AlreadyLocked,
        NotLocked,
        /// <summary>A wrong password or code (the attempt is recorded by its guard).</summary>
        WrongSecret,
        /// <summary>Too many wrong tries: the guard's wait runs.</summary>
        TryLater,
        /// <summary>A secret of the right shape is needed first (weak, too short, same as before: see the SecretProblem).</summary>
        WeakSecret,
        CurrentCodeRequired,
        /// <summary>The stored secret is damaged: a technician must set it again (Service needed).</summary>
        ServiceNeeded,
        /// <summary>The store has no room; or an attempt could not be recorded.</summary>
        StorageFull,
        Duplicate,
        ListFull,
        NoSuchBinding,
        /// <summary>"Back up first" with no technician logged in on the console: nobody would receive it.</summary>
        NoConsole,
        /// <summary>This terminal has no such part (no console, no JSON for backups).</summary>
        NotAvailable,
        /// <summary>Bad input: nothing changed (the caller has the details).</summary>
        Invalid,
        /// <summary>A restore's preview no longer matches the terminal (it changed since): nothing changed; restore again.</summary>
        Stale,
        AlreadyPaused,
        NotPaused,
        /// <summary>The fleet paused the terminal: its reactivate must come before the operator's.</summary>
        FleetHold,
        /// <summary>The operator paused it: only the operator's password reactivates it (not the fleet).</summary>
        OperatorPause,
        /// <summary>Nothing to change: the value is already the one asked for.</summary>
        Unchanged,
        /// <summary>A destructive step that needs its explicit word (e.g. new-backup-secret confirm).</summary>
        ConfirmNeeded
    }
}

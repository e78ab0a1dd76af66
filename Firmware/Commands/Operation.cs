namespace PosTerminal.Firmware.Commands
{
    /// <summary>Everything the terminal can be asked to do; Authorization.Rules has one row for each.</summary>
    public enum Operation
    {
        Status = 1,
        ViewBindings,
        ViewLog,
        OperatorLogin,
        TechnicianLogin,
        TechnicianLogout,
        Bind,
        Deregister,
        Lock,
        Unlock,
        Backup,
        Restore,
        FactoryReset,
        SetTime,
        SetPassword,
        ResetPassword,
        SetTechnicianCode,
        SetUnlockCode,
        SetLanguage,
        SetPasswordAge,
        SetBuzzer,
        /// <summary>A backup of another terminal, or of an earlier backup secret (`restore foreign`): its Mac cannot be checked here.</summary>
        RestoreForeign,
        /// <summary>A new backup secret (TerminalSecret): the way out of a damaged one.</summary>
        NewBackupSecret,
        SetFleetKey,
        Pause,
        Reactivate,
        SetMerchantName
    }

    /// <summary>Whether an operation runs on a terminal locked as lost or stolen.</summary>
    public enum WhileLocked
    {
        Refused = 0,
        Allowed,
        /// <summary>Only when the stored unlock code is damaged (nobody could unlock otherwise).</summary>
        WhenUnlockCodeDamaged
    }

    /// <summary>A state the operation needs beyond the caller's role.</summary>
    public enum Condition
    {
        None = 0,
        /// <summary>An unlock code is set and readable (a lock nobody can lift would brick the terminal).</summary>
        UnlockCodeSet,
        /// <summary>
        /// The anonymous console is accepted too, when no technician code is set (or it is
        /// damaged) and the terminal is in factory state or an operator session is open.
        /// </summary>
        FirstTechnicianCode
    }
}

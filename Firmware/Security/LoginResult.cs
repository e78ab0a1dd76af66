namespace PosTerminal.Firmware.Security
{
    /// <summary>The outcome of PasswordVault.TryLogin.</summary>
    public enum LoginResult
    {
        /// <summary>Right password; check PasswordVault.MustChange next.</summary>
        Accepted,

        /// <summary>Wrong password; PasswordVault.AttemptsLeft tells how many before a lockout.</summary>
        Wrong,

        /// <summary>Refused: too many wrong attempts (this one may have been the last).</summary>
        LockedOut,

        /// <summary>Refused: the attempt could not be recorded, so it was not checked.</summary>
        StorageFull
    }
}

namespace PosTerminal.Firmware.Security
{
    /// <summary>
    /// Why a new password or unlock code is refused (PasswordPolicy, TerminalLock); each has its
    /// own message on the LCD or console. Finer than the keypad flow's PasswordProblem: it splits
    /// the length and adds SameAsPrevious.
    /// </summary>
    public enum SecretProblem
    {
        None = 0,
        /// <summary>Something other than the digits 0–9.</summary>
        NotDigits,
        TooShort,
        TooLong,
        /// <summary>All one digit, e.g. 777777.</summary>
        AllSameDigit,
        /// <summary>An ascending or descending run, e.g. 123456, 876543, 890123 (wrapping 9→0 counts).</summary>
        Run,
        /// <summary>The same as the password it replaces.</summary>
        SameAsPrevious
    }

    /// <summary>What the terminal should do after a successful login.</summary>
    public enum LoginAdvice
    {
        None = 0,
        /// <summary>The factory password was used: change it before anything else.</summary>
        ChangeRequired,
        /// <summary>The password is older than the maximum age: remind the operator (not forced).</summary>
        ChangeReminder
    }
}

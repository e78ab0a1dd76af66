namespace PosTerminal.Firmware.Security
{
    /// <summary>Why a new password was refused (PasswordVault.CheckNew).</summary>
    public enum PasswordProblem
    {
        None,
        Length,
        NotDigits,
        AllSameDigit,
        RunOfDigits
    }
}

namespace PosTerminal.Firmware.Commands
{
    /// <summary>Where a command comes from. The command layer works out the caller's role from it (TerminalCommands.RoleOf).</summary>
    public enum Channel
    {
        /// <summary>The terminal's own keys: an operator session, the locked screen, or nobody yet.</summary>
        Keypad = 1,
        /// <summary>The maintenance console: a logged-in technician, or nobody (anonymous).</summary>
        Console = 2,
        /// <summary>A network command the fleet code has already verified (issue: fleet management).</summary>
        Fleet = 3
    }
}

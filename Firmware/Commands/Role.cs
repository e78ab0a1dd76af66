namespace PosTerminal.Firmware.Commands
{
    /// <summary>
    /// Who is asking, as the command layer sees it (flags: a rule lists every role it allows).
    /// The layer derives it from the channel and its own session state; no caller claims one.
    /// </summary>
    [System.Flags]
    public enum Role
    {
        None = 0,
        /// <summary>Keypad with an operator session open (after the password).</summary>
        Operator = 1,
        /// <summary>Console with a technician logged in (login CODE).</summary>
        Technician = 2,
        /// <summary>The keypad of a terminal locked as lost or stolen.</summary>
        LockedKeypad = 4,
        /// <summary>A verified network command.</summary>
        Fleet = 8,
        /// <summary>Console without a login.</summary>
        AnonymousConsole = 16,
        /// <summary>Keypad without a session (idle, login screen).</summary>
        IdleKeypad = 32
    }
}

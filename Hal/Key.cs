namespace PosTerminal.Hal
{
    /// <summary>
    /// The keys of the terminal keypad (19 fitted), and one report that is not a key cap:
    /// ClearHeld, sent once when CLEAR has been held down alone for MatrixKeypad.HoldMs.
    /// Values are stable: scripts and tests name them.
    /// </summary>
    public enum Key
    {
        None = 0,
        D0, D1, D2, D3, D4, D5, D6, D7, D8, D9,
        Star, Hash,
        Enter, Cancel, Clear,
        Up, Down,
        Menu, Fn,

        /// <summary>Not a key cap: CLEAR held for MatrixKeypad.HoldMs (its press was reported as Clear first).</summary>
        ClearHeld
    }
}

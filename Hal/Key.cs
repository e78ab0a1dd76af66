namespace PosTerminal.Hal
{
    /// <summary>The 20 keys of the terminal keypad. Values are stable: scripts and tests name them.</summary>
    public enum Key
    {
        None = 0,
        D0, D1, D2, D3, D4, D5, D6, D7, D8, D9,
        Star, Hash,
        Enter, Cancel, Clear,
        Up, Down,
        Menu, Fn
    }
}

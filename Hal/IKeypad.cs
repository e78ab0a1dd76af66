namespace PosTerminal.Hal
{
    /// <summary>
    /// Source of debounced key presses. The firmware polls it from its main loop;
    /// a driver does its bus work inside Poll and must not allocate there.
    /// </summary>
    public interface IKeypad
    {
        /// <summary>Takes the next key press (or auto-repeat) if one is ready.</summary>
        bool TryReadKey(out Key key);
    }
}

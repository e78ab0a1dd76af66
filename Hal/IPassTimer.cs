namespace PosTerminal.Hal
{
    /// <summary>
    /// A part the main loop polls that has timing of its own, not only inputs: keypad debounce
    /// and repeat, a decode done in slices, a line already received. The loop sleeps until the
    /// earliest NextPassMs of its parts or an input (IWake), so an idle terminal does no passes.
    /// </summary>
    public interface IPassTimer
    {
        /// <summary>
        /// Uptime (IClock.UptimeMs) by which this part needs its next pass; at or before now for
        /// "at once", long.MaxValue when only an input (which wakes the loop) can give it work.
        /// </summary>
        long NextPassMs { get; }
    }
}

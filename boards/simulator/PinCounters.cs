namespace PosTerminal.Simulator
{
    /// <summary>
    /// What the pin-level board's hardware has done so far: bus work and the managed
    /// allocation of the firmware's main-loop passes. Subtract two readings to measure an
    /// interval (one key press, one idle second).
    /// </summary>
    public sealed record PinCounters(
        long SpiBytes,
        long SpiTransfers,
        long LcdInstructions,
        long GpioOperations,
        long ColumnEdges,
        long Polls,
        long PollAllocatedBytes)
    {
        public static PinCounters operator -(PinCounters after, PinCounters before)
        {
            return new PinCounters(
                after.SpiBytes - before.SpiBytes,
                after.SpiTransfers - before.SpiTransfers,
                after.LcdInstructions - before.LcdInstructions,
                after.GpioOperations - before.GpioOperations,
                after.ColumnEdges - before.ColumnEdges,
                after.Polls - before.Polls,
                after.PollAllocatedBytes - before.PollAllocatedBytes);
        }
    }
}

using PosTerminal.Hal;

namespace PosTerminal.Virtual
{
    /// <summary>
    /// What the pin-level board's hardware has done so far: bus work, the managed
    /// allocation of the firmware's main-loop passes (and, apart, of the simulated parts
    /// inside them), the virtual time spent in LCD updates and the keys the firmware read.
    /// GpioOperations counts the keypad lines' reads and writes; GpioWrites the writes alone
    /// (the slow ones on the ESP32). LcdClears counts the LCD's Display Clear instructions.
    /// Subtract two readings to measure an interval (one key press, one idle second).
    /// </summary>
    public sealed record PinCounters(
        long SpiBytes,
        long SpiTransfers,
        long LcdInstructions,
        long GpioOperations,
        long ColumnEdges,
        long Polls,
        long PollAllocatedBytes,
        long PartAllocatedBytes = 0,
        long LcdMicros = 0,
        long KeysReported = 0,
        long GpioWrites = 0,
        long LcdClears = 0)
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
                after.PollAllocatedBytes - before.PollAllocatedBytes,
                after.PartAllocatedBytes - before.PartAllocatedBytes,
                after.LcdMicros - before.LcdMicros,
                after.KeysReported - before.KeysReported,
                after.GpioWrites - before.GpioWrites,
                after.LcdClears - before.LcdClears);
        }
    }

    /// <summary>
    /// One PinBoard.PressKey: what it cost (hold and release, 160 ms), when the contacts
    /// settled and when the firmware read the key (virtual µs; -1 if it did not while held),
    /// and the screen before and after.
    /// </summary>
    public sealed record KeyPress(Key Key, PinCounters Cost, long SettledMicros, long ReportedMicros, string From, string To)
    {
        /// <summary>Contacts settled to key read, µs; -1 when the key was not read while held.</summary>
        public long LatencyMicros { get { return ReportedMicros < 0 ? -1 : ReportedMicros - SettledMicros; } }
    }
}

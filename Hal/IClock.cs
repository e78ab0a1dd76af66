using System;

namespace PosTerminal.Hal
{
    /// <summary>
    /// All firmware timing comes from here, so the simulator and tests run on virtual time.
    /// </summary>
    public interface IClock
    {
        /// <summary>Milliseconds since power-on; monotonic.</summary>
        long UptimeMs { get; }

        /// <summary>True once the wall clock has been set (console set-time, later the network).</summary>
        bool WallClockKnown { get; }

        /// <summary>UTC wall-clock time; meaningful only when WallClockKnown.</summary>
        DateTime UtcNow { get; }

        void SetWallClock(DateTime utc);

        /// <summary>
        /// Waits about us microseconds (controller execution times). The device busy-waits on
        /// its µs timer; the simulator advances virtual time.
        /// </summary>
        void DelayMicroseconds(int us);
    }
}

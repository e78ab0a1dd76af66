using System;
using nanoFramework.Hardware.Esp32;
using nanoFramework.Runtime.Native;
using PosTerminal.Hal;

namespace PosTerminal.Esp32.Adapters
{
    /// <summary>
    /// Time on the ESP32. Uptime and short waits come from the esp_timer microsecond counter
    /// (HighResTimer.GetCurrent: µs since boot). The wall clock is the RTC, set with
    /// Rtc.SetSystemTime (nanoFramework.Runtime.Native); the board has no battery, so after a
    /// power-up the time is unknown until the console's set-time (or, later, the network).
    /// </summary>
    public sealed class Esp32Clock : IClock
    {
        private bool _wallClockKnown;

        public long UptimeMs { get { return (long)(HighResTimer.GetCurrent() / 1000); } }

        /// <summary>
        /// Set by the console, or by SNTP: the ESP32 starts SNTP natively once the network is up
        /// (nf-interpreter targets/ESP32/_common/targetHAL_Network.cpp), and nanoFramework's own
        /// test for a valid time is DateTime.UtcNow.Year >= 2021 (System.Net NetworkHelper.cs).
        /// </summary>
        public bool WallClockKnown { get { return _wallClockKnown || DateTime.UtcNow.Year >= 2021; } }

        public DateTime UtcNow { get { return DateTime.UtcNow; } }

        public void SetWallClock(DateTime utc)
        {
            // Whole seconds: the native call takes year..second.
            if (!Rtc.SetSystemTime(utc))
            {
                throw new InvalidOperationException("the RTC refused the time");
            }
            _wallClockKnown = true;
        }

        /// <summary>
        /// Busy-waits: ST7920 waits are 72 µs to 1.6 ms, below what Thread.Sleep can time.
        /// A managed call already costs tens of µs here, so the wait is never shorter than asked.
        /// </summary>
        public void DelayMicroseconds(int us)
        {
            ulong end = HighResTimer.GetCurrent() + (ulong)us;
            while (HighResTimer.GetCurrent() < end)
            {
            }
        }
    }
}

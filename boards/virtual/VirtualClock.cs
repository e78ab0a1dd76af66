using System;
using PosTerminal.Hal;

namespace PosTerminal.Virtual
{
    /// <summary>Virtual time in microseconds: only Advance (and DelayMicroseconds) moves it.</summary>
    public sealed class VirtualClock : IClock
    {
        private long _micros;
        private bool _wallKnown;
        private DateTime _wallAtZero;

        public long UptimeMs { get { return _micros / 1000; } }

        public long UptimeMicros { get { return _micros; } }

        public bool WallClockKnown { get { return _wallKnown; } }

        public DateTime UtcNow { get { return _wallAtZero.AddTicks(_micros * 10); } }

        public void SetWallClock(DateTime utc)
        {
            _wallAtZero = utc.AddTicks(-_micros * 10);
            _wallKnown = true;
        }

        public void DelayMicroseconds(int us)
        {
            _micros += us;
        }

        public void AdvanceMicros(long us)
        {
            _micros += us;
        }

        /// <summary>Power-on: uptime restarts; the wall clock is lost (the board has no RTC battery).</summary>
        public void PowerOn()
        {
            _micros = 0;
            _wallKnown = false;
        }
    }
}

using PosTerminal.Hal;

namespace PosTerminal.Firmware.Fleet
{
    /// <summary>
    /// How refused fleet commands are audited without a flood filling the routine audit ring:
    /// at most PerWindow entries per WindowMs of uptime; refusals past that are counted and the
    /// next entry written says how many it stands for ("forged +57"). Every refusal is still
    /// acked. The command layer (TerminalCommands.Refused) asks Admit, writes the entry, and
    /// tells Written. (A flood needs the fleet's broker credentials: the ACL lets only the fleet
    /// user write pos/ID/cmd.)
    /// </summary>
    public sealed class RefusalLimit
    {
        public const int PerWindow = 3;
        public const long WindowMs = 3600000;

        private readonly IClock _clock;
        private long _windowStart = -WindowMs;
        private int _written;
        private int _suppressed;

        public RefusalLimit(IClock clock)
        {
            _clock = clock;
        }

        /// <summary>Refusals not written since the last entry.</summary>
        public int Suppressed { get { return _suppressed; } }

        /// <summary>The audit detail to write for this refusal, or null when the window is full (it is counted).</summary>
        public string Admit(FleetCode code)
        {
            long now = _clock.UptimeMs;
            if (now - _windowStart >= WindowMs)
            {
                _windowStart = now;
                _written = 0;
            }
            if (_written >= PerWindow)
            {
                _suppressed++;
                return null;
            }
            string detail = FleetCodes.Name(code);
            if (_suppressed > 0) detail += " +" + _suppressed.ToString();
            return detail;
        }

        /// <summary>The entry Admit asked for was written (not dropped by a full store).</summary>
        public void Written()
        {
            _written++;
            _suppressed = 0;
        }
    }
}

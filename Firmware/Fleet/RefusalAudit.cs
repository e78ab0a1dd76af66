using PosTerminal.Firmware.Audit;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Fleet
{
    /// <summary>
    /// Audits refused fleet commands without letting a flood flush the 32-entry audit ring:
    /// at most PerWindow entries per WindowMs of uptime; refusals past that are counted and the
    /// next entry written says how many it stands for ("forged +57"). Every refusal is still
    /// acked. (A flood needs the fleet's broker credentials: the ACL lets only the fleet user
    /// write pos/ID/cmd.)
    /// </summary>
    public sealed class RefusalAudit
    {
        public const int PerWindow = 3;
        public const long WindowMs = 3600000;

        private readonly AuditLog _audit;
        private readonly IClock _clock;
        private long _windowStart = -WindowMs;
        private int _written;
        private int _suppressed;

        public RefusalAudit(AuditLog audit, IClock clock)
        {
            _audit = audit;
            _clock = clock;
        }

        /// <summary>Refusals not written since the last entry.</summary>
        public int Suppressed { get { return _suppressed; } }

        public void Refused(FleetCode code)
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
                return;
            }
            string detail = FleetCodes.Name(code);
            if (_suppressed > 0) detail += " +" + _suppressed.ToString();
            if (_audit.Record(AuditEvent.FleetRefused, AuditOutcome.Refused, detail))
            {
                _written++;
                _suppressed = 0;
            }
        }
    }
}

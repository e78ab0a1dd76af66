namespace PosTerminal.Firmware.Fleet
{
    /// <summary>The topic contract (docs/fleet.md), built once per terminal so the main loop never concatenates.</summary>
    public sealed class FleetTopics
    {
        public FleetTopics(string terminalId)
        {
            Command = "pos/" + terminalId + "/cmd";
            Ack = "pos/" + terminalId + "/ack";
            State = "pos/" + terminalId + "/state";
            Events = "pos/" + terminalId + "/events";
        }

        /// <summary>Fleet to terminal: signed commands (QoS 1, queued by the broker while the terminal is offline).</summary>
        public string Command { get; private set; }

        /// <summary>Terminal to fleet: one answer per command, refusals included.</summary>
        public string Ack { get; private set; }

        /// <summary>Terminal to fleet, retained: lifecycle, lock, firmware, binding count, last seen; the will sets it offline.</summary>
        public string State { get; private set; }

        /// <summary>Terminal to fleet: what the host must not miss, from the outbox (at least once, ids for counting once).</summary>
        public string Events { get; private set; }
    }
}

using PosTerminal.Firmware.Audit;
using PosTerminal.Firmware.Json;
using PosTerminal.Firmware.Security;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Fleet
{
    /// <summary>The JSON the terminal publishes: state, acks and events (docs/fleet.md has every field).</summary>
    public sealed class FleetDocuments
    {
        private readonly string _terminalId;
        private readonly IClock _clock;
        private readonly JsonWriter _writer = new JsonWriter(256);

        public FleetDocuments(string terminalId, IClock clock)
        {
            _terminalId = terminalId;
            _clock = clock;
        }

        /// <summary>pos/ID/state: online true (retained) or false (the will).</summary>
        public byte[] State(FleetState state, bool online, int outbox)
        {
            _writer.Reset();
            _writer.BeginObject().Member("v", 1).Member("terminal", _terminalId).Member("online", online);
            WriteState(state);
            _writer.Member("outbox", outbox);
            Seen();
            _writer.EndObject();
            return Utf8.Encode(_writer.ToString());
        }

        /// <summary>pos/ID/ack. id may be null (unreadable command); state only for verified commands.</summary>
        public byte[] Ack(string id, long sequence, FleetResult result, FleetState state)
        {
            _writer.Reset();
            _writer.BeginObject().Member("v", 1).Member("terminal", _terminalId);
            _writer.Name("id").String(id);
            _writer.Member("seq", sequence).Member("ok", result.Ok).Member("code", FleetCodes.Name(result.Code))
                .Member("text", result.Text);
            if (state != null)
            {
                _writer.Name("state").BeginObject();
                WriteState(state);
                _writer.EndObject();
            }
            Seen();
            _writer.EndObject();
            return Utf8.Encode(_writer.ToString());
        }

        /// <summary>One pos/ID/events payload, as the outbox keeps it.</summary>
        public byte[] Event(uint epoch, uint number, uint dropped, string type, string detail, uint boot)
        {
            _writer.Reset();
            _writer.BeginObject().Member("v", 1).Member("id", EventId(epoch, number)).Member("terminal", _terminalId)
                .Member("n", number).Member("type", type).Member("detail", detail);
            Time("at");
            _writer.Member("boot", boot).Member("up", _clock.UptimeMs / 1000).Member("dropped", dropped);
            _writer.EndObject();
            return Utf8.Encode(_writer.ToString());
        }

        public string EventId(uint epoch, uint number)
        {
            return _terminalId + "-" + Hex8(epoch) + "-" + number.ToString();
        }

        private void WriteState(FleetState state)
        {
            _writer.Member("state", state.Lifecycle).Member("locked", state.Locked).Member("lockReason", state.LockReason)
                .Member("paused", state.Paused).Member("pausedBy", state.PausedBy).Member("waitingFor", state.WaitingFor)
                .Member("firmware", state.Firmware)
                .Member("bindings", state.Bindings).Member("merchantName", state.MerchantName);
        }

        private void Seen()
        {
            Time("seen");
        }

        private void Time(string name)
        {
            _writer.Name(name);
            if (_clock.WallClockKnown) _writer.String(UtcTime.Format(UtcTime.ToUnixSeconds(_clock.UtcNow)));
            else _writer.Null();
        }

        private static string Hex8(uint value)
        {
            byte[] b = new byte[4];
            LittleEndian.PutU32(b, 0, value);
            byte[] big = new byte[] { b[3], b[2], b[1], b[0] };
            return AsciiText.Hex(big);
        }

        /// <summary>The event type an audit entry becomes on pos/ID/events, or null when it is not reported.</summary>
        public static string EventType(AuditEvent auditEvent)
        {
            switch (auditEvent)
            {
                case AuditEvent.BindingAdded: return "binding-added";
                case AuditEvent.BindingDeregistered: return "binding-deregistered";
                case AuditEvent.Lock: return "lock";
                case AuditEvent.Unlock: return "unlock";
                case AuditEvent.FactoryReset: return "factory-reset";
                case AuditEvent.Restore: return "restore";
                case AuditEvent.Pause: return "pause";
                case AuditEvent.Reactivate: return "reactivate";
                case AuditEvent.MerchantNameSet: return "merchant-name-set";
                default: return null;
            }
        }
    }
}

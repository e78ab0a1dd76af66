using PosTerminal.Firmware.Audit;
using PosTerminal.Firmware.Storage;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Fleet
{
    /// <summary>
    /// The terminal's side of the fleet, run from the main loop (Poll): keeps the link up
    /// (reconnect with exponential backoff and jitter), takes commands from pos/ID/cmd,
    /// verifies them (CommandGuard), has IFleetOperations carry them out and acks each one,
    /// publishes the retained state, and delivers the outbox oldest first, one event at a time,
    /// deleting each only after the broker's PUBACK.
    ///
    /// Events come from the audit log (IAuditListener): every audited transition the host
    /// must learn of (FleetDocuments.EventType) goes to the outbox, whoever caused it (keypad,
    /// console, fleet). The event is staged into the very batch that commits the operation and
    /// its audit entry, so after a power cut at any point either the operation did not happen
    /// and no event waits, or it happened and its one event waits.
    ///
    /// Poll also closes the fleet-refusal window on time (IFleetOperations.SummariseRefusals):
    /// refusals past the hourly limit are audited as a summary without waiting for the next one.
    ///
    /// The will is the state as of the connect with online false. When the lifecycle, lock,
    /// binding count or name changes, the agent says goodbye and connects again once nothing is
    /// in flight, so the will never shows an older state than the last one published (a lost
    /// terminal locked a minute after connecting must not read "unlocked" when it disappears).
    ///
    /// An idle pass allocates nothing: it reads the link's state and finds nothing waiting.
    /// </summary>
    public sealed class FleetAgent : IAuditListener, IPassTimer
    {
        public const long FirstRetryMs = 1000;
        public const long MaxRetryMs = 60000;
        /// <summary>The retained state is published again this often while online ("last seen").</summary>
        public const long StateRefreshMs = 600000;
        public const int MessagesPerPoll = 4;

        private readonly IMessageLink _link;
        private readonly IClock _clock;
        private readonly ICrypto _crypto;
        private readonly BootCounter _boot;
        private readonly IFleetOperations _ops;
        private readonly FleetTopics _topics;
        private readonly FleetDocuments _docs;
        private readonly byte[] _jitter = new byte[2];
        private LinkState _state = LinkState.Offline;
        private long _retryMs = FirstRetryMs;
        private long _nextAttemptMs;
        private bool _plannedReconnect;
        private int _inflightToken;
        private uint _inflightNumber;
        private int _pending;
        private bool _stateDirty;
        private long _lastStateMs;
        private string _willSignature = string.Empty;
        private bool _willStale;
        private bool _staged;

        /// <summary>
        /// guard: the fleet key and sequence (the command layer sets the key: set-fleet-key).
        /// operations: the command layer, which carries out verified commands and audits. The
        /// agent hears audit entries as the log's IAuditListener (TerminalCommands.JoinFleet).
        /// </summary>
        public FleetAgent(string terminalId, IMessageLink link, IRecordStore store, IClock clock, ICrypto crypto,
            BootCounter boot, CommandGuard guard, IFleetOperations operations)
        {
            _link = link;
            _clock = clock;
            _crypto = crypto;
            _boot = boot;
            _ops = operations;
            _topics = new FleetTopics(terminalId);
            _docs = new FleetDocuments(terminalId, clock);
            Guard = guard;
            Outbox = new Outbox(store, crypto);
        }

        public CommandGuard Guard { get; private set; }

        public Outbox Outbox { get; private set; }

        public FleetTopics Topics { get { return _topics; } }

        public bool Online { get { return _state == LinkState.Online; } }

        /// <summary>Connections made since power-on.</summary>
        public int Connections { get; private set; }

        /// <summary>
        /// When the agent needs a pass without an input (IPassTimer): offline, at the next
        /// connect attempt; online, at once while something waits to go out, else at the next
        /// state refresh. Arrivals, acks and link state changes wake the loop by themselves
        /// (IMessageLink.Activity); connecting is polled once a second, the loop's longest sleep.
        /// </summary>
        public long NextPassMs
        {
            get
            {
                long link = LinkPassMs();
                long refusals = _ops.RefusalSummaryDueMs;
                return refusals < link ? refusals : link;
            }
        }

        private long LinkPassMs()
        {
            LinkState now = _link.State;
            if (now != _state) return 0;
            if (now == LinkState.Offline) return _nextAttemptMs;
            if (now != LinkState.Online) return long.MaxValue;
            if (_stateDirty || _willStale || (_inflightToken == 0 && Outbox.Count > 0)) return 0;
            return _lastStateMs + StateRefreshMs;
        }

        /// <summary>One pass; true when a command changed what the screen shows (lock, pause, name).</summary>
        public bool Poll()
        {
            if (_clock.UptimeMs >= _ops.RefusalSummaryDueMs) _ops.SummariseRefusals();
            LinkState now = _link.State;
            if (now != _state) StateChanged(now);
            if (now == LinkState.Offline)
            {
                if (_clock.UptimeMs >= _nextAttemptMs) Connect();
                return false;
            }
            if (now != LinkState.Online) return false;
            TakeAcks();
            bool changed = TakeCommands();
            Deliver();
            PublishState();
            RefreshWill();
            return changed;
        }

        /// <summary>Console status lines (no secrets).</summary>
        public string[] StatusLines()
        {
            string link = Online ? "online" : _state == LinkState.Connecting ? "connecting" : "offline";
            if (!Online && _link.LastError.Length > 0) link += " (" + Security.AsciiText.Clean(_link.LastError, 60) + ")";
            string key = Guard.Damaged ? "damaged (set-fleet-key again)" : Guard.HasKey ? "set" : "not set";
            return new string[]
            {
                "fleet: " + link + ", connections " + Connections.ToString(),
                "fleet key: " + key + ", highest sequence " + Guard.HighestSequence.ToString(),
                "fleet outbox: " + Outbox.Count.ToString() + "/" + Outbox.Capacity.ToString() + " waiting, "
                    + Outbox.Dropped.ToString() + " dropped",
            };
        }

        /// <summary>
        /// IAuditListener: an entry the host must learn of gets its event (and the outbox head)
        /// staged into the same batch; the first drop of a run also stages its outbox-overflow
        /// entry there (once per run of drops, kept across reboots by the head).
        /// </summary>
        public void Staging(RecordBatch batch, AuditEvent auditEvent, AuditOutcome outcome, string detail)
        {
            _staged = false;
            if (outcome != AuditOutcome.Ok) return;
            string type = FleetDocuments.EventType(auditEvent);
            if (type == null) return;
            // "dropped" counts the drop this very event causes.
            uint dropped = Outbox.Full ? Outbox.Dropped + 1 : Outbox.Dropped;
            byte[] payload = _docs.Event(Outbox.Epoch, Outbox.NextNumber, dropped, type, detail, _boot.Count);
            bool drops = Outbox.Stage(batch, payload);
            _staged = true;
            if (drops && !Outbox.Dropping) _ops.StageOutboxOverflow(batch);
        }

        /// <summary>IAuditListener: the batch landed, so the staged event waits.</summary>
        public void Committed()
        {
            if (!_staged) return;
            _staged = false;
            Outbox.Committed();
            _stateDirty = true;
        }

        private void StateChanged(LinkState now)
        {
            _state = now;
            if (now == LinkState.Online)
            {
                Connections++;
                _retryMs = FirstRetryMs;
                _inflightToken = 0;
                _pending = 0;
                _link.Subscribe(_topics.Command);
                _stateDirty = true;
                return;
            }
            if (now != LinkState.Offline) return;
            _inflightToken = 0;
            _pending = 0;
            if (_plannedReconnect)
            {
                _plannedReconnect = false;
                _nextAttemptMs = _clock.UptimeMs;
                return;
            }
            // A failed attempt or a dropped link: wait, doubling up to MaxRetryMs, plus up to a
            // quarter more at random so a fleet does not come back all at once after a broker restart.
            _crypto.Random(_jitter);
            long jitter = (_retryMs / 4) * (_jitter[0] | (_jitter[1] << 8)) / 65536;
            _nextAttemptMs = _clock.UptimeMs + _retryMs + jitter;
            _retryMs = _retryMs * 2 > MaxRetryMs ? MaxRetryMs : _retryMs * 2;
        }

        private void Connect()
        {
            FleetState state = _ops.State();
            _willSignature = Signature(state);
            _willStale = false;
            _link.BeginConnect(_topics.State, _docs.State(state, false, Outbox.Count));
        }

        private void TakeAcks()
        {
            int token;
            while (_link.TryTakeAck(out token))
            {
                if (_pending > 0) _pending--;
                if (token != _inflightToken || _inflightToken == 0) continue;
                Outbox.Delivered(_inflightNumber);
                _inflightToken = 0;
            }
        }

        private bool TakeCommands()
        {
            bool changed = false;
            string topic;
            byte[] payload;
            for (int i = 0; i < MessagesPerPoll && _link.TryTakeMessage(out topic, out payload); i++)
            {
                if (topic == _topics.Command && Handle(payload)) changed = true;
            }
            return changed;
        }

        /// <summary>Verifies, runs and acks one command; true when it ran.</summary>
        private bool Handle(byte[] payload)
        {
            string id;
            string problem;
            FleetCommand command = FleetCommand.Parse(payload, out id, out problem);
            if (command == null)
            {
                Refuse(id, 0, FleetCode.Malformed, problem);
                return false;
            }
            if (!FleetCommand.IsKnownOp(command.Op))
            {
                Refuse(command.Id, command.Sequence, FleetCode.UnknownCommand, "unknown command '" + command.Op + "'");
                return false;
            }
            FleetCode verdict = Guard.Check(command);
            if (verdict != FleetCode.Done)
            {
                Refuse(command.Id, command.Sequence, verdict, RefusalText(verdict));
                return false;
            }
            FleetResult result = Execute(command);
            _stateDirty = true;
            Send(_topics.Ack, _docs.Ack(command.Id, command.Sequence, result, _ops.State()), false);
            return true;
        }

        private FleetResult Execute(FleetCommand command)
        {
            string op = command.Op;
            if (op == FleetCommand.Lock) return _ops.Lock(command.Arg.Length > 0 ? command.Arg : "fleet");
            if (op == FleetCommand.Unlock) return _ops.Unlock();
            if (op == FleetCommand.Pause) return _ops.Pause();
            if (op == FleetCommand.Reactivate) return _ops.Reactivate();
            if (op == FleetCommand.SetMerchantName) return _ops.SetMerchantName(command.Arg);
            return _ops.Status();
        }

        private void Refuse(string id, long sequence, FleetCode code, string text)
        {
            _ops.Refused(code);
            Send(_topics.Ack, _docs.Ack(id, sequence, new FleetResult(code, text), null), false);
        }

        private static string RefusalText(FleetCode code)
        {
            switch (code)
            {
                case FleetCode.NoKey: return "no fleet key on this terminal: a technician sets one with set-fleet-key";
                case FleetCode.Damaged: return "fleet key or sequence may be damaged: a technician sets the key again";
                case FleetCode.Forged: return "the MAC does not verify under this terminal's fleet key";
                case FleetCode.Replayed: return "sequence not above the highest accepted";
                case FleetCode.NoClock: return "the terminal does not know the time, so it cannot check expiry";
                case FleetCode.Expired: return "the command has expired";
                default: return "the sequence could not be stored (store full)";
            }
        }

        private void Deliver()
        {
            if (_inflightToken != 0 || Outbox.Count == 0) return;
            uint number;
            byte[] payload = Outbox.PeekOldest(out number);
            if (payload == null) return;
            int token = Send(_topics.Events, payload, false);
            if (token == 0) return;
            _inflightToken = token;
            _inflightNumber = number;
        }

        private void PublishState()
        {
            if (!_stateDirty && _clock.UptimeMs - _lastStateMs < StateRefreshMs) return;
            FleetState state = _ops.State();
            if (Send(_topics.State, _docs.State(state, true, Outbox.Count), true) == 0) return;
            _stateDirty = false;
            _lastStateMs = _clock.UptimeMs;
            if (Signature(state) != _willSignature) _willStale = true;
        }

        /// <summary>Reconnects for a fresh will once everything sent has been acknowledged.</summary>
        private void RefreshWill()
        {
            if (!_willStale || _pending > 0 || _inflightToken != 0) return;
            _willStale = false;
            _plannedReconnect = true;
            _link.Disconnect();
        }

        private int Send(string topic, byte[] payload, bool retain)
        {
            int token = _link.Publish(topic, payload, retain);
            if (token != 0) _pending++;
            return token;
        }

        private static string Signature(FleetState s)
        {
            return s.Lifecycle + "|" + (s.Locked ? "1" : "0") + "|" + s.LockReason + "|" + (s.Paused ? "1" : "0") + "|"
                + s.PausedBy + "|" + s.WaitingFor + "|" + s.Bindings.ToString() + "|" + s.Firmware + "|" + s.MerchantName;
        }
    }
}

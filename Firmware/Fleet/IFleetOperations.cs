namespace PosTerminal.Firmware.Fleet
{
    /// <summary>
    /// What a verified fleet command may do to the terminal: the one seam between the fleet's
    /// remote logic (FleetAgent: parsing, HMAC, sequence, expiry, acks) and the terminal.
    /// FleetAgent calls it only for a command it has verified (CommandGuard.Check accepted it
    /// and committed its sequence); an implementation carries out exactly what is asked, with
    /// the terminal's own rules, and audits through the terminal's services.
    ///
    /// Implemented by the command layer (TerminalCommands, Channel.Fleet: Role.Fleet in
    /// Authorization.Rules), which also writes every audit entry the fleet causes: the
    /// operations' own, refusals (rate-limited) and outbox overflows.
    /// </summary>
    public interface IFleetOperations
    {
        /// <summary>Reads only; the ack carries State() too.</summary>
        FleetResult Status();

        /// <summary>The lost/stolen lock; lifted by the keypad unlock code or a fleet Unlock.</summary>
        FleetResult Lock(string reason);

        FleetResult Unlock();

        /// <summary>Card reader off, bindings kept, the idle screen says so; survives reboots.</summary>
        FleetResult Pause();

        /// <summary>Lifts the fleet's own pause hold; the operator's password on the keypad finishes a reactivation.</summary>
        FleetResult Reactivate();

        /// <summary>Shown on the idle screen; "" clears it.</summary>
        FleetResult SetMerchantName(string name);

        /// <summary>What the state topic and acks report (no identifiers).</summary>
        FleetState State();

        /// <summary>A command was refused before it could act (forged, replayed, expired, malformed...): audit it, rate-limited.</summary>
        void Refused(FleetCode code);

        /// <summary>Uptime (ms) at which refusals past the limit are due to be audited as a summary (long.MaxValue: none pending).</summary>
        long RefusalSummaryDueMs { get; }

        /// <summary>Audits the pending refusal summary when it is due (FleetAgent.Poll checks it on time).</summary>
        void SummariseRefusals();

        /// <summary>The outbox will drop its oldest event (the first of a run of drops): stage its audit entry into batch.</summary>
        void StageOutboxOverflow(PosTerminal.Firmware.Storage.RecordBatch batch);
    }

    /// <summary>The terminal as the fleet sees it: pos/ID/state and the state in each ack.</summary>
    public sealed class FleetState
    {
        /// <summary>"active", "paused" or "locked" (a locked terminal may also be paused: Paused says so).</summary>
        public string Lifecycle { get; set; }

        public bool Locked { get; set; }

        /// <summary>Printable ASCII, at most 24 characters; "" when unlocked.</summary>
        public string LockReason { get; set; }

        public bool Paused { get; set; }

        /// <summary>"fleet" or "operator"; "" when not paused.</summary>
        public string PausedBy { get; set; }

        /// <summary>Who must act before it is active again: "fleet" (its reactivate), "operator" (the password on the keypad); "" when not paused.</summary>
        public string WaitingFor { get; set; }

        public int Bindings { get; set; }

        public string Firmware { get; set; }

        public string MerchantName { get; set; }
    }
}

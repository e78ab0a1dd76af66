namespace PosTerminal.Firmware.Fleet
{
    /// <summary>How a fleet command ended: the "code" of its ack (FleetCodes.Name).</summary>
    public enum FleetCode
    {
        /// <summary>Carried out.</summary>
        Done,
        /// <summary>Nothing to do: the terminal already is as asked (already locked, not paused...).</summary>
        Already,
        /// <summary>Verified, but the terminal's rules refuse it (e.g. a name that does not fit).</summary>
        Refused,
        /// <summary>Verified and allowed, but it could not be done (store full).</summary>
        Failed,
        // Refusals before any action: the command was not verified.
        Malformed,
        NoKey,
        Forged,
        Replayed,
        Expired,
        NoClock,
        /// <summary>The fleet key or sequence record may be damaged: nothing is accepted until set-fleet-key.</summary>
        Damaged,
        UnknownCommand
    }

    /// <summary>An outcome and its text (printable, no secrets): what IFleetOperations returns and the ack carries.</summary>
    public sealed class FleetResult
    {
        public FleetResult(FleetCode code, string text)
        {
            Code = code;
            Text = text;
        }

        public FleetCode Code { get; private set; }

        public string Text { get; private set; }

        /// <summary>True for Done and Already: the terminal is in the state the command asked for.</summary>
        public bool Ok { get { return Code == FleetCode.Done || Code == FleetCode.Already; } }
    }

    /// <summary>The names in acks and docs/fleet.md (enum ToString is not reliable on nanoFramework).</summary>
    public static class FleetCodes
    {
        public static string Name(FleetCode code)
        {
            switch (code)
            {
                case FleetCode.Done: return "done";
                case FleetCode.Already: return "already";
                case FleetCode.Refused: return "refused";
                case FleetCode.Failed: return "failed";
                case FleetCode.Malformed: return "malformed";
                case FleetCode.NoKey: return "no-key";
                case FleetCode.Forged: return "forged";
                case FleetCode.Replayed: return "replayed";
                case FleetCode.Expired: return "expired";
                case FleetCode.NoClock: return "no-clock";
                case FleetCode.Damaged: return "damaged";
                default: return "unknown-command";
            }
        }
    }
}

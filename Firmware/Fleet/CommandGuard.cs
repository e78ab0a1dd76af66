using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Storage;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Fleet
{
    public enum FleetKeyResult
    {
        Set,
        /// <summary>Not 64 hex digits.</summary>
        BadKey,
        /// <summary>A key is set: changing it needs the current one.</summary>
        CurrentKeyRequired,
        WrongCurrentKey,
        StoreFull
    }

    /// <summary>
    /// Decides whether a fleet command may run: the fleet key, the MAC, replay and expiry.
    ///
    /// Decisions:
    /// - The MAC is checked first (constant time), so a sender without the key learns nothing
    ///   about the sequence or the clock from the answer.
    /// - Replay: the sequence must be above the highest one accepted so far. That highest
    ///   sequence is committed BEFORE the command acts: a power cut after the commit loses the
    ///   command (the fleet tool times out and sends a new one) but can never run it twice.
    /// - Expiry needs a wall clock. A terminal that does not know the time refuses every
    ///   command (no-clock): fail closed. The ESP32 has the time from SNTP before it can open
    ///   TLS; the simulator takes the host's time when it joins (docs/fleet.md).
    /// - Key and sequence records that are missing, unreadable or possibly damaged fail closed:
    ///   no key = nothing is accepted; a doubtful sequence = nothing is accepted until
    ///   set-fleet-key, which commits a new key and sequence 0 together (commands MACed with
    ///   the old key no longer verify, so starting the count again opens no replay).
    ///
    /// Records: FleetKey = version (1) = 1 + 32 key bytes; FleetSequence = version (1) = 1 +
    /// i64 little-endian.
    /// </summary>
    public sealed class CommandGuard
    {
        public const int KeyBytes = 32;
        private const byte Version = 1;

        private readonly IRecordStore _store;
        private readonly IClock _clock;
        private readonly ICrypto _crypto;
        private readonly string _terminalId;
        private byte[] _key;
        private long _highest;
        private bool _damaged;

        public CommandGuard(IRecordStore store, IClock clock, ICrypto crypto, string terminalId)
        {
            _store = store;
            _clock = clock;
            _crypto = crypto;
            _terminalId = terminalId;
            Load();
        }

        public bool HasKey { get { return _key != null; } }

        /// <summary>True when the key or sequence record may be damaged: every command is refused.</summary>
        public bool Damaged { get { return _damaged; } }

        /// <summary>The highest sequence accepted (0 before the first).</summary>
        public long HighestSequence { get { return _highest; } }

        /// <summary>
        /// Done when command may run (its sequence is then committed as the highest), else the
        /// refusal (NoKey, Damaged, Forged, Replayed, NoClock, Expired, Failed when the sequence
        /// could not be committed). Nothing is audited here: the command layer audits refusals, rate-limited.
        /// </summary>
        public FleetCode Check(FleetCommand command)
        {
            if (_damaged) return FleetCode.Damaged;
            if (_key == null) return FleetCode.NoKey;
            byte[] expected = _crypto.HmacSha256(_key, FleetCommand.Canonical(_terminalId, command.Id,
                command.Sequence, command.Expires, command.Op, command.Arg));
            if (!PasswordHash.ConstantTimeEquals(expected, command.Mac)) return FleetCode.Forged;
            if (command.Sequence <= _highest) return FleetCode.Replayed;
            if (!_clock.WallClockKnown) return FleetCode.NoClock;
            if (UtcTime.ToUnixSeconds(_clock.UtcNow) >= command.Expires) return FleetCode.Expired;
            try
            {
                _store.Write(RecordKeys.FleetSequence, SequenceRecord(command.Sequence));
            }
            catch (StoreFullException)
            {
                return FleetCode.Failed;
            }
            _highest = command.Sequence;
            return FleetCode.Done;
        }

        /// <summary>
        /// set-fleet-key: the first key (current null, or replacing a damaged one) or a new one
        /// (current must match). The key and sequence 0 are one commit. Never returns key bytes;
        /// the command layer (TerminalCommands.SetFleetKey) authorizes and audits it.
        /// </summary>
        public FleetKeyResult SetKey(byte[] current, byte[] next)
        {
            if (next == null || next.Length != KeyBytes) return FleetKeyResult.BadKey;
            if (_key != null && !_damaged)
            {
                if (current == null) return FleetKeyResult.CurrentKeyRequired;
                if (!PasswordHash.ConstantTimeEquals(current, _key)) return FleetKeyResult.WrongCurrentKey;
            }
            byte[] record = new byte[1 + KeyBytes];
            record[0] = Version;
            System.Array.Copy(next, 0, record, 1, KeyBytes);
            RecordBatch batch = new RecordBatch();
            batch.Write(RecordKeys.FleetKey, record);
            batch.Write(RecordKeys.FleetSequence, SequenceRecord(0));
            try
            {
                _store.Commit(batch);
            }
            catch (StoreFullException)
            {
                return FleetKeyResult.StoreFull;
            }
            _key = new byte[KeyBytes];
            System.Array.Copy(next, _key, KeyBytes);
            _highest = 0;
            _damaged = false;
            return FleetKeyResult.Set;
        }

        private static byte[] SequenceRecord(long sequence)
        {
            byte[] record = new byte[9];
            record[0] = Version;
            LittleEndian.PutI64(record, 1, sequence);
            return record;
        }

        private void Load()
        {
            bool keyDamaged;
            bool seqDamaged;
            byte[] key = SecureRecord.Read(_store, RecordKeys.FleetKey, out keyDamaged);
            byte[] seq = SecureRecord.Read(_store, RecordKeys.FleetSequence, out seqDamaged);
            keyDamaged = keyDamaged || (key != null && (key.Length != 1 + KeyBytes || key[0] != Version));
            seqDamaged = seqDamaged || (seq != null && (seq.Length != 9 || seq[0] != Version));
            if (key != null && !keyDamaged)
            {
                _key = new byte[KeyBytes];
                System.Array.Copy(key, 1, _key, 0, KeyBytes);
            }
            // A key without its sequence record is doubtful too: the count may have been lost.
            _damaged = keyDamaged || seqDamaged || (key != null && seq == null);
            if (seq != null && !seqDamaged) _highest = LittleEndian.GetI64(seq, 1);
        }
    }
}

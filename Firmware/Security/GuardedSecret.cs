using PosTerminal.Firmware.Storage;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Security
{
    /// <summary>What checking an entered secret found.</summary>
    public enum SecretCheck
    {
        Match,
        Wrong,
        /// <summary>The guard's lockout runs: nothing was compared.</summary>
        LockedOut,
        /// <summary>The attempt could not be recorded (store full): refused rather than an unrecorded try.</summary>
        Unavailable,
        /// <summary>The stored secret is damaged: nothing matches until it is set again.</summary>
        Damaged,
        /// <summary>No secret is stored (and there is no factory one).</summary>
        NotSet
    }

    /// <summary>
    /// One secret and the guard that limits guessing it: the operator password (records
    /// Password, LoginGuard; factory secret 123456 while none is stored), the technician code
    /// (TechnicianCode, TechnicianGuard) and the unlock code (UnlockCode, UnlockGuard).
    ///
    /// Check commits the attempt as a failure BEFORE comparing (LoginGuard), so a power cut
    /// gives no free try; a match clears it. Every check is one key derivation (PasswordHash).
    ///
    /// Fail closed: a hash record the store reports damaged, or one that does not decode (a v1
    /// record included), is Damaged: no entry matches it, and the factory secret does not come
    /// back either. It is cleared only by storing a new hash (Replace or a batch).
    /// </summary>
    public sealed class GuardedSecret
    {
        private readonly IRecordStore _store;
        private readonly ICrypto _crypto;
        private readonly int _key;
        private readonly string _factorySecret;
        private PasswordHash _current;
        private bool _damaged;

        /// <param name="factorySecret">What matches while no record is stored; null: nothing does.</param>
        public GuardedSecret(IRecordStore store, IClock clock, ICrypto crypto, int hashKey, int guardKey, string factorySecret)
        {
            _store = store;
            _crypto = crypto;
            _key = hashKey;
            _factorySecret = factorySecret;
            Guard = new LoginGuard(store, clock, guardKey);
            byte[] record = SecureRecord.Read(store, hashKey, out _damaged);
            _current = PasswordHash.Decode(record);
            if (record != null && _current == null) _damaged = true;
        }

        public LoginGuard Guard { get; private set; }

        /// <summary>The record key of the hash.</summary>
        public int Key { get { return _key; } }

        /// <summary>The stored hash; null while none is stored or it is damaged.</summary>
        public PasswordHash Current { get { return _current; } }

        /// <summary>A readable hash is stored.</summary>
        public bool IsSet { get { return _current != null; } }

        /// <summary>The stored hash is damaged or unreadable: nothing matches.</summary>
        public bool Damaged { get { return _damaged; } }

        /// <summary>No record, no damage: the factory secret (if any) is in effect.</summary>
        public bool IsFactory { get { return _current == null && !_damaged && _factorySecret != null; } }

        /// <summary>The next successful login must change it: the factory secret, or a technician's reset.</summary>
        public bool MustChange { get { return IsFactory || (_current != null && _current.MustChange); } }

        /// <summary>Checks entered through the guard: one recorded attempt and one derivation.</summary>
        public SecretCheck Check(string entered)
        {
            if (_damaged) return SecretCheck.Damaged;
            if (_current == null && _factorySecret == null) return SecretCheck.NotSet;
            LoginGate gate = Guard.BeginAttempt();
            if (gate == LoginGate.Locked) return SecretCheck.LockedOut;
            if (gate == LoginGate.Unavailable) return SecretCheck.Unavailable;
            bool same = _current != null ? _current.Matches(_crypto, entered) : PasswordHash.ConstantTimeEquals(entered, _factorySecret);
            if (!same) return SecretCheck.Wrong;
            Guard.RecordSuccess();
            return SecretCheck.Match;
        }

        /// <summary>True when candidate is the stored secret, without the guard (the new-password rule "not the old one"). One derivation.</summary>
        public bool IsCurrent(string candidate)
        {
            if (_current != null) return _current.Matches(_crypto, candidate);
            return IsFactory && PasswordHash.ConstantTimeEquals(candidate, _factorySecret);
        }

        /// <summary>Stores a new hash (one commit; StoreFullException changes nothing).</summary>
        public void Replace(PasswordHash hash)
        {
            _store.Write(_key, hash.Encode());
            Replaced(hash);
        }

        /// <summary>Puts the new hash into batch; call Replaced after the batch is committed.</summary>
        public void Stage(RecordBatch batch, PasswordHash hash)
        {
            batch.Write(_key, hash.Encode());
        }

        /// <summary>Puts the removal of the hash into batch (back to the factory secret); call Cleared after the commit.</summary>
        public void StageClear(RecordBatch batch)
        {
            batch.Delete(_key);
        }

        public void Replaced(PasswordHash hash)
        {
            _current = hash;
            _damaged = false;
        }

        public void Cleared()
        {
            _current = null;
            _damaged = false;
        }
    }
}

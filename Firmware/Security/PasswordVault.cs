using PosTerminal.Firmware.Storage;

namespace PosTerminal.Firmware.Security
{
    /// <summary>
    /// Where the operator password lives: the Password record holds its PasswordHash (salted,
    /// iterated SHA-256; never the digits). Nothing else: the rules (PasswordPolicy), the
    /// lockout (LoginGuard) and the login itself (SecurityServices.Login) are kept once, there.
    ///
    /// No record: the factory password 123456 is in effect (SecurityServices forces its change
    /// at the first login). A record that cannot be read does NOT fall back to the factory
    /// password, which anyone knows: no password matches it until a factory reset from the
    /// maintenance console.
    /// </summary>
    public sealed class PasswordVault
    {
        private readonly IRecordStore _store;
        private PasswordHash _current;
        private bool _unreadable;

        public PasswordVault(IRecordStore store)
        {
            _store = store;
            byte[] record = store.Read(RecordKeys.Password);
            _current = PasswordHash.Decode(record);
            _unreadable = record != null && _current == null;
        }

        /// <summary>The stored password's hash; null while the factory password is in effect (or the record is unreadable).</summary>
        public PasswordHash Current { get { return _current; } }

        /// <summary>True while the factory password is in effect: the first login must change it.</summary>
        public bool MustChange { get { return _current == null && !_unreadable; } }

        /// <summary>A record is there but cannot be read: no login succeeds until a factory reset.</summary>
        public bool Unreadable { get { return _unreadable; } }

        /// <summary>Stores a new password's hash (one commit). False, changing nothing, when the store is full.</summary>
        public bool Replace(PasswordHash hash)
        {
            try
            {
                _store.Write(RecordKeys.Password, hash.Encode());
            }
            catch (StoreFullException)
            {
                return false;
            }
            _current = hash;
            _unreadable = false;
            return true;
        }

        /// <summary>Factory reset: back to the factory password.</summary>
        public void Reset()
        {
            _store.Delete(RecordKeys.Password);
            _current = null;
            _unreadable = false;
        }
    }
}

using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Storage;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Service
{
    /// <summary>
    /// The terminal's own secret: 32 random bytes made at first boot, in their own record
    /// (RecordKeys.TerminalSecret). Backups carry a MAC made with a key derived from it, so
    /// only this terminal can tell its own untouched backups from edited ones. It is never
    /// printed, never in a backup, and kept by a factory reset (restoring after a reset is
    /// what backups are for).
    ///
    /// Two values are derived (HMAC-SHA256 under the secret, native on the ESP32): the MAC key,
    /// and an 8-hex-digit key id that backups name, so that a backup made under an earlier
    /// secret is recognised as foreign rather than as edited.
    ///
    /// Fails closed (read through SecureRecord, as every security record): a record the store
    /// reports damaged (IRecordStore.IsDamaged), or one that
    /// does not decode or whose stored key id does not match its secret, makes the secret
    /// Damaged: nothing is signed and no same-terminal restore verifies until a technician
    /// re-provisions it (Reprovision, the console's `new-backup-secret`). Old backups are then foreign. A missing record (first
    /// boot, or a store that started empty) is made anew, which also makes old backups foreign.
    ///
    /// Record (37 bytes): version (1) = 1, secret (32), key id (4: the first bytes of
    /// HMAC(secret, "PosTerminal key id")).
    /// </summary>
    public sealed class TerminalSecret
    {
        public const int Length = 32;
        private const byte Version = 1;
        private const int KeyIdBytes = 4;
        private const int RecordLength = 1 + Length + KeyIdBytes;

        private readonly IRecordStore _store;
        private readonly ICrypto _crypto;
        private byte[] _secret;
        private byte[] _keyId;
        private bool _verified;
        private byte[] _macKey;

        /// <summary>
        /// Reads the record, or makes it when there is none (first boot: one HMAC call). The
        /// record is checked, and the MAC key derived, only when first needed, so a boot costs
        /// no crypto.
        /// </summary>
        public TerminalSecret(IRecordStore store, ICrypto crypto)
        {
            _store = store;
            _crypto = crypto;
            Load();
        }

        /// <summary>True when backups can be signed and this terminal's backups verified.</summary>
        public bool IsReady
        {
            get
            {
                Verify();
                return _secret != null;
            }
        }

        /// <summary>
        /// The record is there but unusable: reported damaged by the store, not decodable, or (once
        /// checked, on first use) its key id does not match its secret. Known without crypto at
        /// boot for the first two. Missing (a full store at first boot) is not damaged, only not ready.
        /// </summary>
        public bool Damaged { get; private set; }

        /// <summary>
        /// The id backups carry ("Header.Key"): 8 lower-case hex digits, null while damaged.
        /// It identifies the secret without revealing it.
        /// </summary>
        public string KeyId { get { return IsReady ? AsciiText.Hex(_keyId) : null; } }

        /// <summary>HMAC-SHA256 of data under the MAC key (one native call on the ESP32). Only while IsReady.</summary>
        public byte[] Mac(byte[] data)
        {
            if (!IsReady) throw new System.InvalidOperationException("the terminal secret is damaged");
            if (_macKey == null) _macKey = _crypto.HmacSha256(_secret, Label("PosTerminal backup mac"));
            return _crypto.HmacSha256(_macKey, data);
        }

        /// <summary>
        /// A new secret, committed in one write: the way out of Damaged (a logged-in technician's
        /// `new-backup-secret`: TerminalCommands.NewBackupSecret authorizes and audits it). Every
        /// earlier backup is foreign afterwards. False, changing nothing, when the store is full.
        /// </summary>
        public bool Reprovision()
        {
            byte[] secret = new byte[Length];
            _crypto.Random(secret);
            byte[] keyId = KeyIdOf(secret);
            try
            {
                _store.Write(RecordKeys.TerminalSecret, Encode(secret, keyId));
            }
            catch (StoreFullException)
            {
                return false;
            }
            _secret = secret;
            _keyId = keyId;
            _verified = true;
            _macKey = null;
            Damaged = false;
            return true;
        }

        private void Load()
        {
            bool damaged;
            byte[] record = SecureRecord.Read(_store, RecordKeys.TerminalSecret, out damaged);
            if (damaged)
            {
                Damaged = true;
                return;
            }
            if (record == null)
            {
                // First boot. A full store leaves it missing (and unready) until a later boot.
                Reprovision();
                return;
            }
            if (record.Length != RecordLength || record[0] != Version)
            {
                Damaged = true;
                return;
            }
            _secret = new byte[Length];
            System.Array.Copy(record, 1, _secret, 0, Length);
            _keyId = new byte[KeyIdBytes];
            System.Array.Copy(record, 1 + Length, _keyId, 0, KeyIdBytes);
        }

        // The stored key id must be the secret's: a record that does not decode is damaged.
        private void Verify()
        {
            if (_secret == null || _verified) return;
            byte[] keyId = KeyIdOf(_secret);
            for (int i = 0; i < KeyIdBytes; i++)
            {
                if (keyId[i] == _keyId[i]) continue;
                _secret = null;
                _keyId = null;
                Damaged = true;
                return;
            }
            _verified = true;
        }

        private static byte[] Encode(byte[] secret, byte[] keyId)
        {
            byte[] record = new byte[RecordLength];
            record[0] = Version;
            System.Array.Copy(secret, 0, record, 1, Length);
            System.Array.Copy(keyId, 0, record, 1 + Length, KeyIdBytes);
            return record;
        }

        private byte[] KeyIdOf(byte[] secret)
        {
            byte[] full = _crypto.HmacSha256(secret, Label("PosTerminal key id"));
            byte[] id = new byte[KeyIdBytes];
            System.Array.Copy(full, 0, id, 0, KeyIdBytes);
            return id;
        }

        private static byte[] Label(string text)
        {
            char[] chars = text.ToCharArray();
            byte[] bytes = new byte[chars.Length];
            for (int i = 0; i < chars.Length; i++) bytes[i] = (byte)chars[i];
            return bytes;
        }
    }
}

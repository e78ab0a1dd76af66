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
    /// Two keys are derived (HMAC-SHA256 under the secret, native on the ESP32): the MAC key,
    /// and an 8-hex-digit key id that backups name, so that a backup made under an earlier
    /// secret is recognised as foreign rather than as edited. The raw secret is not kept in RAM.
    ///
    /// Fails closed: a record the store reports damaged (IRecordStore.IsDamaged), or one that
    /// does not decode or whose stored key id does not match its secret, makes the secret
    /// Damaged: nothing is signed and no same-terminal restore verifies until a technician
    /// re-provisions it (Reprovision). Old backups are then foreign. A missing record (first
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
        private byte[] _macKey;
        private byte[] _keyId;

        /// <summary>Reads the secret, or makes it when there is none (first boot).</summary>
        public TerminalSecret(IRecordStore store, ICrypto crypto)
        {
            _store = store;
            _crypto = crypto;
            Load();
        }

        /// <summary>True when backups can be signed and this terminal's backups verified.</summary>
        public bool IsReady { get { return _macKey != null; } }

        /// <summary>
        /// The id backups carry ("Header.Key"): 8 lower-case hex digits, null while damaged.
        /// It identifies the secret without revealing it.
        /// </summary>
        public string KeyId { get { return _keyId == null ? null : AsciiText.Hex(_keyId); } }

        /// <summary>HMAC-SHA256 of data under the MAC key (one native call on the ESP32). Only while IsReady.</summary>
        public byte[] Mac(byte[] data)
        {
            if (_macKey == null) throw new System.InvalidOperationException("the terminal secret is damaged");
            return _crypto.HmacSha256(_macKey, data);
        }

        /// <summary>
        /// A new secret, committed in one write: the way out of Damaged (for a logged-in
        /// technician; the command layer authorizes and audits it). Every earlier backup is
        /// foreign afterwards. False, changing nothing, when the store is full.
        /// </summary>
        public bool Reprovision()
        {
            byte[] secret = new byte[Length];
            _crypto.Random(secret);
            byte[] record = Encode(secret);
            try
            {
                _store.Write(RecordKeys.TerminalSecret, record);
            }
            catch (StoreFullException)
            {
                return false;
            }
            Use(secret);
            return true;
        }

        private void Load()
        {
            if (_store.IsDamaged(RecordKeys.TerminalSecret)) return;
            byte[] record = _store.Read(RecordKeys.TerminalSecret);
            if (record == null)
            {
                // First boot. A full store leaves it missing (and unready) until a later boot.
                Reprovision();
                return;
            }
            if (record.Length != RecordLength || record[0] != Version) return;
            byte[] secret = new byte[Length];
            System.Array.Copy(record, 1, secret, 0, Length);
            byte[] keyId = KeyIdOf(secret);
            for (int i = 0; i < KeyIdBytes; i++)
            {
                if (record[1 + Length + i] != keyId[i]) return;
            }
            Use(secret);
        }

        private void Use(byte[] secret)
        {
            _keyId = KeyIdOf(secret);
            _macKey = _crypto.HmacSha256(secret, Label("PosTerminal backup mac"));
        }

        private byte[] Encode(byte[] secret)
        {
            byte[] record = new byte[RecordLength];
            record[0] = Version;
            System.Array.Copy(secret, 0, record, 1, Length);
            byte[] keyId = KeyIdOf(secret);
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

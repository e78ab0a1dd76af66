using PosTerminal.Firmware.Storage;

namespace PosTerminal.Firmware.Security
{
    /// <summary>
    /// How security state is read (fail closed): a record the store reports damaged
    /// (IRecordStore.IsDamaged: its newest version may be lost, so what Read returns may be an
    /// older value) is never used. Each owner then takes the safe side: locked, the guard at
    /// its maximum, no secret matching. A record that is there but does not decode counts as
    /// damaged too (the owners check that themselves).
    /// </summary>
    public static class SecureRecord
    {
        /// <summary>The record's bytes; null when absent or damaged (damaged then says which).</summary>
        public static byte[] Read(IRecordStore store, int key, out bool damaged)
        {
            damaged = store.IsDamaged(key);
            return damaged ? null : store.Read(key);
        }
    }
}

namespace PosTerminal.Firmware.Storage
{
    /// <summary>
    /// Small keyed records in flash. Each Write or Delete is one atomic commit: when it
    /// returns, the new value survives any power cut; a cut during it leaves old or new.
    /// </summary>
    public interface IRecordStore
    {
        /// <summary>The record's bytes, or null when there is none.</summary>
        byte[] Read(int key);

        /// <summary>Commits value under key. Throws StoreFullException, changing nothing, when it cannot fit.</summary>
        void Write(int key, byte[] value);

        /// <summary>Commits the removal of key (no-op when absent).</summary>
        void Delete(int key);
    }
}

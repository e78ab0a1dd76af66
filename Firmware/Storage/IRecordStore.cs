namespace PosTerminal.Firmware.Storage
{
    /// <summary>
    /// Small keyed records in flash. Each Write, Delete or Commit is one atomic commit: when
    /// it returns, the new state survives any power cut; a cut during it leaves old or new.
    /// </summary>
    public interface IRecordStore
    {
        /// <summary>The record's bytes, or null when there is none (see IsDamaged: none may mean lost; LogStore gives none for a damaged key).</summary>
        byte[] Read(int key);

        /// <summary>Commits value under key. Throws StoreFullException, changing nothing, when it cannot fit.</summary>
        void Write(int key, byte[] value);

        /// <summary>Commits the removal of key (no-op when absent).</summary>
        void Delete(int key);

        /// <summary>
        /// Commits every write and delete of batch as one: after a power cut at any point, all
        /// of them or none. Throws StoreFullException, changing nothing, when it cannot fit;
        /// ArgumentException when it is bigger than one commit may be (LogStore.MaxCommitBytes:
        /// 2,016 record bytes on 4 KiB sectors).
        /// </summary>
        void Commit(RecordBatch batch);

        /// <summary>
        /// True when the store found damage that may have been key's newest record: Read then
        /// gives an older value or none, which the caller must not trust (fail closed). Cleared
        /// when key is written or deleted again. Damage no key can be pinned on makes every key
        /// as old as it damaged, keys never written included (LogStore: SPEC.md, "Damage").
        /// </summary>
        bool IsDamaged(int key);
    }
}

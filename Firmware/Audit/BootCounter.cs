using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Storage;

namespace PosTerminal.Firmware.Audit
{
    /// <summary>
    /// Counts power-ons, so that without a wall clock an audit time is still ordered and
    /// meaningful: "boot 7, 83 s after power-on". Record BootCount: version (1) = 1, count (u32).
    /// </summary>
    public sealed class BootCounter
    {
        private const byte Version = 1;
        private readonly IRecordStore _store;
        private uint _count;

        public BootCounter(IRecordStore store)
        {
            _store = store;
            byte[] record = store.Read(RecordKeys.BootCount);
            if (record != null && record.Length == 5 && record[0] == Version)
            {
                _count = LittleEndian.GetU32(record, 1);
            }
        }

        /// <summary>This power-on's number (0 before CountBoot is first called on a fresh store).</summary>
        public uint Count { get { return _count; } }

        /// <summary>Call once per power-on. A full store keeps the count in RAM only.</summary>
        public void CountBoot()
        {
            _count++;
            byte[] record = new byte[5];
            record[0] = Version;
            LittleEndian.PutU32(record, 1, _count);
            try
            {
                _store.Write(RecordKeys.BootCount, record);
            }
            catch (StoreFullException)
            {
            }
        }
    }
}

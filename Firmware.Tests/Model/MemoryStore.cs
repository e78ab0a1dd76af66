using System.Collections.Generic;
using PosTerminal.Firmware.Storage;

namespace PosTerminal.Firmware.Tests.Model
{
    /// <summary>An IRecordStore in a dictionary that logs every commit (and can be made full).</summary>
    internal sealed class MemoryStore : IRecordStore
    {
        public readonly Dictionary<int, byte[]> Records = new Dictionary<int, byte[]>();
        public readonly List<string> Log;
        public bool Full;

        public MemoryStore(List<string> log = null)
        {
            Log = log ?? new List<string>();
        }

        public byte[] Read(int key)
        {
            byte[] value;
            return Records.TryGetValue(key, out value) ? (byte[])value.Clone() : null;
        }

        public void Write(int key, byte[] value)
        {
            if (Full) throw new StoreFullException("full");
            Log.Add("write " + key);
            Records[key] = (byte[])value.Clone();
        }

        public void Delete(int key)
        {
            if (Full) throw new StoreFullException("full");
            Log.Add("delete " + key);
            Records.Remove(key);
        }
    }
}

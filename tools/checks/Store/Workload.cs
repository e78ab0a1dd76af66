using System;
using System.Collections.Generic;
using PosTerminal.Firmware.Storage;

using PosTerminal.Virtual;

namespace PosTerminal.Tools.Checks.Store
{
    /// <summary>One operator action as the store sees it: a write (Value) or a delete (Value null).</summary>
    public sealed class StoreOp
    {
        public StoreOp(string kind, int key, byte[] value)
        {
            Kind = kind;
            Key = key;
            Value = value;
        }

        /// <summary>bind, deregister, settings or password.</summary>
        public string Kind { get; }

        public int Key { get; }

        public byte[] Value { get; }

        public void ApplyTo(IRecordStore store)
        {
            if (Value == null) store.Delete(Key);
            else store.Write(Key, Value);
        }

        public void ApplyTo(Dictionary<int, byte[]> model)
        {
            if (Value == null) model.Remove(Key);
            else model[Key] = Value;
        }

        public override string ToString()
        {
            return Kind + " key " + Key + (Value == null ? "" : " (" + Value.Length + " bytes)");
        }
    }

    /// <summary>
    /// A seeded, repeatable mix of the terminal's store traffic: bind (a binding slot
    /// record of 40-60 bytes), deregister (delete a bound slot), settings change
    /// (24-40 bytes) and password change (48 bytes).
    /// </summary>
    public static class Workload
    {
        /// <summary>Every key the workload touches: what a state check reads back.</summary>
        public static int[] Keys()
        {
            int[] keys = new int[2 + RecordKeys.MaxBindings];
            keys[0] = RecordKeys.Settings;
            keys[1] = RecordKeys.Password;
            for (int slot = 0; slot < RecordKeys.MaxBindings; slot++) keys[2 + slot] = RecordKeys.FirstBinding + slot;
            return keys;
        }

        /// <summary>
        /// Slots 0 and 1 are hot (most binds and deregisters), the others cold: a cold
        /// binding lives long, so compaction keeps copying it out of the oldest sector.
        /// </summary>
        public static StoreOp[] Build(int count, int seed)
        {
            var random = new Random(seed);
            var bound = new bool[RecordKeys.MaxBindings];
            var ops = new StoreOp[count];
            for (int i = 0; i < count; i++)
            {
                int roll = random.Next(100);
                int slot = random.Next(100) < 70 ? random.Next(2) : 2 + random.Next(RecordKeys.MaxBindings - 2);
                if (roll < 25 && bound[slot])
                {
                    bound[slot] = false;
                    ops[i] = new StoreOp("deregister", RecordKeys.FirstBinding + slot, null);
                }
                else if (roll < 80)
                {
                    bound[slot] = true;
                    ops[i] = new StoreOp("bind", RecordKeys.FirstBinding + slot, Bytes(random, 40 + random.Next(21)));
                }
                else if (roll < 92)
                {
                    ops[i] = new StoreOp("settings", RecordKeys.Settings, Bytes(random, 24 + random.Next(17)));
                }
                else
                {
                    ops[i] = new StoreOp("password", RecordKeys.Password, Bytes(random, 48));
                }
            }
            return ops;
        }

        /// <summary>What a store holds for the workload's keys.</summary>
        public static Dictionary<int, byte[]> ReadState(IRecordStore store)
        {
            var state = new Dictionary<int, byte[]>();
            foreach (int key in Keys())
            {
                byte[] value = store.Read(key);
                if (value != null) state[key] = value;
            }
            return state;
        }

        public static bool SameState(Dictionary<int, byte[]> a, Dictionary<int, byte[]> b)
        {
            if (a.Count != b.Count) return false;
            foreach (KeyValuePair<int, byte[]> entry in a)
            {
                byte[] other;
                if (!b.TryGetValue(entry.Key, out other) || !other.AsSpan().SequenceEqual(entry.Value)) return false;
            }
            return true;
        }

        private static byte[] Bytes(Random random, int length)
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            return bytes;
        }
    }
}

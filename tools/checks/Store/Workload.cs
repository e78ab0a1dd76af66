using System;
using System.Collections.Generic;
using PosTerminal.Firmware.Storage;

using PosTerminal.Virtual;

namespace PosTerminal.Tools.Checks.Store
{
    /// <summary>
    /// One operator action as the store sees it: a write (Value), a delete (Value null), or
    /// a batch of them committed as one (Batch).
    /// </summary>
    public sealed class StoreOp
    {
        public StoreOp(string kind, int key, byte[] value)
        {
            Kind = kind;
            Key = key;
            Value = value;
        }

        public StoreOp(string kind, RecordBatch batch)
        {
            Kind = kind;
            Key = -1;
            Batch = batch;
        }

        /// <summary>bind, deregister, settings, password; or a batch: restore, factory-reset, bind+audit.</summary>
        public string Kind { get; }

        /// <summary>The key of a single write or delete; -1 for a batch.</summary>
        public int Key { get; }

        public byte[] Value { get; }

        /// <summary>The records committed together, or null.</summary>
        public RecordBatch Batch { get; }

        public bool IsBatch { get { return Batch != null; } }

        public void ApplyTo(IRecordStore store)
        {
            if (Batch != null) store.Commit(Batch);
            else if (Value == null) store.Delete(Key);
            else store.Write(Key, Value);
        }

        public void ApplyTo(Dictionary<int, byte[]> model)
        {
            if (Batch == null)
            {
                Put(model, Key, Value);
                return;
            }
            for (int i = 0; i < Batch.Count; i++) Put(model, Batch.KeyAt(i), Batch.ValueAt(i));
        }

        public override string ToString()
        {
            if (Batch != null) return Kind + " (" + Batch.Count + " records)";
            return Kind + " key " + Key + (Value == null ? "" : " (" + Value.Length + " bytes)");
        }

        private static void Put(Dictionary<int, byte[]> model, int key, byte[] value)
        {
            if (value == null) model.Remove(key);
            else model[key] = value;
        }
    }

    /// <summary>
    /// A seeded, repeatable mix of the terminal's store traffic: bind (a binding slot record
    /// of 40-60 bytes), deregister (delete a bound slot), settings change (24-40 bytes),
    /// password change (48 bytes), and, when batches are on, the commits that must land
    /// whole: restore (settings, password and bindings), factory reset (every binding and
    /// the settings deleted, an audit entry written) and a binding with its audit entry.
    /// </summary>
    public static class Workload
    {
        /// <summary>Audit slots the workload cycles through (kept few: a small region must hold it all).</summary>
        public const int AuditSlots = 2;

        /// <summary>Every key the workload touches: what a state check reads back.</summary>
        public static int[] Keys()
        {
            int[] keys = new int[2 + RecordKeys.MaxBindings + AuditSlots];
            keys[0] = RecordKeys.Settings;
            keys[1] = RecordKeys.Password;
            for (int slot = 0; slot < RecordKeys.MaxBindings; slot++) keys[2 + slot] = RecordKeys.FirstBinding + slot;
            for (int a = 0; a < AuditSlots; a++) keys[2 + RecordKeys.MaxBindings + a] = RecordKeys.FirstAuditEntry + a;
            return keys;
        }

        /// <summary>Single writes and deletes only: the workload of the first sweep.</summary>
        public static StoreOp[] Build(int count, int seed)
        {
            return Build(count, seed, 0);
        }

        /// <summary>
        /// Slots 0 and 1 are hot (most binds and deregisters), the others cold: a cold
        /// binding lives long, so compaction keeps copying it out of the oldest sector.
        /// maxBatchBytes &gt; 0 mixes in batches of at most that many record bytes.
        /// </summary>
        public static StoreOp[] Build(int count, int seed, int maxBatchBytes)
        {
            var random = new Random(seed);
            var bound = new bool[RecordKeys.MaxBindings];
            var ops = new StoreOp[count];
            int audit = 0;
            for (int i = 0; i < count; i++)
            {
                int roll = random.Next(100);
                int slot = random.Next(100) < 70 ? random.Next(2) : 2 + random.Next(RecordKeys.MaxBindings - 2);
                if (maxBatchBytes > 0 && roll >= 88)
                {
                    ops[i] = BuildBatch(random, roll, bound, ref audit, maxBatchBytes);
                }
                else if (roll < 25 && bound[slot])
                {
                    bound[slot] = false;
                    ops[i] = new StoreOp("deregister", RecordKeys.FirstBinding + slot, null);
                }
                else if (roll < 72)
                {
                    bound[slot] = true;
                    ops[i] = new StoreOp("bind", RecordKeys.FirstBinding + slot, Bytes(random, 40 + random.Next(21)));
                }
                else if (roll < 82)
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

        private static StoreOp BuildBatch(Random random, int roll, bool[] bound, ref int audit, int maxBytes)
        {
            var batch = new RecordBatch();
            int bytes = 0;
            if (roll < 92)
            {
                // A binding and the audit entry that records it.
                int slot = random.Next(RecordKeys.MaxBindings);
                bound[slot] = true;
                batch.Write(RecordKeys.FirstBinding + slot, Bytes(random, 40 + random.Next(21)));
                batch.Write(NextAudit(ref audit), Bytes(random, 16 + random.Next(9)));
                return new StoreOp("bind+audit", batch);
            }
            if (roll < 96)
            {
                // Factory reset: every binding and the settings go, the audit log says so.
                for (int slot = 0; slot < RecordKeys.MaxBindings; slot++)
                {
                    if (!bound[slot]) continue;
                    bound[slot] = false;
                    batch.Delete(RecordKeys.FirstBinding + slot);
                }
                batch.Delete(RecordKeys.Settings);
                batch.Write(NextAudit(ref audit), Bytes(random, 16 + random.Next(9)));
                return new StoreOp("factory-reset", batch);
            }
            // Restore: settings, password and as many bindings as one commit holds; the rest go.
            byte[] settings = Bytes(random, 24 + random.Next(17));
            byte[] password = Bytes(random, 48);
            batch.Write(RecordKeys.Settings, settings);
            batch.Write(RecordKeys.Password, password);
            bytes += LogFormat.RecordSize(settings.Length) + LogFormat.RecordSize(password.Length);
            for (int slot = 0; slot < RecordKeys.MaxBindings; slot++)
            {
                byte[] binding = Bytes(random, 40 + random.Next(21));
                int size = LogFormat.RecordSize(binding.Length);
                if (random.Next(2) == 0 && bytes + size + LogFormat.RecordSize(0) * (RecordKeys.MaxBindings - slot) <= maxBytes)
                {
                    batch.Write(RecordKeys.FirstBinding + slot, binding);
                    bound[slot] = true;
                    bytes += size;
                }
                else
                {
                    batch.Delete(RecordKeys.FirstBinding + slot);
                    bound[slot] = false;
                    bytes += LogFormat.RecordSize(0);
                }
            }
            return new StoreOp("restore", batch);
        }

        private static int NextAudit(ref int audit)
        {
            int key = RecordKeys.FirstAuditEntry + audit;
            audit = (audit + 1) % AuditSlots;
            return key;
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

        /// <summary>The workload's keys the store calls damaged (after a power cut: none may be).</summary>
        public static int DamagedKeys(IRecordStore store)
        {
            int n = 0;
            foreach (int key in Keys()) if (store.IsDamaged(key)) n++;
            return n;
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

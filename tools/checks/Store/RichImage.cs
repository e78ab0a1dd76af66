using System;
using System.Collections.Generic;
using PosTerminal.Firmware.Storage;
using PosTerminal.Virtual.Flash;

namespace PosTerminal.Tools.Checks.Store
{
    /// <summary>
    /// A flash image with every kind of record the firmware writes, built through the store
    /// API on the simulator's real region (16 x 4 KiB): bindings and tombstones of
    /// deregistered ones, settings, the password hash, its age, the login and unlock guards,
    /// the terminal lock, the unlock code, the boot count, audit entries, batches (a binding
    /// with its audit entry, a restore), retire records of a full lap of compaction, the gap
    /// marks of many boots, and an erased tail. Values are random bytes of the real sizes.
    /// </summary>
    public sealed class RichImage
    {
        private RichImage(SimFlash flash, Dictionary<int, byte[]> values, int[] keys)
        {
            Flash = flash;
            Values = values;
            Keys = keys;
        }

        public SimFlash Flash { get; }

        /// <summary>Each key's last committed value (absent: deleted or never written).</summary>
        public Dictionary<int, byte[]> Values { get; }

        /// <summary>Every key a check reads: all the firmware's, written or not, and some never used.</summary>
        public int[] Keys { get; }

        public static RichImage Build(int seed = 1)
        {
            var flash = new SimFlash(SimFlash.DefaultSectorCount, null, SimFlash.DefaultSectorSize, seed);
            var store = new LogStore(flash);
            var model = new Dictionary<int, byte[]>();
            var random = new Random(seed);
            Write(store, model, RecordKeys.Settings, Bytes(random, 2));
            Write(store, model, RecordKeys.Password, Bytes(random, 57));
            Write(store, model, RecordKeys.PasswordAge, Bytes(random, 12));
            Write(store, model, RecordKeys.UnlockCode, Bytes(random, 57));
            Write(store, model, RecordKeys.LoginGuard, Bytes(random, 16));
            Write(store, model, RecordKeys.UnlockGuard, Bytes(random, 16));
            int audit = 0;
            for (int i = 0; i < 1500; i++)
            {
                if (i % 37 == 0)
                {
                    // A boot: the boot count goes up, and the first commit after it spends a gap.
                    store = new LogStore(flash);
                    Write(store, model, RecordKeys.BootCount, Bytes(random, 5));
                }
                int roll = random.Next(100);
                int slot = random.Next(RecordKeys.MaxBindings);
                if (roll < 40) Write(store, model, RecordKeys.FirstAuditEntry + audit++ % RecordKeys.AuditEntries, Bytes(random, 26 + random.Next(20)));
                else if (roll < 55) Write(store, model, RecordKeys.LoginGuard, Bytes(random, 16));
                else if (roll < 70) Write(store, model, RecordKeys.FirstBinding + slot, Bytes(random, 20 + random.Next(25)));
                else if (roll < 78) Delete(store, model, RecordKeys.FirstBinding + slot);
                else if (roll < 86) BindWithAudit(store, model, random, slot, ref audit);
                else if (roll < 90) Write(store, model, RecordKeys.TerminalLock, Bytes(random, 3 + random.Next(20)));
                else if (roll < 94) Write(store, model, RecordKeys.UnlockGuard, Bytes(random, 16));
                else if (roll < 97) Write(store, model, RecordKeys.Password, Bytes(random, 57));
                else Write(store, model, RecordKeys.Settings, Bytes(random, 2));
            }
            // The newest records: a restore, two deregistrations, a failed login, the lock.
            var restore = new RecordBatch();
            restore.Write(RecordKeys.Settings, Bytes(random, 2));
            restore.Write(RecordKeys.Password, Bytes(random, 57));
            for (int slot = 0; slot < RecordKeys.MaxBindings; slot++) restore.Write(RecordKeys.FirstBinding + slot, Bytes(random, 20 + random.Next(25)));
            Commit(store, model, restore);
            Delete(store, model, RecordKeys.FirstBinding + 6);
            Delete(store, model, RecordKeys.FirstBinding + 7);
            store = new LogStore(flash);
            Write(store, model, RecordKeys.BootCount, Bytes(random, 5));
            BindWithAudit(store, model, random, 5, ref audit);
            Write(store, model, RecordKeys.LoginGuard, Bytes(random, 16));
            Write(store, model, RecordKeys.TerminalLock, Bytes(random, 23));
            return new RichImage(flash.Snapshot(), model, AllKeys());
        }

        private static int[] AllKeys()
        {
            var keys = new List<int> { RecordKeys.Settings, RecordKeys.Password, 0x03, RecordKeys.BootCount, RecordKeys.PasswordAge,
                RecordKeys.LoginGuard, RecordKeys.TerminalLock, RecordKeys.UnlockCode, RecordKeys.UnlockGuard, 0x26, 0x2F, 0x50, 0x100 };
            for (int slot = 0; slot < RecordKeys.MaxBindings; slot++) keys.Add(RecordKeys.FirstBinding + slot);
            for (int a = 0; a < RecordKeys.AuditEntries; a++) keys.Add(RecordKeys.FirstAuditEntry + a);
            return keys.ToArray();
        }

        private static void BindWithAudit(LogStore store, Dictionary<int, byte[]> model, Random random, int slot, ref int audit)
        {
            var batch = new RecordBatch();
            batch.Write(RecordKeys.FirstBinding + slot, Bytes(random, 20 + random.Next(25)));
            batch.Write(RecordKeys.FirstAuditEntry + audit++ % RecordKeys.AuditEntries, Bytes(random, 26 + random.Next(20)));
            Commit(store, model, batch);
        }

        private static void Commit(LogStore store, Dictionary<int, byte[]> model, RecordBatch batch)
        {
            store.Commit(batch);
            for (int i = 0; i < batch.Count; i++)
            {
                if (batch.ValueAt(i) == null) model.Remove(batch.KeyAt(i));
                else model[batch.KeyAt(i)] = batch.ValueAt(i);
            }
        }

        private static void Write(LogStore store, Dictionary<int, byte[]> model, int key, byte[] value)
        {
            store.Write(key, value);
            model[key] = value;
        }

        private static void Delete(LogStore store, Dictionary<int, byte[]> model, int key)
        {
            store.Delete(key);
            model.Remove(key);
        }

        private static byte[] Bytes(Random random, int length)
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            return bytes;
        }
    }
}

using System;
using System.Collections.Generic;
using PosTerminal.Firmware.Storage;
using PosTerminal.Virtual.Flash;

namespace PosTerminal.Tools.Checks.Store
{
    /// <summary>
    /// The store-level FlipCheck: after the flip, for every key Read gives exactly the last
    /// committed value, or IsDamaged is true (and Read gives none), never an older or a
    /// deleted value silently; the boot never throws and says FailClosed when it damaged a
    /// key; a second boot reads the same; and the store still takes commits (no program
    /// needing a 0 to 1 change: SimFlash throws on one) that a third boot reads back.
    /// </summary>
    public static class StoreFlipCheck
    {
        private const int ProbeKey = 0x7777;
        private static readonly byte[] Probe = { 0x5A, 0x00, 0xA5, 0xFF, 0x01 };

        public static FlipCheck For(IDictionary<int, byte[]> values, int[] keys)
        {
            return (flash, flip, log) => Judge(flash, flip, log, values, keys);
        }

        private static FlipVerdict Judge(SimFlash flash, BitFlip flip, FlipLog log, IDictionary<int, byte[]> values, int[] keys)
        {
            LogStore first = Boot(flash, flip, log, "first boot");
            if (first == null) return FlipVerdict.Wrong;
            int damaged = 0;
            foreach (int key in keys)
            {
                bool isDamaged = first.IsDamaged(key);
                byte[] got = first.Read(key);
                byte[] want;
                values.TryGetValue(key, out want);
                if (isDamaged)
                {
                    damaged++;
                    if (got != null) return Fail(log, flip, "key " + key + " is damaged yet reads a value");
                }
                else if (!Same(got, want))
                {
                    return Fail(log, flip, "key " + key + (want == null ? " came back" : got == null ? " vanished" : " reads another value") + " with no damage reported");
                }
            }
            if (damaged > 0 && !first.MountReport.FailClosed) return Fail(log, flip, damaged + " keys damaged but the report does not say fail closed");
            LogStore second = Boot(flash, flip, log, "second boot");
            if (second == null) return FlipVerdict.Wrong;
            foreach (int key in keys)
            {
                if (second.IsDamaged(key) != first.IsDamaged(key) || !Same(second.Read(key), first.Read(key)))
                    return Fail(log, flip, "the second boot reads key " + key + " differently");
            }
            byte[] guard = { 0x11, 0x22, 0x33, (byte)flip.Bit };
            try
            {
                second.Write(ProbeKey, Probe);
                second.Write(RecordKeys.LoginGuard, guard);
            }
            catch (Exception e)
            {
                return Fail(log, flip, "committing after the boot threw " + e.GetType().Name + ": " + e.Message);
            }
            LogStore third = Boot(flash, flip, log, "boot after commits");
            if (third == null) return FlipVerdict.Wrong;
            if (!Same(third.Read(ProbeKey), Probe) || !Same(third.Read(RecordKeys.LoginGuard), guard))
                return Fail(log, flip, "commits made after the boot did not read back");
            foreach (int key in keys)
            {
                if (key == RecordKeys.LoginGuard) continue;
                if (third.IsDamaged(key) != first.IsDamaged(key) || !Same(third.Read(key), first.Read(key)))
                    return Fail(log, flip, "after the commits, key " + key + " reads differently");
            }
            if (damaged > 0) return FlipVerdict.Damaged;
            MountReport report = first.MountReport;
            return report.Repaired + report.CorrectedElsewhere > 0 ? FlipVerdict.Corrected : FlipVerdict.Unchanged;
        }

        private static LogStore Boot(SimFlash flash, BitFlip flip, FlipLog log, string what)
        {
            try
            {
                return new LogStore(flash);
            }
            catch (Exception e)
            {
                log.Note(flip + ": the " + what + " threw " + e.GetType().Name + ": " + e.Message);
                return null;
            }
        }

        private static FlipVerdict Fail(FlipLog log, BitFlip flip, string why)
        {
            log.Note(flip + ": " + why);
            return FlipVerdict.Wrong;
        }

        private static bool Same(byte[] a, byte[] b)
        {
            if (a == null || b == null) return a == b;
            return a.AsSpan().SequenceEqual(b);
        }
    }
}

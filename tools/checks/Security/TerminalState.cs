using System;
using System.Collections.Generic;
using System.Linq;
using PosTerminal.Firmware;
using PosTerminal.Firmware.Audit;
using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Storage;
using PosTerminal.Virtual;

namespace PosTerminal.Tools.Checks.Security
{
    /// <summary>
    /// What a terminal holds right after a boot, read from the firmware's own objects (what
    /// every screen, console line and fleet answer is made from), and how two of them differ.
    /// Each difference is judged: a rollback or a resurrection (never allowed), fail closed
    /// (the safe side: damaged, locked, at the guard's maximum) or a plain loss of data
    /// (settings, audit entries, names: allowed only when the terminal says so).
    /// </summary>
    public sealed class TerminalState
    {
        private readonly Dictionary<string, string> _fields = new Dictionary<string, string>();

        public string Screen { get; private set; }
        public string[] Lcd { get; private set; }

        /// <summary>Audit entries as console lines, by sequence.</summary>
        public SortedDictionary<uint, string> Audit { get; } = new SortedDictionary<uint, string>();

        /// <summary>The pinned kind (AuditPins) of each entry in Audit, by sequence (AuditPins.None when none).</summary>
        public Dictionary<uint, int> PinKinds { get; } = new Dictionary<uint, int>();

        public uint NextAuditSequence { get; private set; }

        public MountReport Mount { get; private set; }

        public IReadOnlyDictionary<string, string> Fields { get { return _fields; } }

        public bool Locked { get; private set; }
        public bool LockDamaged { get; private set; }
        public bool ServiceNeeded { get; private set; }
        public int DamagedSlots { get; private set; }
        public bool GuardsAtMax { get; private set; }
        public bool FleetDamaged { get; private set; }
        public bool FleetHoldDamaged { get; private set; }
        public Binding[] Slots { get; } = new Binding[BindingList.Capacity];
        public bool[] SlotDamaged { get; } = new bool[BindingList.Capacity];

        public static TerminalState Of(EventBoard board)
        {
            Terminal t = board.Terminal;
            var s = new TerminalState { Screen = board.ScreenId, Lcd = board.ScreenLines(), Mount = ((LogStore)t.Store).MountReport };
            SecurityServices security = t.Security;
            s.Locked = security.Lock.IsLocked;
            s.LockDamaged = security.Lock.Damaged;
            s.ServiceNeeded = t.Commands.ServiceNeeded;
            s.Put("lock", security.Lock.IsLocked + (security.Lock.Damaged ? " damaged" : " " + security.Lock.Source + " " + security.Lock.Reason));
            s.Secret("password", security.Password);
            s.Secret("technician code", security.Technician);
            s.Secret("unlock code", security.Lock.UnlockCode);
            s.Guard("login guard", security.Guard);
            s.Guard("technician guard", security.Technician.Guard);
            s.Guard("unlock guard", security.Lock.UnlockCode.Guard);
            s.GuardsAtMax = security.Guard.Damaged || security.Technician.Guard.Damaged || security.Lock.UnlockCode.Guard.Damaged;
            s.ReadBindings(t.Bindings);
            s.Put("lifecycle", t.Lifecycle.IsPaused + " " + t.Lifecycle.PausedBy + (t.Lifecycle.Damaged ? " damaged" : ""));
            s.FleetHoldDamaged = t.Lifecycle.Damaged;
            Firmware.Fleet.CommandGuard fleet = t.Fleet.Guard;
            s.FleetDamaged = fleet.Damaged;
            s.Put("fleet", fleet.Damaged ? "damaged" : fleet.HasKey + " " + fleet.HighestSequence);
            s.Put("backup secret", t.Commands.Secret.Damaged ? "damaged" : t.Commands.Secret.KeyId);
            s.Put("settings", t.Settings.Language + " buzzer " + t.Settings.BuzzerOn);
            s.Put("password age", security.Policy.MaxAgeDays + " days, latest " + security.Policy.LatestSeen);
            s.Put("merchant name", t.Merchant.Name);
            s.Put("boot", security.Boot.Count.ToString());
            s.Put("outbox", t.Fleet.Outbox.Count + " waiting, next " + t.Fleet.Outbox.NextNumber + ", dropped " + t.Fleet.Outbox.Dropped);
            LastFault fault = LastFault.Read(t.Store);
            s.Put("last fault", fault == null ? "" : fault.ConsoleLine());
            s.NextAuditSequence = security.Audit.NextSequence;
            foreach (AuditEntry e in security.Audit.ReadNewestFirst(AuditLog.Capacity))
            {
                s.Audit[e.Sequence] = e.ConsoleLine();
                s.PinKinds[e.Sequence] = AuditPins.Of(e);
            }
            return s;
        }

        private void Put(string name, string value)
        {
            _fields[name] = value ?? "";
        }

        private void Secret(string name, GuardedSecret secret)
        {
            string value = secret.Damaged ? "damaged" : secret.Current == null ? (secret.IsFactory ? "factory" : "not set")
                : Convert.ToHexString(secret.Current.Encode());
            Put(name, value);
        }

        private void Guard(string name, LoginGuard guard)
        {
            Put(name, guard.Damaged ? "damaged" : guard.FailedCount + " failed, " + guard.RemainingLockMs + " ms");
        }

        private void ReadBindings(BindingList bindings)
        {
            for (int slot = 0; slot < BindingList.Capacity; slot++)
            {
                Slots[slot] = bindings.AtSlot(slot);
                SlotDamaged[slot] = bindings.IsDamaged(slot);
                if (SlotDamaged[slot]) DamagedSlots++;
                Put("slot " + (slot + 1), SlotDamaged[slot] ? "damaged" : Slots[slot] == null ? "" : Slots[slot].Describe());
            }
        }

        /// <summary>The names of the fields that differ from before (the audit log apart: AuditLost).</summary>
        public List<string> Changed(TerminalState before)
        {
            return _fields.Keys.Where(k => before._fields[k] != _fields[k]).ToList();
        }

        /// <summary>
        /// Entries of before that this boot no longer has, apart from those pushed out of a full
        /// ring by entries this boot added (the report of the damage itself), and those whose pin
        /// an added entry of the same pinned kind took over (a newer storage-recovery replaces the
        /// pinned older one).
        /// </summary>
        public int AuditLost(TerminalState before)
        {
            int added = Added(before).Count();
            var addedKinds = new HashSet<int>(Audit.Keys.Where(k => !before.Audit.TryGetValue(k, out string line) || line != Audit[k])
                .Select(k => PinKinds[k]).Where(k => k != AuditPins.None));
            var lost = before.Audit.Where(e => !Audit.TryGetValue(e.Key, out string line) || line != e.Value).ToList();
            // Each added entry takes over one pin: at most one lost entry a kind is excused so.
            int replaced = lost.Select(e => before.PinKinds[e.Key]).Where(addedKinds.Contains).Distinct().Count();
            return Math.Max(0, lost.Count - replaced - added);
        }

        /// <summary>Entries this boot added about the store (storage-recovery, storage-damage).</summary>
        public int StorageEntries(TerminalState before)
        {
            return Added(before).Count(line => line.Contains(" storage-", StringComparison.Ordinal));
        }

        // Entries that before did not have (a sequence number reused after a lost entry included).
        private IEnumerable<string> Added(TerminalState before)
        {
            return Audit.Where(e => !before.Audit.TryGetValue(e.Key, out string line) || line != e.Value).Select(e => e.Value);
        }
    }
}

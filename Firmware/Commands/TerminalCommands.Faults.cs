using PosTerminal.Firmware.Audit;
using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Storage;

namespace PosTerminal.Firmware.Commands
{
    /// <summary>What the terminal reports about itself: the store's boot recovery, damaged records, caught faults.</summary>
    public sealed partial class TerminalCommands
    {
        // Damage bits (record DamageReported: version 2, u32): which records were found damaged and already reported.
        private const int DamagePassword = 0, DamageLoginGuard = 1, DamageTechnician = 2, DamageTechnicianGuard = 3,
            DamageUnlockCode = 4, DamageUnlockGuard = 5, DamageLock = 6, DamageFirstBinding = 7,
            DamageBackupSecret = 15, DamageFleetKey = 16, DamageLifecycle = 17, DamageAuditPins = 18;

        private static readonly string[] DamageNames =
        {
            "password", "login guard", "technician code", "technician guard", "unlock code", "unlock guard", "lock",
            "binding 1", "binding 2", "binding 3", "binding 4", "binding 5", "binding 6", "binding 7", "binding 8",
            "backup secret", "fleet key", "lifecycle", "pinned audit"
        };

        private int _faultsThisBoot;
        private LastFault _lastFault; // in RAM too: status shows it even when the flash is what fails

        /// <summary>
        /// What the store's boot recovery found (MountOutcome Recovered or Formatted), to the
        /// audit log: "records 2 sectors 0"; failed when nothing intact was found.
        /// </summary>
        public void ReportStoreRecovery(string detail, bool dataLost)
        {
            Audit(AuditEvent.StorageRecovery, dataLost ? AuditOutcome.Failed : AuditOutcome.Ok, detail);
        }

        /// <summary>
        /// At boot (after JoinFleet): every security record, binding slot, the backup secret,
        /// the fleet key, the lifecycle record and the audit pins read as damaged (on the safe side)
        /// gets a StorageDamage entry, once: record DamageReported remembers what was told, so
        /// rebooting a damaged terminal does not flood the security ring. True when any is damaged
        /// now (damaged audit pins: only at the boot that first reports them).
        /// </summary>
        public bool ReportDamage()
        {
            int damage = DamageMask();
            bool lost; // a damaged mark of its own: tell everything again rather than nothing
            byte[] record = SecureRecord.Read(_store, RecordKeys.DamageReported, out lost);
            int reported = record != null && record.Length == 3 && record[0] == 1 ? LittleEndian.GetU16(record, 1)
                : record != null && record.Length == 5 && record[0] == 2 ? (int)LittleEndian.GetU32(record, 1) : 0;
            for (int bit = 0; bit < DamageNames.Length; bit++)
            {
                int mask = 1 << bit;
                if ((damage & mask) != 0 && (reported & mask) == 0) Audit(AuditEvent.StorageDamage, AuditOutcome.Failed, DamageNames[bit]);
            }
            if (damage != reported)
            {
                byte[] mark = new byte[5];
                mark[0] = 2;
                LittleEndian.PutU32(mark, 1, (uint)damage);
                try
                {
                    _store.Write(RecordKeys.DamageReported, mark);
                }
                catch (StoreFullException)
                {
                    // Told again at the next boot: more entries, never fewer.
                }
            }
            // Damaged audit pins change no decision (only what `log` can show): said at the boot
            // that finds them; `log` and `status` keep saying it until each kind is written again.
            int pins = 1 << DamageAuditPins;
            return (damage & ~pins) != 0 || (damage & pins & ~reported) != 0;
        }

        /// <summary>
        /// A main-loop pass threw: a Fault entry and the LastFault record (console status).
        /// The caller (Terminal) guards this call too: reporting may fail the same way.
        /// </summary>
        public void RecordFault(string type, string message)
        {
            _faultsThisBoot++;
            LastFault fault = new LastFault(Security.Boot.Count, (uint)(Clock.UptimeMs / 1000), _faultsThisBoot, type, message);
            _lastFault = fault;
            Audit(AuditEvent.Fault, AuditOutcome.Failed, type);
            _store.Write(RecordKeys.LastFault, fault.Encode());
        }

        private string LastFaultLine()
        {
            LastFault fault = _lastFault != null ? _lastFault : LastFault.Read(_store);
            return fault == null ? null : fault.ConsoleLine();
        }

        private int DamageMask()
        {
            int mask = 0;
            if (Security.Password.Damaged) mask |= 1 << DamagePassword;
            if (Security.Password.Guard.Damaged) mask |= 1 << DamageLoginGuard;
            if (Security.Technician.Damaged) mask |= 1 << DamageTechnician;
            if (Security.Technician.Guard.Damaged) mask |= 1 << DamageTechnicianGuard;
            if (Security.Lock.UnlockCode.Damaged) mask |= 1 << DamageUnlockCode;
            if (Security.Lock.UnlockCode.Guard.Damaged) mask |= 1 << DamageUnlockGuard;
            if (Security.Lock.Damaged) mask |= 1 << DamageLock;
            for (int slot = 0; slot < PosTerminal.Firmware.Bindings.BindingList.Capacity; slot++)
            {
                if (Bindings.IsDamaged(slot)) mask |= 1 << (DamageFirstBinding + slot);
            }
            if (Secret.Damaged) mask |= 1 << DamageBackupSecret;
            if (_fleet != null && _fleet.Guard.Damaged) mask |= 1 << DamageFleetKey;
            if (Lifecycle.Damaged) mask |= 1 << DamageLifecycle;
            if (Security.Audit.DamagedPins > 0) mask |= 1 << DamageAuditPins;
            return mask;
        }
    }
}

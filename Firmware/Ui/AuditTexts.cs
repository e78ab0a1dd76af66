using PosTerminal.Firmware.Audit;
using PosTerminal.Firmware.Text;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>The texts that name an audit event and its outcome on the LCD.</summary>
    public static class AuditTexts
    {
        private static readonly TextId[] Events =
        {
            TextId.AuditOther, TextId.AuditLoginSuccess, TextId.AuditLoginFailure, TextId.AuditLockout,
            TextId.AuditBindingAdded, TextId.AuditBindingDeregistered, TextId.AuditPasswordChanged,
            TextId.AuditLock, TextId.AuditUnlock, TextId.AuditFactoryReset, TextId.AuditStorageRecovery,
            TextId.AuditUnlockCodeSet, TextId.AuditClockSet, TextId.AuditRestore, TextId.AuditBackup,
            TextId.AuditTechnicianLogin, TextId.AuditTechnicianLogout, TextId.AuditTechnicianCodeSet, TextId.AuditPasswordReset,
            TextId.AuditSettingChanged, TextId.AuditStorageDamage, TextId.AuditFault,
            TextId.AuditPause, TextId.AuditReactivate, TextId.AuditMerchantNameSet, TextId.AuditFleetRefused,
            TextId.AuditFleetKeySet, TextId.AuditOutboxOverflow, TextId.AuditBackupSecretSet
        };

        /// <summary>Indexed by the AuditEvent value (stored, never renumbered); unknown values: AuditOther.</summary>
        public static TextId Event(AuditEvent auditEvent)
        {
            int i = (int)auditEvent;
            return i > 0 && i < Events.Length ? Events[i] : TextId.AuditOther;
        }

        public static TextId Outcome(AuditOutcome outcome)
        {
            if (outcome == AuditOutcome.Ok) return TextId.OutcomeOk;
            return outcome == AuditOutcome.Failed ? TextId.OutcomeFailed : TextId.OutcomeRefused;
        }
    }
}

using System.Collections;
using PosTerminal.Firmware.Audit;
using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Storage;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Service
{
    /// <summary>
    /// Checks every field of a backup before anything is restored: version, checksum, types
    /// and ranges, digit counts, the card mask's shape, duplicates, at most 8 bindings. Each
    /// problem is one line "Field: what is wrong", the field named as in the JSON.
    /// </summary>
    public static class BackupValidator
    {
        public const int MaxAuditEntries = RecordKeys.AuditEntries;
        private const int MaxText = 32;

        /// <summary>All problems found; empty when the document is valid.</summary>
        public static string[] Validate(BackupDocument document, ICrypto crypto)
        {
            ArrayList problems = new ArrayList();
            if (document == null)
            {
                problems.Add("document: empty");
                return ToArray(problems);
            }
            if (document.FormatVersion != BackupService.FormatVersion)
            {
                problems.Add("FormatVersion: must be " + BackupService.FormatVersion.ToString() + " (got " + document.FormatVersion.ToString() + ")");
            }
            CheckTerminal(document.Terminal, problems);
            CheckBindings(document.Bindings, problems);
            CheckSettings(document.Settings, problems);
            CheckAudit(document.Audit, problems);
            CheckChecksum(document, crypto, problems);
            return ToArray(problems);
        }

        private static void CheckTerminal(BackupTerminalInfo info, ArrayList problems)
        {
            if (info == null)
            {
                problems.Add("Terminal: missing");
                return;
            }
            if (!IsPrintable(info.Firmware, 1, MaxText)) problems.Add("Terminal.Firmware: must be 1-32 printable characters");
            if (info.BootCount < 0) problems.Add("Terminal.BootCount: must not be negative");
            long unused;
            if (info.CreatedAt != "unknown" && !UtcTime.TryParseIso(info.CreatedAt, out unused))
            {
                problems.Add("Terminal.CreatedAt: must be YYYY-MM-DDTHH:MM:SSZ or unknown");
            }
        }

        private static void CheckBindings(BackupBinding[] bindings, ArrayList problems)
        {
            if (bindings == null)
            {
                problems.Add("Bindings: missing");
                return;
            }
            if (bindings.Length > RecordKeys.MaxBindings)
            {
                problems.Add("Bindings: at most " + RecordKeys.MaxBindings.ToString() + " (got " + bindings.Length.ToString() + ")");
            }
            for (int i = 0; i < bindings.Length; i++)
            {
                string field = "Bindings[" + i.ToString() + "]";
                BackupBinding b = bindings[i];
                if (b == null)
                {
                    problems.Add(field + ": missing");
                    continue;
                }
                if (b.Kind == BackupBinding.Merchant)
                {
                    Digits(b.MerchantNo, BindingField.MerchantNo, field + ".MerchantNo", problems);
                    Digits(b.TerminalNo, BindingField.TerminalNo, field + ".TerminalNo", problems);
                    Empty(b.CardMasked, field + ".CardMasked", problems);
                    Empty(b.SerialNo, field + ".SerialNo", problems);
                }
                else if (b.Kind == BackupBinding.Card)
                {
                    if (!IsCardMask(b.CardMasked)) problems.Add(field + ".CardMasked: must be 16-19 characters: 4 digits, '*'s, 4 digits");
                    Empty(b.MerchantNo, field + ".MerchantNo", problems);
                    Empty(b.TerminalNo, field + ".TerminalNo", problems);
                    Empty(b.SerialNo, field + ".SerialNo", problems);
                }
                else if (b.Kind == BackupBinding.Device)
                {
                    Digits(b.SerialNo, BindingField.Serial, field + ".SerialNo", problems);
                    Empty(b.MerchantNo, field + ".MerchantNo", problems);
                    Empty(b.TerminalNo, field + ".TerminalNo", problems);
                    Empty(b.CardMasked, field + ".CardMasked", problems);
                }
                else
                {
                    problems.Add(field + ".Kind: must be merchant, card or device");
                    continue;
                }
                for (int j = 0; j < i; j++)
                {
                    if (SameBinding(bindings[j], b))
                    {
                        problems.Add(field + ": duplicate of Bindings[" + j.ToString() + "]");
                        break;
                    }
                }
            }
        }

        private static void CheckSettings(BackupSettings settings, ArrayList problems)
        {
            if (settings == null)
            {
                problems.Add("Settings: missing");
                return;
            }
            if (settings.Language != "zh" && settings.Language != "en") problems.Add("Settings.Language: must be zh or en");
            if (settings.PasswordMaxAgeDays < 0 || settings.PasswordMaxAgeDays > PasswordPolicy.MaxMaxAgeDays)
            {
                problems.Add("Settings.PasswordMaxAgeDays: must be 0-" + PasswordPolicy.MaxMaxAgeDays.ToString());
            }
        }

        private static void CheckAudit(BackupAuditEntry[] audit, ArrayList problems)
        {
            if (audit == null)
            {
                problems.Add("Audit: missing");
                return;
            }
            if (audit.Length > MaxAuditEntries) problems.Add("Audit: at most " + MaxAuditEntries.ToString() + " entries");
            for (int i = 0; i < audit.Length; i++)
            {
                string field = "Audit[" + i.ToString() + "]";
                BackupAuditEntry a = audit[i];
                if (a == null)
                {
                    problems.Add(field + ": missing");
                    continue;
                }
                if (a.Sequence < 1) problems.Add(field + ".Sequence: must be 1 or more");
                else if (i > 0 && audit[i - 1] != null && a.Sequence >= audit[i - 1].Sequence) problems.Add(field + ".Sequence: must be below the one before (newest first)");
                if (!IsEventName(a.Event)) problems.Add(field + ".Event: unknown event");
                if (a.Outcome != "ok" && a.Outcome != "failed" && a.Outcome != "refused") problems.Add(field + ".Outcome: must be ok, failed or refused");
                if (!IsPrintable(a.Time, 1, MaxText)) problems.Add(field + ".Time: must be 1-32 printable characters");
                if (!IsPrintable(a.Detail, 0, AuditEntry.MaxDetail)) problems.Add(field + ".Detail: must be at most 20 printable characters");
            }
        }

        private static void CheckChecksum(BackupDocument document, ICrypto crypto, ArrayList problems)
        {
            string sum = document.Checksum;
            if (sum == null || sum.Length != BackupChecksum.Prefix.Length + 64 || !sum.StartsWith(BackupChecksum.Prefix))
            {
                problems.Add("Checksum: must be sha256: and 64 hex digits");
            }
            else if (sum != BackupChecksum.Compute(document, crypto))
            {
                problems.Add("Checksum: does not match the document (edited or damaged)");
            }
        }

        /// <summary>The binding model's own rule for the field (the one the keypad entry uses).</summary>
        private static void Digits(string value, BindingField rule, string field, ArrayList problems)
        {
            if (value == null || rule.Check(value) != FieldProblem.None)
            {
                problems.Add(field + ": must be " + rule.LengthText() + " digits");
            }
        }

        private static void Empty(string value, string field, ArrayList problems)
        {
            if (value != null && value.Length > 0) problems.Add(field + ": must be empty for this kind");
        }

        /// <summary>"6222********1234": 16–19 characters, 4 digits, only '*' between, 4 digits.</summary>
        public static bool IsCardMask(string mask)
        {
            if (mask == null || mask.Length < 16 || mask.Length > 19) return false;
            for (int i = 0; i < mask.Length; i++)
            {
                bool edge = i < 4 || i >= mask.Length - 4;
                char c = mask[i];
                if (edge ? (c < '0' || c > '9') : c != '*') return false;
            }
            return true;
        }

        private static bool SameBinding(BackupBinding a, BackupBinding b)
        {
            return a != null && a.Kind == b.Kind && Same(a.MerchantNo, b.MerchantNo) && Same(a.TerminalNo, b.TerminalNo)
                && Same(a.CardMasked, b.CardMasked) && Same(a.SerialNo, b.SerialNo);
        }

        private static bool Same(string a, string b)
        {
            return (a == null ? string.Empty : a) == (b == null ? string.Empty : b);
        }

        private static bool IsEventName(string name)
        {
            for (int e = (int)AuditEvent.LoginSuccess; e <= (int)AuditEvent.Backup; e++)
            {
                if (AuditNames.Event((AuditEvent)e) == name) return true;
            }
            return false;
        }

        private static bool IsPrintable(string text, int min, int max)
        {
            if (text == null) return min == 0;
            if (text.Length < min || text.Length > max) return false;
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] < ' ' || text[i] > '~') return false;
            }
            return true;
        }

        private static string[] ToArray(ArrayList list)
        {
            string[] array = (string[])RefArrays.Nulls(new string[list.Count]);
            for (int i = 0; i < array.Length; i++) array[i] = (string)list[i];
            return array;
        }
    }
}

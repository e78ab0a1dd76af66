using System.Collections;
using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Storage;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Service
{
    /// <summary>
    /// What a verified backup would change, worked out before anything changes: bindings
    /// added and removed, settings changed, card bindings kept.
    ///
    /// Rules: the terminal gets the backup's merchants and devices and its settings. Card
    /// bindings are never added (a card is bound by swiping it) and never removed: every card
    /// bound on the terminal is kept, and the backup's cards that are not bound are listed to
    /// be bound again. Bindings in both stay in their slots (no flash write).
    ///
    /// Applying is the command layer's (TerminalCommands.ApplyRestore): Target and Settings,
    /// with its audit entry, as one RecordBatch (IRecordStore.Commit: all or nothing).
    /// </summary>
    public sealed class RestorePlan
    {
        private readonly IBackupSource _source;
        private readonly PasswordPolicy _policy;
        private readonly BackupDocument _document;
        private readonly BackupBinding[] _current;
        private readonly string _currentLanguage;
        private readonly int _currentMaxAge;
        private BackupBinding[] _target;

        internal RestorePlan(IBackupSource source, PasswordPolicy policy, BackupDocument document, bool foreign, string foreignReason)
        {
            _source = source;
            _policy = policy;
            _document = document;
            IsForeign = foreign;
            ForeignReason = foreignReason;
            _current = source.ExportBindings();
            _currentLanguage = source.ExportLanguage();
            _currentMaxAge = policy.MaxAgeDays;
            Work();
        }

        /// <summary>The backup comes from another terminal (or another secret): its Mac was not checked here. The command layer requires a logged-in technician for it.</summary>
        public bool IsForeign { get; private set; }

        /// <summary>"made on PT000002", or null.</summary>
        public string ForeignReason { get; private set; }

        /// <summary>The terminal id the backup names.</summary>
        public string SourceTerminal { get { return _document.Header.Terminal; } }

        public BackupBinding[] Added { get; private set; }
        public BackupBinding[] Removed { get; private set; }

        /// <summary>Card bindings on the terminal, all kept.</summary>
        public BackupBinding[] KeptCards { get; private set; }

        /// <summary>The backup's cards that are not bound here: to be bound again by swiping.</summary>
        public BackupBinding[] CardsToBind { get; private set; }

        /// <summary>Merchants and devices in both.</summary>
        public int Unchanged { get; private set; }

        public bool LanguageChanges { get { return _document.Settings.Language != _currentLanguage; } }
        public bool MaxAgeChanges { get { return _document.Settings.PasswordMaxAgeDays != _currentMaxAge; } }

        public bool HasChanges
        {
            get { return Added.Length > 0 || Removed.Length > 0 || LanguageChanges || MaxAgeChanges; }
        }

        /// <summary>Null, or why it cannot be applied (more bindings than slots).</summary>
        public string Problem { get; private set; }

        /// <summary>
        /// The console's preview, one line each, identifiers masked: what is added, removed,
        /// kept, to be bound again, and each setting that changes (from -> to).
        /// </summary>
        public string[] PreviewLines()
        {
            ArrayList lines = new ArrayList();
            BackupHeader h = _document.Header;
            lines.Add("restore preview (nothing changed yet): backup of " + h.Terminal + " made " + h.Created
                + (IsForeign ? ", FOREIGN: " + ForeignReason + "; only its Sum was checked" : ", Mac verified"));
            for (int i = 0; i < Added.Length; i++) lines.Add("  add " + Describe(Added[i]));
            for (int i = 0; i < Removed.Length; i++) lines.Add("  remove " + Describe(Removed[i]));
            for (int i = 0; i < KeptCards.Length; i++) lines.Add("  keep " + Describe(KeptCards[i]) + " (cards are never restored or removed)");
            for (int i = 0; i < CardsToBind.Length; i++) lines.Add("  not restored: " + Describe(CardsToBind[i]) + " (bind it again by swiping)");
            if (LanguageChanges) lines.Add("  language: " + _currentLanguage + " -> " + _document.Settings.Language);
            if (MaxAgeChanges)
            {
                lines.Add("  password reminder: " + Days(_currentMaxAge) + " -> " + Days(_document.Settings.PasswordMaxAgeDays));
            }
            lines.Add("  unchanged: " + Unchanged.ToString() + (Unchanged == 1 ? " binding" : " bindings"));
            return ToArray(lines);
        }

        /// <summary>True when the terminal is still as it was when the plan was made (else plan again: the preview would lie).</summary>
        public bool IsCurrent()
        {
            BackupBinding[] now = _source.ExportBindings();
            if (now.Length != _current.Length) return false;
            for (int i = 0; i < now.Length; i++)
            {
                if (!now[i].SameAs(_current[i])) return false;
            }
            return _source.ExportLanguage() == _currentLanguage && _policy.MaxAgeDays == _currentMaxAge;
        }

        /// <summary>The bindings the terminal will hold: the backup's merchants and devices, then every card bound now.</summary>
        public BackupBinding[] Target { get { return _target; } }

        /// <summary>The backup's settings (language, password reminder).</summary>
        public BackupSettings Settings { get { return _document.Settings; } }

        /// <summary>The audit detail (at most 20 characters): "3 bindings", or "foreign PT000002" when foreign.</summary>
        public string AuditDetail
        {
            get { return IsForeign ? "foreign " + SourceTerminal : _target.Length.ToString() + " bindings"; }
        }

        private void Work()
        {
            BackupBinding[] backup = _document.Bindings;
            ArrayList target = new ArrayList();
            ArrayList added = new ArrayList();
            ArrayList removed = new ArrayList();
            ArrayList kept = new ArrayList();
            ArrayList toBind = new ArrayList();
            for (int i = 0; i < backup.Length; i++)
            {
                bool bound = IndexOf(_current, backup[i]) >= 0;
                if (backup[i].Kind == BackupBinding.Card)
                {
                    if (!bound) toBind.Add(backup[i]);
                    continue;
                }
                target.Add(backup[i]);
                if (bound) Unchanged++;
                else added.Add(backup[i]);
            }
            for (int i = 0; i < _current.Length; i++)
            {
                if (_current[i].Kind == BackupBinding.Card)
                {
                    kept.Add(_current[i]);
                    target.Add(_current[i]);
                }
                else if (IndexOf(backup, _current[i]) < 0)
                {
                    removed.Add(_current[i]);
                }
            }
            _target = Bindings(target);
            Added = Bindings(added);
            Removed = Bindings(removed);
            KeptCards = Bindings(kept);
            CardsToBind = Bindings(toBind);
            if (_target.Length > RecordKeys.MaxBindings)
            {
                Problem = "Bindings: the backup's " + (_target.Length - kept.Count).ToString() + " merchants and devices and the "
                    + kept.Count.ToString() + " cards bound here make " + _target.Length.ToString() + "; at most "
                    + RecordKeys.MaxBindings.ToString() + " (deregister cards first)";
            }
        }

        /// <summary>"merchant 8981 **** 0001 terminal **** 5678", "card 6222 **** **** 1234", "device **** 4321": as the console's bindings list.</summary>
        public static string Describe(BackupBinding b)
        {
            if (b.Kind == BackupBinding.Merchant) return new Binding(BindingKind.Merchant, b.MerchantNo, b.TerminalNo).Describe();
            if (b.Kind == BackupBinding.Card) return new Binding(BindingKind.SettlementCard, b.CardMasked, null).Describe();
            return new Binding(BindingKind.Device, b.SerialNo, null).Describe();
        }

        private static string Days(int days)
        {
            return days == 0 ? "never" : days.ToString() + " days";
        }

        private static int IndexOf(BackupBinding[] list, BackupBinding b)
        {
            for (int i = 0; i < list.Length; i++)
            {
                if (b.SameAs(list[i])) return i;
            }
            return -1;
        }

        private static BackupBinding[] Bindings(ArrayList list)
        {
            BackupBinding[] array = (BackupBinding[])RefArrays.Nulls(new BackupBinding[list.Count]);
            for (int i = 0; i < array.Length; i++) array[i] = (BackupBinding)list[i];
            return array;
        }

        private static string[] ToArray(ArrayList list)
        {
            string[] array = (string[])RefArrays.Nulls(new string[list.Count]);
            for (int i = 0; i < array.Length; i++) array[i] = (string)list[i];
            return array;
        }
    }
}

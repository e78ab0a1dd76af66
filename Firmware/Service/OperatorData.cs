using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Text;

namespace PosTerminal.Firmware.Service
{
    /// <summary>
    /// The terminal's side of the maintenance console: status and binding lines, the bindings
    /// and language of a backup, and the operator part of a factory reset. Card numbers are
    /// stored truncated (Binding.ForStorage), so they can only ever leave masked.
    ///
    /// Restore replaces the bindings with the document's merchants and devices and sets its
    /// language. Cards are not restored: a backup holds only their truncated form, and a card
    /// is bound again by swiping it, which proves the card is at hand (the console lists them).
    /// A restore is several commits: a power cut during it can leave some bindings missing,
    /// never a wrong one; running the restore again completes it.
    /// </summary>
    public sealed class OperatorData : IStatusSource, IBackupSource, IFactoryReset
    {
        private readonly Terminal _terminal;

        public OperatorData(Terminal terminal)
        {
            _terminal = terminal;
        }

        private BindingList Bindings { get { return _terminal.Bindings; } }

        public string[] StatusLines()
        {
            string password = _terminal.Security.Passwords.Unreadable ? "unreadable (factory-reset needed)"
                : _terminal.Security.Passwords.MustChange ? "factory (must be changed)" : "set";
            return new string[]
            {
                "bindings: " + Bindings.Count.ToString() + "/" + BindingList.Capacity.ToString(),
                "language: " + LanguageCode(_terminal.Settings.Language),
                "password: " + password,
                "screen: " + _terminal.ScreenId + (_terminal.SessionOpen ? " (session open)" : ""),
            };
        }

        public string[] BindingLines()
        {
            string[] lines = (string[])PosTerminal.Hal.RefArrays.Nulls(new string[Bindings.Count]);
            for (int i = 0; i < lines.Length; i++) lines[i] = (i + 1).ToString() + " " + Bindings[i].Describe();
            return lines;
        }

        public BackupBinding[] ExportBindings()
        {
            BackupBinding[] exported = (BackupBinding[])PosTerminal.Hal.RefArrays.Nulls(new BackupBinding[Bindings.Count]);
            for (int i = 0; i < exported.Length; i++) exported[i] = Export(Bindings[i]);
            return exported;
        }

        public string ExportLanguage()
        {
            return LanguageCode(_terminal.Settings.Language);
        }

        /// <summary>BackupValidator has checked every field with the binding model's own field rules: nothing left to refuse.</summary>
        public string ValidateImport(BackupDocument document)
        {
            return null;
        }

        public void Import(BackupDocument document)
        {
            Bindings.Clear();
            BackupBinding[] bindings = document.Bindings;
            for (int i = 0; i < bindings.Length; i++)
            {
                Binding binding = Restored(bindings[i]);
                if (binding != null) Bindings.Add(binding);
            }
            _terminal.ChangeLanguage(document.Settings.Language == "en" ? Language.English : Language.Chinese);
            _terminal.EndSession();
        }

        public void EraseOperatorData()
        {
            Bindings.Clear();
            _terminal.ResetSettings();
            _terminal.EndSession();
        }

        private static BackupBinding Export(Binding binding)
        {
            BackupBinding exported = new BackupBinding();
            switch (binding.Kind)
            {
                case BindingKind.Merchant:
                    exported.Kind = BackupBinding.Merchant;
                    exported.MerchantNo = binding.Primary;
                    exported.TerminalNo = binding.Secondary;
                    break;
                case BindingKind.SettlementCard:
                    exported.Kind = BackupBinding.Card;
                    exported.CardMasked = Masking.Truncated(binding.Primary);
                    break;
                default:
                    exported.Kind = BackupBinding.Device;
                    exported.SerialNo = binding.Primary;
                    break;
            }
            return exported;
        }

        /// <summary>The binding a backup entry restores; null for a card (bound again by swiping).</summary>
        private static Binding Restored(BackupBinding entry)
        {
            if (entry.Kind == BackupBinding.Merchant) return new Binding(BindingKind.Merchant, entry.MerchantNo, entry.TerminalNo);
            if (entry.Kind == BackupBinding.Device) return new Binding(BindingKind.Device, entry.SerialNo, null);
            return null;
        }

        private static string LanguageCode(Language language)
        {
            return language == Language.English ? "en" : "zh";
        }
    }
}

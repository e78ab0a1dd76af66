using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Commands;
using PosTerminal.Firmware.Text;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Service
{
    /// <summary>
    /// The terminal's side of backup and restore: the bindings and language of a backup, and
    /// the import of a valid document through the command layer's ApplyRestore (one commit).
    /// Card numbers are stored truncated (Binding.ForStorage), so they can only ever leave masked.
    ///
    /// Restore replaces the bindings with the document's merchants and devices and sets its
    /// language and password age. Cards are not restored: a backup holds only their truncated
    /// form, and a card is bound again by swiping it, which proves the card is at hand (the
    /// console lists them).
    /// </summary>
    public sealed class OperatorData : IBackupSource
    {
        private readonly TerminalCommands _commands;

        public OperatorData(TerminalCommands commands)
        {
            _commands = commands;
        }

        private BindingList Bindings { get { return _commands.Bindings; } }

        public BackupBinding[] ExportBindings()
        {
            BackupBinding[] exported = (BackupBinding[])RefArrays.Nulls(new BackupBinding[Bindings.Count]);
            for (int i = 0; i < exported.Length; i++) exported[i] = Export(Bindings[i]);
            return exported;
        }

        public string ExportLanguage()
        {
            return LanguageCode(_commands.Settings.Language);
        }

        /// <summary>BackupValidator has checked every field with the binding model's own field rules: nothing left to refuse.</summary>
        public string ValidateImport(BackupDocument document)
        {
            return null;
        }

        public string Import(BackupDocument document)
        {
            BackupBinding[] entries = document.Bindings;
            int n = 0;
            for (int i = 0; i < entries.Length; i++) if (Restored(entries[i]) != null) n++;
            Binding[] bindings = (Binding[])RefArrays.Nulls(new Binding[n]);
            n = 0;
            for (int i = 0; i < entries.Length; i++)
            {
                Binding binding = Restored(entries[i]);
                if (binding != null) bindings[n++] = binding;
            }
            Language language = document.Settings.Language == "en" ? Language.English : Language.Chinese;
            bool done = _commands.ApplyRestore(bindings, language, document.Settings.PasswordMaxAgeDays,
                entries.Length.ToString() + " bindings");
            return done ? null : "store: full, nothing changed";
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

        public static string LanguageCode(Language language)
        {
            return language == Language.English ? "en" : "zh";
        }
    }
}

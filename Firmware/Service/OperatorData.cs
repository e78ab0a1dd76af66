using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Commands;
using PosTerminal.Firmware.Text;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Service
{
    /// <summary>
    /// The terminal's side of a backup: its bindings and language, read through the command
    /// layer. Card numbers are stored truncated (Binding.ForStorage), so they can only ever
    /// leave masked. A restore is the command layer's (TerminalCommands.ApplyRestore: the plan's
    /// bindings and settings with the audit entry, one batch); ToBinding turns a backup entry
    /// back into a binding for it.
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

        /// <summary>The binding a backup entry stands for (a card in its stored, truncated form: a card is only ever kept, never restored).</summary>
        public static Binding ToBinding(BackupBinding entry)
        {
            if (entry.Kind == BackupBinding.Merchant) return new Binding(BindingKind.Merchant, entry.MerchantNo, entry.TerminalNo);
            if (entry.Kind == BackupBinding.Card) return new Binding(BindingKind.SettlementCard, entry.CardMasked, null);
            return new Binding(BindingKind.Device, entry.SerialNo, null);
        }

        public static Language LanguageOf(string code)
        {
            return code == "en" ? Language.English : Language.Chinese;
        }

        public static string LanguageCode(Language language)
        {
            return language == Language.English ? "en" : "zh";
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
    }
}

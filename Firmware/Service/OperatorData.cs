using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Settings;
using PosTerminal.Firmware.Storage;
using PosTerminal.Firmware.Text;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Service
{
    /// <summary>
    /// The terminal's side of the maintenance console: status and binding lines, the bindings
    /// and language of a backup, and the operator part of a factory reset. Card numbers are
    /// stored truncated (Binding.ForStorage), so they can only ever leave masked.
    ///
    /// Restore (RestorePlan decides what; this writes it): the bindings become the backup's
    /// merchants and devices plus every card bound now (kept: a card is bound by swiping it,
    /// never from a document), and the language the backup's, all in the one batch the
    /// restore commits with its audit entry: a power cut leaves the old state or the new.
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
            string[] lines = new string[]
            {
                "bindings: " + Bindings.Count.ToString() + "/" + BindingList.Capacity.ToString(),
                "language: " + LanguageCode(_terminal.Settings.Language),
                "password: " + password,
                "screen: " + _terminal.ScreenId + (_terminal.SessionOpen ? " (session open)" : ""),
                "lifecycle: " + _terminal.Lifecycle.State + (_terminal.Lifecycle.IsPaused ? " (paused by "
                    + Lifecycle.TerminalLifecycle.SourceName(_terminal.Lifecycle.PausedBy) + ")" : ""),
                "backup secret: " + (_terminal.Secret.IsReady ? "ok" : "damaged (no backup until a technician re-provisions it)"),
            };
            if (_terminal.Fleet == null) return lines;
            string[] fleet = _terminal.Fleet.StatusLines();
            string[] all = (string[])PosTerminal.Hal.RefArrays.Nulls(new string[lines.Length + fleet.Length]);
            System.Array.Copy(lines, all, lines.Length);
            System.Array.Copy(fleet, 0, all, lines.Length, fleet.Length);
            return all;
        }

        public string[] BindingLines()
        {
            string[] lines = (string[])RefArrays.Nulls(new string[Bindings.Count]);
            for (int i = 0; i < lines.Length; i++) lines[i] = (i + 1).ToString() + " " + Bindings[i].Describe();
            return lines;
        }

        public BackupBinding[] ExportBindings()
        {
            BackupBinding[] exported = (BackupBinding[])RefArrays.Nulls(new BackupBinding[Bindings.Count]);
            for (int i = 0; i < exported.Length; i++) exported[i] = Export(Bindings[i]);
            return exported;
        }

        public string ExportLanguage()
        {
            return LanguageCode(_terminal.Settings.Language);
        }

        public void AddImportTo(RecordBatch batch, BackupBinding[] bindings, string language)
        {
            Binding[] target = (Binding[])RefArrays.Nulls(new Binding[bindings.Length]);
            for (int i = 0; i < target.Length; i++) target[i] = Restored(bindings[i]);
            Bindings.AddReplaceTo(batch, target);
            Language wanted = language == "en" ? Language.English : Language.Chinese;
            if (wanted != _terminal.Settings.Language) batch.Write(RecordKeys.Settings, TerminalSettings.Encode(wanted, _terminal.Settings.BuzzerOn));
        }

        public void Imported()
        {
            Bindings.Reload();
            _terminal.ReloadSettings();
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

        /// <summary>The binding a backup entry stands for (a card in its stored, truncated form).</summary>
        private static Binding Restored(BackupBinding entry)
        {
            if (entry.Kind == BackupBinding.Merchant) return new Binding(BindingKind.Merchant, entry.MerchantNo, entry.TerminalNo);
            if (entry.Kind == BackupBinding.Card) return new Binding(BindingKind.SettlementCard, entry.CardMasked, null);
            return new Binding(BindingKind.Device, entry.SerialNo, null);
        }

        private static string LanguageCode(Language language)
        {
            return language == Language.English ? "en" : "zh";
        }
    }
}

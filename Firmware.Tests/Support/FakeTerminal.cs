using System.Collections.Generic;
using PosTerminal.Firmware.Service;

namespace PosTerminal.Firmware.Tests.Support
{
    /// <summary>The terminal side of the console for tests: bindings and language in RAM, calls counted.</summary>
    public sealed class FakeTerminal : IStatusSource, IBackupSource, IFactoryReset
    {
        public List<BackupBinding> Bindings { get; } = new List<BackupBinding>
        {
            new BackupBinding { Kind = "merchant", MerchantNo = "102030405060708", TerminalNo = "11223344" },
            new BackupBinding { Kind = "card", CardMasked = "6222********1234" },
            new BackupBinding { Kind = "device", SerialNo = "8877665544" },
        };

        public string Language { get; set; } = "zh";
        public int Imports { get; private set; }
        public int Erases { get; private set; }
        public string RefuseImportWith { get; set; }

        public string[] StatusLines() { return new[] { "bindings: " + Bindings.Count }; }

        public string[] BindingLines()
        {
            var lines = new List<string>();
            foreach (var b in Bindings) lines.Add(b.Kind + " " + (b.MerchantNo ?? b.CardMasked ?? b.SerialNo));
            return lines.ToArray();
        }

        public BackupBinding[] ExportBindings() { return Bindings.ToArray(); }

        public string ExportLanguage() { return Language; }

        public string ValidateImport(BackupDocument document) { return RefuseImportWith; }

        public void Import(BackupDocument document)
        {
            Imports++;
            Bindings.Clear();
            foreach (var b in document.Bindings) if (b.Kind != "card") Bindings.Add(b);
            Language = document.Settings.Language;
        }

        public void EraseOperatorData()
        {
            Erases++;
            Bindings.Clear();
            Language = "zh";
        }
    }
}

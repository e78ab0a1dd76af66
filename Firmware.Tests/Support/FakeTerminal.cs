using System.Collections.Generic;
using PosTerminal.Firmware.Service;
using PosTerminal.Firmware.Storage;

namespace PosTerminal.Firmware.Tests.Support
{
    /// <summary>
    /// The terminal side of the console for tests: bindings and language in RAM, calls counted.
    /// A restore's import goes into the batch as one marker record (key ImportKey), so a test
    /// sees it commit with the rest, and takes effect on Imported.
    /// </summary>
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

        public string[] StatusLines() { return new[] { "bindings: " + Bindings.Count }; }

        public string[] BindingLines()
        {
            var lines = new List<string>();
            foreach (var b in Bindings) lines.Add(b.Kind + " " + (b.MerchantNo ?? b.CardMasked ?? b.SerialNo));
            return lines.ToArray();
        }

        public BackupBinding[] ExportBindings() { return Bindings.ToArray(); }

        public string ExportLanguage() { return Language; }

        public const int ImportKey = 0x7E;
        private BackupBinding[] _pendingBindings;
        private string _pendingLanguage;

        public void AddImportTo(RecordBatch batch, BackupBinding[] bindings, string language)
        {
            _pendingBindings = bindings;
            _pendingLanguage = language;
            batch.Write(ImportKey, new byte[] { (byte)bindings.Length });
        }

        public void Imported()
        {
            Imports++;
            Bindings.Clear();
            Bindings.AddRange(_pendingBindings);
            Language = _pendingLanguage;
        }

        public void EraseOperatorData()
        {
            Erases++;
            Bindings.Clear();
            Language = "zh";
        }
    }
}

using PosTerminal.Firmware.Storage;
using PosTerminal.Firmware.Text;

namespace PosTerminal.Firmware.Settings
{
    /// <summary>
    /// Operator settings kept in the Settings record.
    /// Record v1: byte 0 = format version (1), byte 1 = Language.
    /// A missing or unreadable record means factory settings (中文).
    /// </summary>
    public sealed class TerminalSettings
    {
        private const byte Version = 1;

        public Language Language { get; set; }

        public static TerminalSettings Load(IRecordStore store)
        {
            var settings = new TerminalSettings();
            byte[] record = store.Read(RecordKeys.Settings);
            if (record != null && record.Length >= 2 && record[0] == Version && record[1] <= (byte)Language.English)
            {
                settings.Language = (Language)record[1];
            }
            return settings;
        }

        /// <summary>One atomic commit. Throws StoreFullException, changing nothing, when the store is full.</summary>
        public void Save(IRecordStore store)
        {
            store.Write(RecordKeys.Settings, Encode(Language));
        }

        /// <summary>The Settings record for language (for a batch: a restore).</summary>
        public static byte[] Encode(Language language)
        {
            return new byte[] { Version, (byte)language };
        }
    }
}

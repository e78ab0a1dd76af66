using PosTerminal.Firmware.Storage;
using PosTerminal.Firmware.Text;

namespace PosTerminal.Firmware.Settings
{
    /// <summary>
    /// Operator settings kept in the Settings record.
    /// Record v1: byte 0 = format version (1), byte 1 = Language, byte 2 (since firmware 0.3,
    /// optional) = flags, bit 0 set = buzzer off. A 2-byte record (older firmware) reads as
    /// buzzer on; older firmware reads a 3-byte record's first two bytes and ignores the rest,
    /// so the version stays 1. A missing or unreadable record means factory settings (中文,
    /// buzzer on).
    /// </summary>
    public sealed class TerminalSettings
    {
        private const byte Version = 1;
        private const byte BuzzerOffFlag = 1;

        public TerminalSettings()
        {
            BuzzerOn = true;
        }

        public Language Language { get; set; }

        /// <summary>Key clicks and error beeps (settings item 7); on from the factory.</summary>
        public bool BuzzerOn { get; set; }

        public static TerminalSettings Load(IRecordStore store)
        {
            var settings = new TerminalSettings();
            byte[] record = store.Read(RecordKeys.Settings);
            if (record != null && record.Length >= 2 && record[0] == Version && record[1] <= (byte)Language.English)
            {
                settings.Language = (Language)record[1];
                if (record.Length >= 3) settings.BuzzerOn = (record[2] & BuzzerOffFlag) == 0;
            }
            return settings;
        }

        /// <summary>One atomic commit. Throws StoreFullException, changing nothing, when the store is full.</summary>
        public void Save(IRecordStore store)
        {
            store.Write(RecordKeys.Settings, Encode(Language, BuzzerOn));
        }

        /// <summary>Puts the record for language and buzzer into batch (a restore changes the language and keeps the buzzer).</summary>
        public static void Stage(RecordBatch batch, Language language, bool buzzerOn)
        {
            batch.Write(RecordKeys.Settings, Encode(language, buzzerOn));
        }

        /// <summary>The Settings record.</summary>
        public static byte[] Encode(Language language, bool buzzerOn)
        {
            return new byte[] { Version, (byte)language, buzzerOn ? (byte)0 : BuzzerOffFlag };
        }
    }
}

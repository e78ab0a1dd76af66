namespace PosTerminal.Firmware.Service
{
    /// <summary>What the console shows of the terminal beyond security (implemented by the terminal).</summary>
    public interface IStatusSource
    {
        /// <summary>Extra "status" lines, e.g. "bindings: 3", "language: zh", "screen: idle".</summary>
        string[] StatusLines();

        /// <summary>One line per binding for "bindings": kind and identifiers, card numbers masked.</summary>
        string[] BindingLines();
    }

    /// <summary>The bindings and settings side of backup and restore (implemented by the terminal).</summary>
    public interface IBackupSource
    {
        /// <summary>The bindings in list order; card numbers in their stored, truncated form.</summary>
        BackupBinding[] ExportBindings();

        /// <summary>"zh" or "en".</summary>
        string ExportLanguage();

        /// <summary>
        /// Adds to batch the records that make the bindings exactly `bindings` (already checked:
        /// at most RecordKeys.MaxBindings, no duplicates; cards only those bound now) and the
        /// language `language`. Bindings already bound keep their slots. Writes nothing itself:
        /// the caller commits the batch with its audit entry, then calls Imported.
        /// </summary>
        void AddImportTo(Storage.RecordBatch batch, BackupBinding[] bindings, string language);

        /// <summary>After that batch committed: read the bindings and settings again, end the operator session.</summary>
        void Imported();
    }

    /// <summary>The operator side of a factory reset: bindings, settings, the password (implemented by the terminal).</summary>
    public interface IFactoryReset
    {
        /// <summary>Erases operator data and returns the terminal to its factory state (idle, factory password).</summary>
        void EraseOperatorData();
    }
}

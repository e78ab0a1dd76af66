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
        /// <summary>The bindings in slot order; card numbers masked as BackupBinding describes.</summary>
        BackupBinding[] ExportBindings();

        /// <summary>"zh" or "en".</summary>
        string ExportLanguage();

        /// <summary>
        /// Terminal-specific checks after BackupValidator passed (e.g. rules of the binding
        /// model it does not know). Returns "Field: problem", or null when importable.
        /// </summary>
        string ValidateImport(BackupDocument document);

        /// <summary>
        /// Replaces the bindings and the language with the document's (called only for a fully
        /// valid document). Card bindings cannot be restored (masked): skip them; the console
        /// lists them to be bound again.
        /// </summary>
        void Import(BackupDocument document);
    }

    /// <summary>The operator side of a factory reset: bindings, settings, the password (implemented by the terminal).</summary>
    public interface IFactoryReset
    {
        /// <summary>Erases operator data and returns the terminal to its factory state (idle, factory password).</summary>
        void EraseOperatorData();
    }
}

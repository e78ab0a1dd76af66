namespace PosTerminal.Firmware.Service
{
    /// <summary>The bindings and settings side of backup and restore (OperatorData, over the command layer).</summary>
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
        /// Replaces the bindings, the language and the password age with the document's, as one
        /// commit with its audit entry (called only for a fully valid document). Card bindings
        /// cannot be restored (masked): skip them; the console lists them to be bound again.
        /// Returns null when done, else the problem (nothing changed).
        /// </summary>
        string Import(BackupDocument document);
    }
}

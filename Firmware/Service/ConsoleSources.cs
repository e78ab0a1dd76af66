namespace PosTerminal.Firmware.Service
{
    /// <summary>
    /// What a backup reads of the terminal (OperatorData, over the command layer): the bindings
    /// and the language. Reading only: a restore is applied by the command layer
    /// (TerminalCommands.ApplyRestore), as one batch with its audit entry.
    /// </summary>
    public interface IBackupSource
    {
        /// <summary>The bindings in slot order; card numbers in their stored, truncated form.</summary>
        BackupBinding[] ExportBindings();

        /// <summary>"zh" or "en".</summary>
        string ExportLanguage();
    }
}

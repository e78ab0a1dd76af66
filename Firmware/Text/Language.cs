namespace PosTerminal.Firmware.Text
{
    /// <summary>The UI languages. Values are stored in the Settings record: keep them.</summary>
    public enum Language
    {
        Chinese = 0,
        English = 1
    }
}

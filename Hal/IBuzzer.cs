namespace PosTerminal.Hal
{
    /// <summary>What a beep says: a key was taken (short), or something was refused (long).</summary>
    public enum BeepKind
    {
        Key = 1,
        Error = 2
    }

    /// <summary>
    /// The terminal's buzzer. Beep starts a beep and returns at once (a beep still sounding
    /// is replaced); the driver ends it on time from Poll, which the firmware calls on every
    /// main-loop pass and which must not allocate.
    /// </summary>
    public interface IBuzzer
    {
        void Beep(BeepKind kind);

        void Poll();
    }
}

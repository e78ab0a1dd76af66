namespace PosTerminal.Firmware.Storage
{
    /// <summary>Every record key the firmware uses, in one place.</summary>
    public static class RecordKeys
    {
        public const int Settings = 0x01;
        public const int Password = 0x02;

        /// <summary>Consecutive wrong password attempts (PasswordVault); survives reboots.</summary>
        public const int LoginFailures = 0x03;

        /// <summary>Binding slots: FirstBinding .. FirstBinding + MaxBindings - 1.</summary>
        public const int FirstBinding = 0x10;
        public const int MaxBindings = 8;
    }
}

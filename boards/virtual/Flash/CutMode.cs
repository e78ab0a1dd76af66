namespace PosTerminal.Virtual.Flash
{
    /// <summary>What a scheduled power cut does to the flash operation it lands on.</summary>
    public enum CutMode
    {
        /// <summary>The power dies just before the operation: it leaves no trace.</summary>
        Before,

        /// <summary>The operation completes, then the power dies.</summary>
        After,

        /// <summary>
        /// The power dies during the operation: a program word gets a random subset of its
        /// bits, an erase leaves a mix of erased and old bits, and some bits are left weak
        /// (they read differently from one read to the next until the sector is erased).
        /// </summary>
        Torn,
    }
}

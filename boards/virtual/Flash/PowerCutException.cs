using System;

namespace PosTerminal.Virtual.Flash
{
    /// <summary>
    /// The simulated power went off: thrown by the flash operation the cut hit and by every
    /// flash operation after it, so the firmware stops where it stands. Boards catch it in
    /// their loop and power off; SimFlash.PowerUp ends it.
    /// </summary>
    public sealed class PowerCutException : PosTerminal.Hal.PowerLossException
    {
        public PowerCutException(string message) : base(message)
        {
        }
    }
}

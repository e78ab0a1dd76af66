using System;

namespace PosTerminal.Hal
{
    /// <summary>
    /// The board is losing power: the firmware must stop where it stands, not carry on. Only
    /// simulated boards throw it (their power cuts derive from it); on the device a power cut
    /// simply stops the CPU. The terminal's fault handler catches every other exception of a
    /// main-loop pass (Terminal.Poll) but lets this one through.
    /// </summary>
    public class PowerLossException : Exception
    {
        public PowerLossException(string message) : base(message)
        {
        }
    }
}

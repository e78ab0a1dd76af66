using System;

namespace PosTerminal.Firmware.Storage
{
    /// <summary>The store has no room for a commit; nothing was changed.</summary>
    public class StoreFullException : Exception
    {
        public StoreFullException(string message) : base(message)
        {
        }
    }
}

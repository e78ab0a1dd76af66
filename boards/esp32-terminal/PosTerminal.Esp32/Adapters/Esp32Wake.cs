using System.Threading;
using PosTerminal.Hal;

namespace PosTerminal.Esp32.Adapters
{
    /// <summary>
    /// The main loop's wake event: an AutoResetEvent (nanoFramework mscorlib) set by the input
    /// handlers, which all run on the event dispatcher thread: GpioInputLine (keypad columns),
    /// UartConsole (DataReceived) and RmtSwipeCapture (/CLS back high). WaitOne blocks the
    /// CLR thread, so the dispatcher runs at once and the CLR task sleeps in
    /// Events_WaitForEvents for the timeout (MainLoop keeps it at one 10 ms tick or more).
    /// </summary>
    public sealed class Esp32Wake : IWake
    {
        private readonly AutoResetEvent _event = new AutoResetEvent(false);

        public void Signal()
        {
            _event.Set();
        }

        public bool Wait(int timeoutMs)
        {
            return _event.WaitOne(timeoutMs, false);
        }
    }
}

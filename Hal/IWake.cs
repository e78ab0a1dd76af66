namespace PosTerminal.Hal
{
    /// <summary>
    /// The main loop's sleep between passes. The board sets it from every input, on whatever
    /// thread the input arrives: the ESP32 board's is an AutoResetEvent set from
    /// GpioPin.ValueChanged (keypad columns, card /CLS), SerialPort.DataReceived (console) and
    /// the card reader's recording-complete handler, each after it has updated the state the
    /// firmware reads (an edge counter, the UART buffer, the recording). The simulated boards
    /// model the same, on virtual time and a simulated FreeRTOS tick.
    /// </summary>
    public interface IWake
    {
        /// <summary>An input arrived: the waiting main loop runs a pass now. Safe from any thread.</summary>
        void Signal();

        /// <summary>
        /// Sleeps until Signal or timeoutMs, whichever first; true when signalled (a signal given
        /// while no one waited ends the next wait at once). timeoutMs must be at least one RTOS
        /// tick (MainLoop.TickMs): on the ESP32 a shorter wait is 0 ticks and returns at once.
        /// </summary>
        bool Wait(int timeoutMs);
    }
}

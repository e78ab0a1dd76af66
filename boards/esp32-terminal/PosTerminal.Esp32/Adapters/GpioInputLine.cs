using System.Device.Gpio;
using System.Threading;
using PosTerminal.Hal;
using PosTerminal.Hal.Pins;

namespace PosTerminal.Esp32.Adapters
{
    /// <summary>
    /// A GPIO input. Edges counts GpioPin.ValueChanged events, which nanoFramework raises from
    /// the ESP32's native edge interrupt (both edges), so a driver can see activity without
    /// reading the pin. No DebounceTimeout: the ESP32's native debounce (a FreeRTOS timer per
    /// pin, cpu_gpio.cpp) drops an edge that reverses within the window, and the keypad driver
    /// debounces in portable code anyway. The handler runs on the event dispatcher thread, so
    /// the count arrives late (after the driver may have re-read its baseline); it counts
    /// first, then wakes the main loop, so the pass it wakes sees the edge.
    /// </summary>
    public sealed class GpioInputLine : IInputLine
    {
        private readonly GpioPin _pin;
        private readonly IWake _wake;
        private int _edges;

        /// <param name="pullUp">Internal pull-up; GPIO 34-39 have none, so theirs are external.</param>
        /// <param name="wake">Signalled on every edge (null: nothing to wake).</param>
        public GpioInputLine(GpioController gpio, int pinNumber, bool pullUp, IWake wake)
        {
            _wake = wake;
            _pin = gpio.OpenPin(pinNumber, pullUp ? PinMode.InputPullUp : PinMode.Input);
            _pin.ValueChanged += OnValueChanged;
        }

        public int Edges { get { return _edges; } }

        public bool Read()
        {
            return _pin.Read() == PinValue.High;
        }

        // Runs on nanoFramework's event dispatch thread, not the main loop.
        private void OnValueChanged(object sender, PinValueChangedEventArgs e)
        {
            Interlocked.Increment(ref _edges);
            if (_wake != null) _wake.Signal();
        }
    }
}

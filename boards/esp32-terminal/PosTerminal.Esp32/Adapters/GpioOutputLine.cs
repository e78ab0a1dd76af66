using System.Device.Gpio;
using PosTerminal.Hal.Pins;

namespace PosTerminal.Esp32.Adapters
{
    /// <summary>
    /// A GPIO output. Keypad rows are open-drain (PinMode.OutputOpenDrain, GPIO_MODE_OUTPUT_OD
    /// on the ESP32): a driven row pulls its columns low, a released row floats, so two rows
    /// pressed through one column never short a high output against a low one.
    /// </summary>
    public sealed class GpioOutputLine : IOutputLine
    {
        private readonly GpioPin _pin;

        public GpioOutputLine(GpioController gpio, int pinNumber, bool openDrain, bool initialHigh)
        {
            _pin = gpio.OpenPin(pinNumber, openDrain ? PinMode.OutputOpenDrain : PinMode.Output);
            Write(initialHigh);
        }

        public void Write(bool high)
        {
            // PinValue has an implicit conversion from bool, but spelt out it reads as the wire level.
            _pin.Write(high ? PinValue.High : PinValue.Low);
        }
    }
}

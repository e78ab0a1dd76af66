using System;
using System.Device.Pwm;
using PosTerminal.Hal.Pins;

namespace PosTerminal.Esp32.Adapters
{
    /// <summary>
    /// The buzzer's square wave: one LEDC channel through System.Device.Pwm (nanoFramework
    /// 1.1.23). On the ESP32, PwmChannel.CreateFromPin finds a channel only for a pin that was
    /// given a PWM function first (Configuration.SetPinFunction(pin, DeviceFunction.PWM1):
    /// the native GetChannel looks the pin up among PWM1..PWM16); otherwise it returns null.
    /// Creating the channel does not start it. Start configures the LEDC timer and channel and
    /// starts the wave (native ConfigureAndStart); Stop calls ledc_stop with the idle level of
    /// the ActiveHigh polarity, low, so the transistor and the piezo rest off.
    /// (nanoframework/System.Device.Pwm PwmChannel.cs; nf-interpreter
    /// targets/ESP32/_nanoCLR/System.Device.Pwm/sys_dev_pwm_native_System_Device_Pwm_PwmChannel.cpp)
    /// </summary>
    public sealed class PwmTone : IToneOutput
    {
        private readonly PwmChannel _channel;

        public PwmTone(int pin, int frequencyHz)
        {
            _channel = PwmChannel.CreateFromPin(pin, frequencyHz, 0.5);
            if (_channel == null)
            {
                throw new InvalidOperationException("GPIO " + pin.ToString() + " has no PWM channel: set its pin function to PWM1 first");
            }
        }

        public void Start()
        {
            _channel.Start();
        }

        public void Stop()
        {
            _channel.Stop();
        }
    }
}

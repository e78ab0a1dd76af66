namespace PosTerminal.Hal.Pins
{
    /// <summary>
    /// A digital input. Edges counts level changes seen by the board's native edge
    /// detector (GpioPin.ValueChanged on the ESP32), so a driver can notice activity
    /// without spending a GPIO read.
    /// </summary>
    public interface IInputLine
    {
        bool Read();

        int Edges { get; }
    }
}

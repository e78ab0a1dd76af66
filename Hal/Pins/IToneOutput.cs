namespace PosTerminal.Hal.Pins
{
    /// <summary>
    /// A square wave on one pin at a frequency fixed by the board (the buzzer's PWM channel):
    /// Start sounds it, Stop leaves the pin at its idle (low) level. Both return at once.
    /// </summary>
    public interface IToneOutput
    {
        void Start();

        void Stop();
    }
}

namespace PosTerminal.Hal.Pins
{
    /// <summary>A digital output (push-pull or open-drain, as the board wires it).</summary>
    public interface IOutputLine
    {
        void Write(bool high);
    }
}

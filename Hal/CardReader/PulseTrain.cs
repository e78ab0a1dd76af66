namespace PosTerminal.Hal.CardReader
{
    /// <summary>
    /// One line's recording: levels alternate starting with FirstLevel, level i lasting
    /// DurationsUs[i] µs, from the capture's common start (the /CLS falling edge).
    /// This is what an ESP32 RMT receiver channel records natively (RmtCommand items).
    /// </summary>
    public sealed class PulseTrain
    {
        public PulseTrain(bool firstLevel, int[] durationsUs, int count)
        {
            FirstLevel = firstLevel;
            DurationsUs = durationsUs;
            Count = count;
        }

        public bool FirstLevel { get; }
        public int[] DurationsUs { get; }
        public int Count { get; }
    }
}

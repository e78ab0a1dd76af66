namespace PosTerminal.Hal.CardReader
{
    /// <summary>
    /// A whole swipe, recorded natively by the board: /STROBE and /DATA, each on its own
    /// time base (see PulseTrain for why they share none).
    /// </summary>
    public sealed class SwipeRecording
    {
        public SwipeRecording(PulseTrain strobe, PulseTrain data)
        {
            Strobe = strobe;
            Data = data;
        }

        public PulseTrain Strobe { get; }
        public PulseTrain Data { get; }
    }
}

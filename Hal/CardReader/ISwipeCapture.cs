namespace PosTerminal.Hal.CardReader
{
    /// <summary>
    /// A board-side swipe recorder. The ESP32 cannot take a managed interrupt per bit
    /// (Track 2 at 50 in/s is about 3.75 kbit/s), so the board records the whole swipe
    /// natively (one RMT receiver channel per line, kept armed) and hands it over once
    /// /CLS has gone high again.
    /// </summary>
    public interface ISwipeCapture
    {
        bool TryTakeSwipe(out SwipeRecording swipe);
    }
}

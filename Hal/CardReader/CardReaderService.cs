namespace PosTerminal.Hal.CardReader
{
    /// <summary>
    /// What the terminal's main loop calls: takes the next swipe the board recorded, latches
    /// its bits and decodes Track 2. One instance per terminal; its buffers are reused.
    /// </summary>
    public sealed class CardReaderService
    {
        private readonly ISwipeCapture _capture;
        private readonly StrobeLatch _latch = new StrobeLatch();
        private readonly Track2Decoder _decoder = new Track2Decoder();

        /// <summary>capture may be null: a board without a card reader never reports a swipe.</summary>
        public CardReaderService(ISwipeCapture capture)
        {
            _capture = capture;
        }

        /// <summary>
        /// The next swipe, decoded (check Ok: on failure Status says why and the operator
        /// should swipe again), or null when no swipe is waiting. Cheap when idle.
        /// </summary>
        public Track2Data TakeSwipe()
        {
            SwipeRecording swipe;
            if (_capture == null || !_capture.TryTakeSwipe(out swipe)) return null;
            return Decode(swipe);
        }

        public Track2Data Decode(SwipeRecording swipe)
        {
            int bits = _latch.Latch(swipe);
            if (_latch.Irregular > 0) return Track2Data.Failed(SwipeStatus.IrregularStrobe, 0, false);
            return _decoder.Decode(_latch.Bits, bits);
        }
    }
}

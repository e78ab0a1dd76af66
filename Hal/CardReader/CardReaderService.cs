namespace PosTerminal.Hal.CardReader
{
    /// <summary>
    /// What the terminal's main loop calls: takes the next swipe the board recorded, latches
    /// its bits and decodes Track 2. The pass that takes it reads /STROBE (StrobeLatch.BeginStrobes),
    /// the next /DATA (BeginData); the alignment search (StrobeLatch.Continue) is spread over
    /// the passes after them, at most StepsPerPass steps each, so no pass blocks the keypad for long: a
    /// decode takes a few passes, each a bounded slice (docs/benchmarks.md, swipe, gives the
    /// IL-op figures measured on nanoCLR). One instance per terminal; its buffers are reused.
    /// </summary>
    public sealed class CardReaderService : IPassTimer
    {
        /// <summary>
        /// Alignment steps per pass (OffsetSearch.Work): about 60 IL ops each on nanoCLR
        /// (measured), so a slice is about 24,000 IL ops, est. 7-22 ms on the ESP32; the cost
        /// model and the measured figures are in --bench swipe.
        /// </summary>
        public const int StepsPerPass = 400;

        /// <summary>The most steps one decode may take (StrobeLatch.MaxWork): a swipe that would need more is refused as Unaligned.</summary>
        public const int MaxDecodeSteps = StrobeLatch.MaxWork;

        private readonly ISwipeCapture _capture;
        private readonly StrobeLatch _latch = new StrobeLatch();
        private readonly Track2Decoder _decoder = new Track2Decoder();
        private bool _decoding;
        private bool _dataPending; // BeginStrobes done, BeginData next pass

        /// <summary>capture may be null: a board without a card reader never reports a swipe.</summary>
        public CardReaderService(ISwipeCapture capture)
        {
            _capture = capture;
        }

        /// <summary>True while a swipe is being decoded across passes.</summary>
        public bool Decoding { get { return _decoding; } }

        /// <summary>Passes the last decode took (1 when it finished in the pass that took the swipe).</summary>
        public int LastDecodePasses { get; private set; }

        /// <summary>While decoding, the next pass is needed at once; otherwise only a new recording (which wakes the loop) gives work.</summary>
        public long NextPassMs { get { return _decoding ? 0 : long.MaxValue; } }

        /// <summary>
        /// One pass's share of the card reader: the next slice of a decode under way, or the start
        /// of the next waiting swipe. Returns the decoded swipe (check Ok: on failure Status says
        /// why and the operator should swipe again) in the pass that finishes it, else null.
        /// Cheap when idle.
        /// </summary>
        public Track2Data TakeSwipe()
        {
            if (!_decoding)
            {
                SwipeRecording swipe;
                if (_capture == null || !_capture.TryTakeSwipe(out swipe)) return null;
                _latch.BeginStrobes(swipe);
                LastDecodePasses = 1;
                if (_latch.Irregular > 0) return Track2Data.Failed(SwipeStatus.IrregularStrobe, 0, false);
                _decoding = true;
                _dataPending = true;
                return null; // the strobes were this pass's share; /DATA follows next pass, then the search
            }
            LastDecodePasses++;
            if (_dataPending)
            {
                _dataPending = false;
                _latch.BeginData();
                return null;
            }
            if (!_latch.Continue(StepsPerPass)) return null;
            _decoding = false;
            if (!_latch.Aligned) return Track2Data.Failed(SwipeStatus.Unaligned, 0, false);
            return _decoder.Decode(_latch.Bits, _latch.BitCount);
        }

        /// <summary>Decodes a whole recording at once (tests and benchmarks; the terminal uses TakeSwipe, which does the same work).</summary>
        public Track2Data Decode(SwipeRecording swipe)
        {
            _latch.BeginStrobes(swipe);
            if (_latch.Irregular > 0) return Track2Data.Failed(SwipeStatus.IrregularStrobe, 0, false);
            _latch.BeginData();
            while (!_latch.Continue(int.MaxValue))
            {
            }
            if (!_latch.Aligned) return Track2Data.Failed(SwipeStatus.Unaligned, 0, false);
            return _decoder.Decode(_latch.Bits, _latch.BitCount);
        }

        /// <summary>Steps the last decode spent (StrobeLatch.Work, about 50 IL ops each; the swipe cost model's input).</summary>
        public int LastDecodeSteps { get { return _latch.Work; } }

        /// <summary>Steps of the last decode's first pass (StrobeLatch.BeginStrobes).</summary>
        public int LastDecodeFirstPassSteps { get { return _latch.BeginWork; } }

        /// <summary>Steps of the last decode's second pass (StrobeLatch.BeginData; 0 when refused as irregular in the first).</summary>
        public int LastDecodeDataPassSteps { get { return _latch.Irregular > 0 ? 0 : _latch.DataWork; } }
    }
}

namespace PosTerminal.Virtual.Parts
{
    /// <summary>
    /// What goes wrong in a bad swipe, per swipe on average (all drawn from the swipe's seed).
    /// </summary>
    public sealed class SwipeNoise
    {
        /// <summary>Short pulses on /DATA (2-30 µs; the RMT filter and the decoder drop the shortest).</summary>
        public double DataGlitches { get; set; } = 2;

        /// <summary>Bits the reader's bit recovery gets wrong (whole bit cells inverted); at most MaxFlippedBits.</summary>
        public double FlippedBits { get; set; } = 0.5;

        public int MaxFlippedBits { get; set; } = 2;

        /// <summary>Each edge moves by up to ± this fraction of the local bit period.</summary>
        public double Jitter { get; set; } = 0.05;

        /// <summary>Extra short pulses (10-30 µs) on /STROBE between real ones.</summary>
        public double SpuriousStrobes { get; set; } = 0.3;

        /// <summary>The noise of `swipe-noise` and the benchmark.</summary>
        public static SwipeNoise Typical()
        {
            return new SwipeNoise();
        }
    }
}

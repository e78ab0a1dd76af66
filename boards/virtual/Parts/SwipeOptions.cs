namespace PosTerminal.Virtual.Parts
{
    /// <summary>How a card is swiped. The seed also draws the card's and reader's variations
    /// (clocking zeros, strobe width, where /DATA changes in the bit, the wobble's shape).</summary>
    public sealed class SwipeOptions
    {
        /// <summary>The default of the script's swipe tokens.</summary>
        public const double DefaultInchesPerSecond = 20;

        /// <summary>Average speed; Track 2 is 75 bits per inch, so a bit lasts 1/(75 × speed) s.</summary>
        public double InchesPerSecond { get; set; } = DefaultInchesPerSecond;

        /// <summary>The card goes through the other way: the reader sends the bits last first.</summary>
        public bool Reverse { get; set; }

        /// <summary>The hand's speed varies smoothly by up to ± this fraction within one swipe.</summary>
        public double Wobble { get; set; } = 0.15;

        public int Seed { get; set; } = 1;

        /// <summary>Null: a clean swipe.</summary>
        public SwipeNoise Noise { get; set; }
    }
}

namespace PosTerminal.Hal.CardReader
{
    /// <summary>
    /// One line's recording, in the shape an ESP32 RMT receiver channel records natively
    /// (RmtCommand items: Level0/Duration0, Level1/Duration1): levels alternate starting with
    /// FirstLevel, level i lasting DurationsUs[i] µs.
    /// <para>
    /// Time 0 is this line's own first recorded edge. An RMT receiver starts counting at the
    /// first edge it sees on its input, not when it is started (ESP32 TRM §15.2.5), and the
    /// managed code cannot timestamp that edge, so the two lines of a swipe are recorded by
    /// two channels that share no time base: the /DATA train starts at the first 1 bit,
    /// the /STROBE train at the first strobe. The decoder (StrobeLatch) recovers the offset
    /// between them; boards must not try to fake one.
    /// </para>
    /// <para>
    /// The lines idle high (active low). The board drops RMT's closing idle entry, so the line
    /// is back at its idle level after the last recorded level.
    /// </para>
    /// </summary>
    public sealed class PulseTrain
    {
        public PulseTrain(bool firstLevel, int[] durationsUs, int count)
        {
            FirstLevel = firstLevel;
            DurationsUs = durationsUs;
            Count = count;
        }

        /// <summary>The level after the first recorded edge: false = low (active).</summary>
        public bool FirstLevel { get; }

        public int[] DurationsUs { get; }

        /// <summary>How many entries of DurationsUs are used (0: the line never moved).</summary>
        public int Count { get; }
    }
}

namespace PosTerminal.Hal.CardReader
{
    /// <summary>Why a swipe was accepted or refused; each refusal has its own code.</summary>
    public enum SwipeStatus
    {
        Ok = 0,

        /// <summary>No 1 bit at all: no card, a blank stripe, or the wrong track.</summary>
        NoData = 1,

        /// <summary>The first 1 bit does not begin the start sentinel ';'.</summary>
        NoStartSentinel = 2,

        /// <summary>A character fails its odd parity.</summary>
        ParityError = 3,

        /// <summary>The bits ran out before the end sentinel '?' and the LRC.</summary>
        NoEndSentinel = 4,

        /// <summary>No end sentinel within 40 characters (SS, data, ES, LRC).</summary>
        TooLong = 5,

        /// <summary>The LRC does not match the characters, or its own parity is wrong.</summary>
        LrcError = 6,

        /// <summary>A control character (':', ';', '&lt;', '&gt;') or a second '=' in the data.</summary>
        BadCharacter = 7,

        /// <summary>No field separator '=' after the account number.</summary>
        NoSeparator = 8,

        /// <summary>The account number is not 12 to 19 digits.</summary>
        BadAccountNumber = 9,

        /// <summary>
        /// A 1 bit after the LRC, where a card has only clocking zeros: a bit was gained or
        /// lost, which parity and LRC cannot always see (in a run of '0' characters a slip
        /// of one bit reads as valid '1' characters).
        /// </summary>
        DataAfterLrc = 10,

        /// <summary>
        /// Strobes not evenly spaced (one period under 60% or over 160% of its neighbours'):
        /// a spurious or a missing strobe, which would shift every later bit.
        /// </summary>
        IrregularStrobe = 11,

        /// <summary>
        /// /DATA could not be placed between the strobes: every offset leaves more than
        /// OffsetSearch.MaxMisplaced changes on strobe pulses (where the data is not valid), or
        /// the recording is too noisy to align within the decode's bound (StrobeLatch.MaxWork).
        /// </summary>
        Unaligned = 12,
    }
}

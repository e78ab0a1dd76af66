namespace PosTerminal.Hal.CardReader
{
    /// <summary>
    /// A decoded ISO 7813 Track 2, or why the swipe was refused. Fields after the separator
    /// are split by position: expiry YYMM (4 digits), service code (3), the rest discretionary;
    /// a field the card does not carry is empty.
    /// </summary>
    public sealed class Track2Data
    {
        private Track2Data(SwipeStatus status, int charactersRead, bool reversed)
        {
            Status = status;
            CharactersRead = charactersRead;
            Reversed = reversed;
            AccountNumber = "";
            Expiry = "";
            ServiceCode = "";
            Discretionary = "";
        }

        public SwipeStatus Status { get; }

        public bool Ok { get { return Status == SwipeStatus.Ok; } }

        /// <summary>The primary account number (PAN), digits only; empty on failure.</summary>
        public string AccountNumber { get; private set; }

        /// <summary>YYMM.</summary>
        public string Expiry { get; private set; }

        public string ServiceCode { get; private set; }

        public string Discretionary { get; private set; }

        /// <summary>True when the bits read backwards (the card was swiped the other way).</summary>
        public bool Reversed { get; }

        /// <summary>Characters decoded before success or failure (picks the better direction's reason).</summary>
        public int CharactersRead { get; }

        public static Track2Data Failed(SwipeStatus status, int charactersRead, bool reversed)
        {
            return new Track2Data(status, charactersRead, reversed);
        }

        public static Track2Data Read(string account, string expiry, string serviceCode, string discretionary, int charactersRead, bool reversed)
        {
            Track2Data data = new Track2Data(SwipeStatus.Ok, charactersRead, reversed);
            data.AccountNumber = account;
            data.Expiry = expiry;
            data.ServiceCode = serviceCode;
            data.Discretionary = discretionary;
            return data;
        }

        /// <summary>The track as printed: ";PAN=YYMMSSSDDD?" (empty on failure). Allocates; for logs and tests.</summary>
        public string ToTrackText()
        {
            if (!Ok) return "";
            return ";" + AccountNumber + "=" + Expiry + ServiceCode + Discretionary + "?";
        }
    }
}

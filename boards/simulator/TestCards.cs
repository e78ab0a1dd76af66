namespace PosTerminal.Simulator
{
    /// <summary>Cards the interactive and web terminals can swipe: Track 2 data ';PAN=YYMM...?'.</summary>
    public static class TestCards
    {
        public sealed class Card
        {
            public Card(string name, string track2)
            {
                Name = name;
                Track2 = track2;
            }

            public string Name { get; }
            public string Track2 { get; }

            /// <summary>The card number: between the start sentinel and the field separator.</summary>
            public string Number { get { return Track2.Substring(1, Track2.IndexOf('=') - 1); } }
        }

        /// <summary>Valid Luhn check digits, except the last card, which is there to show the error.</summary>
        public static readonly Card[] All =
        {
            new Card("UnionPay debit, 19 digits", ";6222021234567890128=30121010000000000?"),
            new Card("Visa, 16 digits", ";4000001234567899=30121010000000000?"),
            new Card("Mastercard, 16 digits", ";5412750000123456=28062211234560000?"),
            new Card("bad check digit (Luhn error)", ";6222021234567890123=30121010000000000?"),
        };
    }
}

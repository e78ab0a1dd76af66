namespace PosTerminal.Firmware.Bindings
{
    /// <summary>
    /// How identifiers are shown. A card number never in full once submitted (it is stored only
    /// truncated). Merchant, terminal and device numbers are not secrets: the detail screen
    /// shows them in full; the console and lists shorten them like card numbers, long ids (12+
    /// digits) keeping their first and last 4 digits, short ones only their last 4.
    /// </summary>
    public static class Masking
    {
        /// <summary>A card number as printed: "6222 **** **** 1234" (19 cells: console and logs).</summary>
        public static string Card(string number)
        {
            return Head(number) + " **** **** " + Tail(number);
        }

        /// <summary>For one LCD row: "6222 **** 1234", or "**** 5678" for a short id.</summary>
        public static string Grouped(string id)
        {
            return id.Length >= 12 ? Head(id) + " **** " + Tail(id) : "**** " + Tail(id);
        }

        /// <summary>For a list line: "6222**1234", or "**5678" for a short id.</summary>
        public static string Compact(string id)
        {
            return id.Length >= 12 ? Head(id) + "**" + Tail(id) : "**" + Tail(id);
        }

        /// <summary>
        /// For a list row with 'cells' left: Compact when it fits (10 cells for a long id),
        /// else "**" and the last 4 digits, else the last 4 alone.
        /// </summary>
        public static string Shortened(string id, int cells)
        {
            string compact = Compact(id);
            if (compact.Length <= cells) return compact;
            return cells >= 6 ? "**" + Tail(id) : Tail(id);
        }

        /// <summary>
        /// A card number while it is typed: the first and last 4 digits, stars between
        /// ("6222********1234"), so a typo in either end can still be seen.
        /// </summary>
        public static string Typing(string digits)
        {
            return digits.Length <= 8 ? digits : HeadStarsTail(digits);
        }

        /// <summary>
        /// The only form a card number is stored, logged or backed up in (truncation as PCI DSS
        /// allows it): the first and last 4 digits, one '*' per hidden digit ("6222********7894").
        /// Anything shorter than a card number (16 digits) comes out all '*'.
        /// </summary>
        public static string Truncated(string number)
        {
            if (number == null) return string.Empty;
            return number.Length >= 16 ? HeadStarsTail(number) : new string('*', number.Length);
        }

        private static string HeadStarsTail(string digits)
        {
            return digits.Substring(0, 4) + new string('*', digits.Length - 8) + digits.Substring(digits.Length - 4);
        }

        private static string Head(string id)
        {
            return id.Length > 4 ? id.Substring(0, 4) : id;
        }

        private static string Tail(string id)
        {
            return id.Length > 4 ? id.Substring(id.Length - 4) : id;
        }
    }
}

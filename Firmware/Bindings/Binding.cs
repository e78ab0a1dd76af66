namespace PosTerminal.Firmware.Bindings
{
    /// <summary>
    /// One thing the terminal is bound to: its kind and identifiers (ASCII digits).
    /// Merchant: Primary = merchant no., Secondary = terminal no. Settlement card:
    /// Primary = card number. Device: Primary = serial number. Secondary is "" when unused.
    /// </summary>
    public sealed class Binding
    {
        public Binding(BindingKind kind, string primary, string secondary)
        {
            Kind = kind;
            Primary = primary;
            Secondary = secondary == null ? string.Empty : secondary;
        }

        public BindingKind Kind { get; }
        public string Primary { get; }
        public string Secondary { get; }

        /// <summary>
        /// The form kept in flash: a settlement card only truncated (Masking.Truncated), so a
        /// dump of the flash holds no card number; other kinds as they are.
        /// </summary>
        public Binding ForStorage()
        {
            return Kind == BindingKind.SettlementCard ? new Binding(Kind, Masking.Truncated(Primary), Secondary) : this;
        }

        /// <summary>Same kind and same identifiers: binding it again is refused.</summary>
        public bool SameAs(Binding other)
        {
            return other != null && other.Kind == Kind && other.Primary == Primary && other.Secondary == Secondary;
        }

        /// <summary>
        /// One line for the console and the simulator's 'bindings' token, identifiers masked:
        /// "card 6222 **** **** 1234", "merchant 8981 **** 0001 terminal **** 5678", "device **** 5678".
        /// </summary>
        public string Describe()
        {
            if (Kind == BindingKind.SettlementCard) return "card " + Masking.Card(Primary);
            if (Kind == BindingKind.Merchant)
            {
                return "merchant " + Masking.Grouped(Primary) + " terminal " + Masking.Grouped(Secondary);
            }
            return "device " + Masking.Grouped(Primary);
        }
    }
}

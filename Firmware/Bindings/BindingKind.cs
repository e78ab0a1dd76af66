namespace PosTerminal.Firmware.Bindings
{
    /// <summary>What a terminal can be bound to. Values are stored in binding records and
    /// are the digit the operator presses on the new-binding screen: keep them.</summary>
    public enum BindingKind
    {
        Merchant = 1,
        SettlementCard = 2,
        Device = 3
    }
}

namespace PosTerminal.Firmware.Bindings
{
    /// <summary>Why a typed or swiped identifier was refused.</summary>
    public enum FieldProblem
    {
        None,
        Length,
        NotDigits,
        Luhn
    }
}

namespace PosTerminal.Hal
{
    /// <summary>
    /// A character LCD of Rows × Columns half-width cells (the ST7920: 4 × 16).
    /// A full-width (CJK) character takes two cells and starts on an even cell.
    /// Lines are given already laid out in cells (see TextCells); the driver sends
    /// only what differs from what the glass already shows.
    /// </summary>
    public interface ITextDisplay
    {
        int Rows { get; }
        int Columns { get; }

        /// <summary>Shows <paramref name="text"/> on <paramref name="row"/>, padded with spaces to the row's end.</summary>
        void WriteLine(int row, string text);
    }
}

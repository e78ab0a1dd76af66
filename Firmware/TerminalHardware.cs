using PosTerminal.Hal;
using PosTerminal.Hal.CardReader;

namespace PosTerminal.Firmware
{
    /// <summary>What a board hands the terminal: one implementation of each Hal contract.</summary>
    public sealed class TerminalHardware
    {
        public IKeypad Keypad { get; set; }
        public ITextDisplay Display { get; set; }
        public IClock Clock { get; set; }
        public IFlash Flash { get; set; }
        public ICrypto Crypto { get; set; }

        /// <summary>Optional: null when the board has no card reader.</summary>
        public ISwipeCapture Swipe { get; set; }

        /// <summary>Optional: null when the board has no maintenance console.</summary>
        public IConsolePort Console { get; set; }

        /// <summary>Optional: needed by the console's backup and restore.</summary>
        public IJson Json { get; set; }
    }
}

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

        /// <summary>
        /// The terminal's id, given by the board: 1-16 of A-Z, 0-9 and '-' (it names the fleet
        /// topics pos/ID/..., the backups and the idle screen). The ESP32 derives it from its
        /// factory MAC; a simulated board takes --terminal-id.
        /// </summary>
        public string TerminalId { get; set; }

        /// <summary>Optional: null when the board has no card reader.</summary>
        public ISwipeCapture Swipe { get; set; }

        /// <summary>Optional: null when the board has no maintenance console.</summary>
        public IConsolePort Console { get; set; }

        /// <summary>Optional: null when the board has no buzzer (then nothing beeps).</summary>
        public IBuzzer Buzzer { get; set; }

        /// <summary>Optional: needed by the console's backup and restore.</summary>
        public IJson Json { get; set; }
    }
}

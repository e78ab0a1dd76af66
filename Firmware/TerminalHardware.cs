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

        /// <summary>
        /// Key-derivation rounds for passwords and codes (PBKDF2-HMAC-SHA256 over Crypto's HMAC),
        /// given by the board: board.json security.kdfRounds, chosen so that one derivation stays
        /// well under 1 s there (docs/benchmarks.md, security). 0: PasswordHash.DefaultRounds.
        /// </summary>
        public int KdfRounds { get; set; }

        /// <summary>Optional: null when the board has no card reader.</summary>
        public ISwipeCapture Swipe { get; set; }

        /// <summary>Optional: null when the board has no maintenance console.</summary>
        public IConsolePort Console { get; set; }

        /// <summary>
        /// The longest line the console takes (board.json console.maxLineChars; default 200, the
        /// ESP32 UART's): every line the firmware asks a technician to type or paste back, such
        /// as each backup line, fits in it.
        /// </summary>
        public int ConsoleMaxLine { get; set; } = DefaultConsoleMaxLine;

        public const int DefaultConsoleMaxLine = 200;

        /// <summary>Optional: null when the board has no buzzer (then nothing beeps).</summary>
        public IBuzzer Buzzer { get; set; }

        /// <summary>Optional: the link to the fleet's broker; null when the board has none (no fleet agent, no outbox).</summary>
        public IMessageLink Link { get; set; }
    }
}

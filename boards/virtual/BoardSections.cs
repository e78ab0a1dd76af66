using System.Text.Json.Serialization;

namespace PosTerminal.Virtual
{
    // The sections of board.json, one class each, as boards/esp32-terminal/board.schema.json
    // describes them. [JsonRequired] marks what the schema's "required" lists; BoardRules holds
    // every rule on values (ranges, roles, pins, layout), so a document the schema refuses the
    // model refuses too (BoardSchemaTests checks the two agree on broken copies).

    /// <summary>One wired line: its role (what it is for) and its GPIO number.</summary>
    public sealed class PinAssignment
    {
        [JsonRequired]
        public string Role { get; set; }

        [JsonRequired]
        public int Gpio { get; set; }
    }

    public sealed class KeypadSection
    {
        public string Comment { get; set; }

        /// <summary>Driven lines (open-drain, active low), roles row0, row1, …</summary>
        [JsonRequired]
        public PinAssignment[] Rows { get; set; }

        /// <summary>Read lines (external pull-ups), roles col0, col1, …</summary>
        [JsonRequired]
        public PinAssignment[] Columns { get; set; }

        /// <summary>Key names (BoardRules.LayoutNames: "1", "STAR", "MENU"…) per row; "" where no key is fitted.</summary>
        [JsonRequired]
        public string[][] Layout { get; set; }
    }

    public sealed class LcdSection
    {
        [JsonRequired]
        public string Controller { get; set; }

        public string Comment { get; set; }

        [JsonRequired]
        public int SpiBus { get; set; }

        [JsonRequired]
        public int ClockHz { get; set; }

        [JsonRequired]
        public PinAssignment Sclk { get; set; }

        [JsonRequired]
        public PinAssignment Mosi { get; set; }

        /// <summary>Active high; nanoFramework's ESP32 SPI driver drives it as a plain GPIO around each transfer.</summary>
        [JsonRequired]
        public PinAssignment Cs { get; set; }

        /// <summary>Unwired: the SPI bus needs a MISO pin assigned, and the ESP32 default would take a keypad row's.</summary>
        [JsonRequired]
        public PinAssignment Miso { get; set; }
    }

    public sealed class CardReaderSection
    {
        public string Comment { get; set; }

        [JsonRequired]
        public PinAssignment Cls { get; set; }

        [JsonRequired]
        public PinAssignment Strobe { get; set; }

        [JsonRequired]
        public PinAssignment Data { get; set; }
    }

    public sealed class ConsoleSection
    {
        public string Comment { get; set; }

        [JsonRequired]
        public string Uart { get; set; }

        [JsonRequired]
        public int Baud { get; set; }

        [JsonRequired]
        public PinAssignment Tx { get; set; }

        [JsonRequired]
        public PinAssignment Rx { get; set; }

        /// <summary>The longest console line (characters) the UART adapter keeps; every console is held to it.</summary>
        [JsonRequired]
        public int MaxLineChars { get; set; }
    }

    public sealed class FlashSection
    {
        public string Comment { get; set; }

        [JsonRequired]
        public string Path { get; set; }

        [JsonRequired]
        public int SectorSize { get; set; }

        [JsonRequired]
        public int SectorCount { get; set; }
    }

    public sealed class SecuritySection
    {
        public string Comment { get; set; }

        /// <summary>PBKDF2-HMAC-SHA256 rounds per derivation on this board (docs/benchmarks.md, security).</summary>
        [JsonRequired]
        public int KdfRounds { get; set; }
    }

    /// <summary>Optional: a piezo buzzer on one PWM-capable output (role "buzzer").</summary>
    public sealed class BuzzerSection
    {
        public string Comment { get; set; }

        [JsonRequired]
        public PinAssignment Pwm { get; set; }

        /// <summary>Optional tone frequency; 0 when board.json gives none (the firmware picks its own).</summary>
        public int FrequencyHz { get; set; }
    }
}

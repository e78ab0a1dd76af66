using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using PosTerminal.Hal;
using PosTerminal.Virtual.Script;

namespace PosTerminal.Virtual
{
    /// <summary>
    /// boards/esp32-terminal/board.json read on the desktop: the pin map by role, the LCD's
    /// SPI bus and clock, the keypad layout. The simulator's pin-level board is wired from
    /// it, so the simulator and the ESP32 board share one description.
    /// </summary>
    public sealed class BoardDescription
    {
        public const string FileName = "board.json";

        public string Name { get; set; }
        public string Mcu { get; set; }
        public KeypadSection Keypad { get; set; }
        public LcdSection Lcd { get; set; }
        public CardReaderSection CardReader { get; set; }
        public ConsoleSection Console { get; set; }
        public FlashSection Flash { get; set; }
        /// <summary>board.json security: the board's key-derivation rounds (TerminalHardware.KdfRounds).</summary>
        public SecuritySection Security { get; set; }

        private static readonly Lazy<BoardDescription> DefaultBoard = new Lazy<BoardDescription>(LoadDefault);

        /// <summary>LoadDefault, read once per process (parts that need a board value when none is given).</summary>
        public static BoardDescription Default { get { return DefaultBoard.Value; } }

        /// <summary>Optional: a board without it has no buzzer.</summary>
        public BuzzerSection Buzzer { get; set; }

        /// <summary>The ESP32 terminal's description: the copy built next to the simulator, else the repository's.</summary>
        public static BoardDescription LoadDefault()
        {
            string beside = Path.Combine(AppContext.BaseDirectory, FileName);
            return Load(File.Exists(beside) ? beside : RepositoryPath());
        }

        public static BoardDescription Load(string path)
        {
            string json;
            try
            {
                json = File.ReadAllText(path);
            }
            catch (IOException e)
            {
                throw new BoardDescriptionException("cannot read board description " + path + ": " + e.Message);
            }
            return Parse(json, path);
        }

        /// <summary>Parses and checks a description; 'source' names it in error messages.</summary>
        public static BoardDescription Parse(string json, string source = "board.json")
        {
            BoardDescription board;
            try
            {
                var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip };
                board = JsonSerializer.Deserialize<BoardDescription>(json, options);
            }
            catch (JsonException e)
            {
                throw new BoardDescriptionException(source + ": not valid JSON: " + e.Message);
            }
            string problem = board == null ? "empty document" : board.Problem();
            if (problem != null) throw new BoardDescriptionException(source + ": " + problem);
            return board;
        }

        /// <summary>The keypad's keys row-major (row × columns + column); Key.None where no switch is fitted.</summary>
        public Key[] KeyLayout()
        {
            int columns = Keypad.Columns.Length;
            var keys = new Key[Keypad.Rows.Length * columns];
            for (int r = 0; r < Keypad.Rows.Length; r++)
            {
                for (int c = 0; c < columns; c++)
                {
                    KeyNames.TryParse(Keypad.Layout[r][c], out keys[r * columns + c]);
                }
            }
            return keys;
        }

        private string Problem()
        {
            if (Keypad == null || Keypad.Rows == null || Keypad.Columns == null || Keypad.Layout == null)
                return "keypad needs rows, columns and layout";
            if (Keypad.Rows.Length == 0 || Keypad.Columns.Length == 0) return "keypad needs at least one row and one column";
            if (Lcd == null || Lcd.ClockHz <= 0) return "lcd needs a positive clockHz";
            if (Console == null || Console.MaxLineChars < 80 || Console.MaxLineChars > 1024) return "console.maxLineChars must be 80-1024";
            if (Security == null || Security.KdfRounds < 1) return "security.kdfRounds must be at least 1";
            if (Buzzer != null && (Buzzer.FrequencyHz <= 0 || Buzzer.Pwm == null)) return "buzzer needs a positive frequencyHz and a pwm pin";
            return LayoutProblem() ?? PinProblem();
        }

        private string LayoutProblem()
        {
            if (Keypad.Layout.Length != Keypad.Rows.Length)
                return "keypad layout has " + Keypad.Layout.Length + " rows for " + Keypad.Rows.Length + " row lines";
            var seen = new HashSet<Key>();
            for (int r = 0; r < Keypad.Layout.Length; r++)
            {
                string[] row = Keypad.Layout[r];
                if (row == null || row.Length != Keypad.Columns.Length)
                    return "keypad layout row " + r + " needs " + Keypad.Columns.Length + " entries";
                foreach (string name in row)
                {
                    if (string.IsNullOrEmpty(name)) continue;
                    Key key;
                    if (!KeyNames.TryParse(name, out key)) return "keypad layout row " + r + ": unknown key '" + name + "'";
                    if (!seen.Add(key)) return "keypad layout: key '" + name + "' appears twice";
                }
            }
            return null;
        }

        /// <summary>Every pin has a role and a GPIO, and no GPIO is wired twice.</summary>
        private string PinProblem()
        {
            var used = new Dictionary<int, string>();
            foreach (PinAssignment pin in Pins())
            {
                if (pin == null || string.IsNullOrEmpty(pin.Role)) return "a pin has no role";
                string other;
                if (used.TryGetValue(pin.Gpio, out other)) return "GPIO " + pin.Gpio + " is wired to both " + other + " and " + pin.Role;
                used[pin.Gpio] = pin.Role;
            }
            return null;
        }

        private IEnumerable<PinAssignment> Pins()
        {
            foreach (PinAssignment p in Keypad.Rows) yield return p;
            foreach (PinAssignment p in Keypad.Columns) yield return p;
            foreach (PinAssignment p in new[] { Lcd.Sclk, Lcd.Mosi, Lcd.Cs }) if (p != null) yield return p;
            if (CardReader != null)
                foreach (PinAssignment p in new[] { CardReader.Cls, CardReader.Strobe, CardReader.Data }) if (p != null) yield return p;
            if (Console != null)
                foreach (PinAssignment p in new[] { Console.Tx, Console.Rx }) if (p != null) yield return p;
            if (Buzzer != null && Buzzer.Pwm != null) yield return Buzzer.Pwm;
        }

        private static string RepositoryPath()
        {
            string dir = Directory.GetCurrentDirectory();
            while (dir != null && !File.Exists(Path.Combine(dir, "PosTerminal.sln")))
                dir = Path.GetDirectoryName(dir);
            return Path.Combine(dir ?? ".", "boards", "esp32-terminal", FileName);
        }
    }

    /// <summary>A board description that cannot be used; the message names the file and the problem.</summary>
    public sealed class BoardDescriptionException : Exception
    {
        public BoardDescriptionException(string message) : base(message)
        {
        }
    }

    public sealed class PinAssignment
    {
        public string Role { get; set; }
        public int Gpio { get; set; }
    }

    public sealed class KeypadSection
    {
        public string Comment { get; set; }
        public PinAssignment[] Rows { get; set; }
        public PinAssignment[] Columns { get; set; }

        /// <summary>Key names (script names: "1", "STAR", "MENU"…) per row; "" where no key is fitted.</summary>
        public string[][] Layout { get; set; }
    }

    public sealed class LcdSection
    {
        public string Controller { get; set; }
        public string Comment { get; set; }
        public int SpiBus { get; set; }
        public int ClockHz { get; set; }
        public PinAssignment Sclk { get; set; }
        public PinAssignment Mosi { get; set; }
        public PinAssignment Cs { get; set; }
    }

    public sealed class CardReaderSection
    {
        public string Comment { get; set; }
        public PinAssignment Cls { get; set; }
        public PinAssignment Strobe { get; set; }
        public PinAssignment Data { get; set; }
    }

    public sealed class ConsoleSection
    {
        public string Comment { get; set; }
        public string Uart { get; set; }
        public int Baud { get; set; }
        public PinAssignment Tx { get; set; }
        public PinAssignment Rx { get; set; }
        public int MaxLineChars { get; set; }
    }

    /// <summary>The buzzer: a piezo on one PWM pin, at its resonance frequency.</summary>
    public sealed class BuzzerSection
    {
        public string Comment { get; set; }
        public int FrequencyHz { get; set; }
        public PinAssignment Pwm { get; set; }
    }

    public sealed class SecuritySection
    {
        public string Comment { get; set; }

        /// <summary>PBKDF2-HMAC-SHA256 rounds per derivation on this board (docs/benchmarks.md, security).</summary>
        public int KdfRounds { get; set; }
    }

    public sealed class FlashSection
    {
        public string Comment { get; set; }
        public string Path { get; set; }
        public int SectorSize { get; set; }
        public int SectorCount { get; set; }
    }
}

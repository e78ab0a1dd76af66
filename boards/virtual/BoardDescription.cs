using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;
using PosTerminal.Hal;

namespace PosTerminal.Virtual
{
    /// <summary>
    /// boards/esp32-terminal/board.json, typed: the board's one description. The simulator's
    /// pin-level board is wired from it, tools/boardgen writes the device's BoardPins.cs from it
    /// at build time, and the pin-rule tests check it; board.schema.json beside it is the same
    /// contract as a JSON Schema (draft 2020-12). Reading is strict (names as in the schema, no
    /// unknown or missing members, no comments), and Parse refuses a description that breaks
    /// any of BoardRules.
    /// </summary>
    public sealed class BoardDescription
    {
        public const string FileName = "board.json";

        /// <summary>Editors' pointer to the schema ("./board.schema.json"); not used otherwise.</summary>
        [JsonPropertyName("$schema")]
        public string Schema { get; set; }

        [JsonRequired]
        public string Name { get; set; }

        public string Mcu { get; set; }

        [JsonRequired]
        public KeypadSection Keypad { get; set; }

        [JsonRequired]
        public LcdSection Lcd { get; set; }

        [JsonRequired]
        public CardReaderSection CardReader { get; set; }

        [JsonRequired]
        public ConsoleSection Console { get; set; }

        [JsonRequired]
        public FlashSection Flash { get; set; }

        [JsonRequired]
        public SecuritySection Security { get; set; }

        /// <summary>Optional part: null when the board has no buzzer.</summary>
        public BuzzerSection Buzzer { get; set; }

        private static readonly JsonSerializerOptions Strict = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            ReadCommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
        };

        private static readonly Lazy<BoardDescription> DefaultBoard = new Lazy<BoardDescription>(LoadDefault);

        /// <summary>LoadDefault, read once per process (parts that need a board value when none is given).</summary>
        public static BoardDescription Default { get { return DefaultBoard.Value; } }

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

        /// <summary>Reads and checks a description; 'source' names it in error messages (every broken rule, one per line).</summary>
        public static BoardDescription Parse(string json, string source = FileName)
        {
            BoardDescription board = Read(json, source);
            List<string> problems = BoardRules.Check(board);
            if (problems.Count > 0) throw new BoardDescriptionException(source + ": " + string.Join("\n" + source + ": ", problems));
            return board;
        }

        /// <summary>
        /// Reads a description without checking BoardRules (tests break copies to show each rule
        /// fails): only its shape, member names and types.
        /// </summary>
        public static BoardDescription Read(string json, string source = FileName)
        {
            BoardDescription board;
            try
            {
                board = JsonSerializer.Deserialize<BoardDescription>(json, Strict);
            }
            catch (JsonException e)
            {
                throw new BoardDescriptionException(source + ": not a board description: " + e.Message);
            }
            if (board == null) throw new BoardDescriptionException(source + ": empty document");
            string hole = Holes(board);
            if (hole != null) throw new BoardDescriptionException(source + ": not a board description: " + hole + " is null");
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
                    keys[r * columns + c] = BoardRules.KeyOf(Keypad.Layout[r][c]);
                }
            }
            return keys;
        }

        /// <summary>Every wired line with where it sits, the role that place needs and whether the board drives it.</summary>
        public List<BoardLine> Lines()
        {
            var lines = new List<BoardLine>();
            for (int r = 0; r < Keypad.Rows.Length; r++) lines.Add(new BoardLine("keypad.rows[" + r + "]", Keypad.Rows[r], "row" + r, true));
            for (int c = 0; c < Keypad.Columns.Length; c++) lines.Add(new BoardLine("keypad.columns[" + c + "]", Keypad.Columns[c], "col" + c, false));
            lines.Add(new BoardLine("lcd.sclk", Lcd.Sclk, "lcd-sclk", true));
            lines.Add(new BoardLine("lcd.mosi", Lcd.Mosi, "lcd-sid", true));
            lines.Add(new BoardLine("lcd.cs", Lcd.Cs, "lcd-cs", true));
            lines.Add(new BoardLine("lcd.miso", Lcd.Miso, "lcd-miso-unused", false));
            lines.Add(new BoardLine("cardReader.cls", CardReader.Cls, "card-cls", false));
            lines.Add(new BoardLine("cardReader.strobe", CardReader.Strobe, "card-strobe", false));
            lines.Add(new BoardLine("cardReader.data", CardReader.Data, "card-data", false));
            lines.Add(new BoardLine("console.tx", Console.Tx, "console-tx", true));
            lines.Add(new BoardLine("console.rx", Console.Rx, "console-rx", false));
            if (Buzzer != null) lines.Add(new BoardLine("buzzer.pwm", Buzzer.Pwm, "buzzer", true));
            return lines;
        }

        /// <summary>A JSON null where the schema wants an object or array (the serializer lets null through): its path, else null.</summary>
        private static string Holes(BoardDescription b)
        {
            if (b.Keypad == null) return "keypad";
            if (b.Lcd == null) return "lcd";
            if (b.CardReader == null) return "cardReader";
            if (b.Console == null) return "console";
            if (b.Flash == null) return "flash";
            if (b.Security == null) return "security";
            if (b.Keypad.Rows == null) return "keypad.rows";
            if (b.Keypad.Columns == null) return "keypad.columns";
            if (b.Keypad.Layout == null) return "keypad.layout";
            for (int r = 0; r < b.Keypad.Layout.Length; r++)
            {
                if (b.Keypad.Layout[r] == null) return "keypad.layout[" + r + "]";
                for (int c = 0; c < b.Keypad.Layout[r].Length; c++) if (b.Keypad.Layout[r][c] == null) return "keypad.layout[" + r + "][" + c + "]";
            }
            foreach (BoardLine line in b.Lines()) if (line.Pin == null || line.Pin.Role == null) return line.Place;
            if (b.Name == null) return "name";
            if (b.Lcd.Controller == null) return "lcd.controller";
            if (b.Console.Uart == null) return "console.uart";
            if (b.Flash.Path == null) return "flash.path";
            return null;
        }

        private static string RepositoryPath()
        {
            string dir = Directory.GetCurrentDirectory();
            while (dir != null && !File.Exists(Path.Combine(dir, "PosTerminal.sln")))
                dir = Path.GetDirectoryName(dir);
            return Path.Combine(dir ?? ".", "boards", "esp32-terminal", FileName);
        }
    }

    /// <summary>A wired line: its place in board.json, its pin, the role that place needs, and whether the board drives it.</summary>
    public sealed class BoardLine
    {
        public BoardLine(string place, PinAssignment pin, string role, bool isOutput)
        {
            Place = place;
            Pin = pin;
            ExpectedRole = role;
            IsOutput = isOutput;
        }

        public string Place { get; }
        public PinAssignment Pin { get; }
        public string ExpectedRole { get; }
        public bool IsOutput { get; }
    }

    /// <summary>A board description that cannot be used; the message names the file and the problem.</summary>
    public sealed class BoardDescriptionException : Exception
    {
        public BoardDescriptionException(string message) : base(message)
        {
        }
    }
}

using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PosTerminal.Virtual;

namespace PosTerminal.Tools.Guides
{
    /// <summary>
    /// The bench sheets of docs/flashing.md, rendered from board.json's typed model
    /// (BoardDescription): the parts list, the wiring table (every line BoardDescription.Lines
    /// names, with its part pin, GPIO and direction, plus the supply lines the description does
    /// not hold) and the keypad matrix. Values the model has no field for are read from
    /// board.json's own comments (the pull-up and base resistors, the LCD's PSB strap), so a
    /// comment that stops saying them fails the generation instead of leaving the sheet wrong.
    /// </summary>
    public static class BoardSheet
    {
        public const string Source = "boards/esp32-terminal/board.json";

        public static string Parts(BoardDescription board)
        {
            string pullUp = Ohms(board.Keypad.Comment, @"(\d+(?:\.\d+)?)\s*([kM]?)\s*pull-ups?", "keypad.comment", "the columns' pull-up value (\"10k pull-ups\")");
            RequireStrap(board);
            int keys = KeyCount(board);
            var md = new StringBuilder();
            md.Append("| part | qty | what for | notes |\n| --- | ---: | --- | --- |\n");
            Row(md, board.Mcu ?? board.Name, 1, "the terminal (`mcu`)", "its USB port is UART0: flashing, deploying and debugging only, never the console");
            Row(md, board.Lcd.Controller + " 128×64 graphic LCD module", 1, "the display (`lcd`)",
                "serial mode: PSB tied low; 3.3 V logic (a 3.3 V module, or a level shifter on SCLK, SID and CS)");
            Row(md, board.Keypad.Rows.Length + " × " + board.Keypad.Columns.Length + " matrix keypad, " + keys + " keys", 1, "the keypad (`keypad`)",
                "layout below; " + Unfitted(board));
            Row(md, pullUp + " resistor", board.Keypad.Columns.Length, "keypad column pull-ups to 3.3 V",
                "one per column: GPIO " + Gpios(board.Keypad.Columns) + " have no internal pull resistors");
            Row(md, "TTL magnetic-stripe reader (Track 2: /CLS, /STROBE, /DATA, open-collector)", 1, "the card reader (`cardReader`)",
                "supply as its datasheet says; its outputs are pulled up to 3.3 V only (ESP32 inputs are not 5 V tolerant)");
            Row(md, "resistor for a pull-up to 3.3 V (for example " + pullUp + ")", 3, "the reader's /CLS, /STROBE and /DATA", "unless the reader has pull-ups to 3.3 V of its own");
            if (board.Buzzer != null)
            {
                string baseOhms = Ohms(board.Buzzer.Comment, @"base through\s+(\d+(?:\.\d+)?)\s*([kM]?)", "buzzer.comment", "the transistor's base resistor (\"base through 1k\")");
                string tone = board.Buzzer.FrequencyHz > 0 ? ", resonance near " + Khz(board.Buzzer.FrequencyHz) : "";
                Row(md, "passive piezo buzzer" + tone, 1, "key clicks and error beeps (`buzzer`)", "passive (no built-in oscillator): the ESP32 makes the tone");
                Row(md, "NPN transistor (S8050, 2N3904 or similar)", 1, "switches the piezo", "emitter to GND");
                Row(md, baseOhms + " resistor", 1, "the transistor's base, from GPIO " + N(board.Buzzer.Pwm.Gpio), "");
            }
            Row(md, "3.3 V USB-serial adapter (CP2102, CH340, FT232R or similar, set to 3.3 V)", 1, "the maintenance console (`console`)",
                Uart(board) + ", " + N(board.Console.Baud) + " baud 8N1");
            Row(md, "USB data cable for the ESP32 board", 1, "flashing and deploying", "not a charge-only cable");
            return md.ToString();
        }

        public static string Wiring(BoardDescription board)
        {
            string pullUp = Ohms(board.Keypad.Comment, @"(\d+(?:\.\d+)?)\s*([kM]?)\s*pull-ups?", "keypad.comment", "the columns' pull-up value (\"10k pull-ups\")");
            var md = new StringBuilder();
            md.Append("| signal | part and pin | ESP32 GPIO | direction | notes |\n| --- | --- | ---: | --- | --- |\n");
            foreach (BoardLine line in board.Lines())
            {
                string[] cells = Describe(line, board, pullUp);
                md.Append("| ").Append(cells[0]).Append(" | ").Append(cells[1]).Append(" | ").Append(N(line.Pin.Gpio))
                    .Append(" | ").Append(line.IsOutput ? (line.ExpectedRole.StartsWith("row", System.StringComparison.Ordinal) ? "out, open-drain" : "out") : "in")
                    .Append(" | ").Append(cells[2]).Append(" |\n");
            }
            md.Append("| 3.3 V | LCD VDD (a 3.3 V module); the pull-up resistors; the piezo's + | 3V3 | supply | the adapter is powered by its own USB: connect only its GND |\n");
            md.Append("| GND | LCD VSS and **PSB** (serial mode); the reader's GND; the transistor's emitter; the adapter's GND | GND | supply | one common ground |\n");
            md.Append("| LCD RST | ST7920 RST | — | — | to 3.3 V, or left to the module's own pull-up: the firmware never resets the LCD |\n");
            return md.ToString();
        }

        /// <summary>The key matrix as wired: rows and columns with their GPIOs, and the key at each crossing.</summary>
        public static string Keypad(BoardDescription board)
        {
            var md = new StringBuilder();
            md.Append("| |");
            for (int c = 0; c < board.Keypad.Columns.Length; c++) md.Append(" column ").Append(N(c)).Append(" (GPIO ").Append(N(board.Keypad.Columns[c].Gpio)).Append(") |");
            md.Append("\n| --- |");
            for (int c = 0; c < board.Keypad.Columns.Length; c++) md.Append(" :-: |");
            md.Append('\n');
            for (int r = 0; r < board.Keypad.Rows.Length; r++)
            {
                md.Append("| row ").Append(N(r)).Append(" (GPIO ").Append(N(board.Keypad.Rows[r].Gpio)).Append(") |");
                foreach (string key in board.Keypad.Layout[r]) md.Append(' ').Append(key.Length == 0 ? "(not fitted)" : "`" + key + "`").Append(" |");
                md.Append('\n');
            }
            return md.ToString();
        }

        // signal, part and pin, notes: for every role BoardDescription.Lines can name.
        private static string[] Describe(BoardLine line, BoardDescription board, string pullUp)
        {
            string role = line.ExpectedRole;
            Match row = Regex.Match(role, @"^row(\d+)$");
            if (row.Success)
            {
                int r = int.Parse(row.Groups[1].Value, CultureInfo.InvariantCulture);
                return new[] { "keypad row " + N(r), "keypad row " + N(r) + " (" + Keys(board.Keypad.Layout[r]) + ")", "driven low to scan, released otherwise; no series part" };
            }
            Match column = Regex.Match(role, @"^col(\d+)$");
            if (column.Success)
            {
                int c = int.Parse(column.Groups[1].Value, CultureInfo.InvariantCulture);
                var keys = new List<string>();
                foreach (string[] r in board.Keypad.Layout) keys.Add(r[c]);
                return new[] { "keypad column " + N(c), "keypad column " + N(c) + " (" + Keys(keys.ToArray()) + ")", pullUp + " pull-up to 3.3 V" };
            }
            string bus = "SPI" + N(board.Lcd.SpiBus);
            switch (role)
            {
                case "lcd-sclk": return new[] { "LCD clock", board.Lcd.Controller + " E (SCLK in serial mode)", bus + " clock, " + Khz(board.Lcd.ClockHz) + ", mode 3" };
                case "lcd-sid": return new[] { "LCD data", board.Lcd.Controller + " R/W (SID in serial mode)", bus + " MOSI" };
                case "lcd-cs": return new[] { "LCD chip select", board.Lcd.Controller + " RS (CS in serial mode)", "**active high**, driven as a GPIO around each transfer" };
                case "lcd-miso-unused": return new[] { "(" + bus + " MISO)", "nothing: leave it unconnected", "assigned only so that the bus's default MISO pin stays free; the ST7920 is write-only" };
                case "card-cls": return new[] { "card present", "reader /CLS", "active low; pull-up to 3.3 V" };
                case "card-strobe": return new[] { "card clock", "reader /STROBE (RCP)", "active low, data valid on its falling edge; pull-up to 3.3 V" };
                case "card-data": return new[] { "card data", "reader /DATA (RDP)", "active low (low = 1); pull-up to 3.3 V" };
                case "console-tx": return new[] { "console TX", "USB-serial adapter **RX**", Uart(board) + ", " + N(board.Console.Baud) + " 8N1" };
                case "console-rx": return new[] { "console RX", "USB-serial adapter **TX**", Uart(board) + "; lines of at most " + N(board.Console.MaxLineChars) + " characters" };
                case "buzzer": return new[] { "buzzer", "NPN transistor's base, through the base resistor", "PWM square wave, 50 %" + (board.Buzzer.FrequencyHz > 0 ? ", " + Khz(board.Buzzer.FrequencyHz) : "") + "; piezo between 3.3 V and the collector" };
                default: throw new GuideException(Source + ": the wiring table has no text for the role '" + role + "' (" + line.Place + "): add it to tools/guides/BoardSheet.cs");
            }
        }

        /// <summary>"10 kΩ" from a comment's "10k", or a GuideException naming the comment and what it must say.</summary>
        private static string Ohms(string comment, string pattern, string where, string what)
        {
            Match m = comment == null ? Match.Empty : Regex.Match(comment, pattern);
            if (!m.Success) throw new GuideException(Source + ": " + where + " no longer says " + what + "; the parts list takes it from there");
            string unit = m.Groups[2].Value;
            return m.Groups[1].Value + " " + (unit.Length == 0 ? "" : unit) + "Ω";
        }

        private static void RequireStrap(BoardDescription board)
        {
            if (board.Lcd.Comment == null || board.Lcd.Comment.IndexOf("PSB tied low", System.StringComparison.Ordinal) < 0)
                throw new GuideException(Source + ": lcd.comment no longer says \"PSB tied low\" (serial mode); the parts list and wiring assume it");
        }

        private static int KeyCount(BoardDescription board)
        {
            int n = 0;
            foreach (string[] row in board.Keypad.Layout) foreach (string key in row) if (key.Length > 0) n++;
            return n;
        }

        private static string Unfitted(BoardDescription board)
        {
            var empty = new List<string>();
            for (int r = 0; r < board.Keypad.Layout.Length; r++)
                for (int c = 0; c < board.Keypad.Layout[r].Length; c++)
                    if (board.Keypad.Layout[r][c].Length == 0) empty.Add("row " + N(r) + " column " + N(c));
            return empty.Count == 0 ? "every position fitted" : string.Join(", ", empty) + " not fitted";
        }

        private static string Keys(string[] keys)
        {
            var named = new List<string>();
            foreach (string key in keys) if (key.Length > 0) named.Add(key);
            return "keys " + string.Join(" ", named);
        }

        private static string Gpios(PinAssignment[] pins)
        {
            var numbers = new List<string>();
            foreach (PinAssignment pin in pins) numbers.Add(N(pin.Gpio));
            return string.Join(", ", numbers);
        }

        /// <summary>nanoFramework's ESP32 COMn is UART(n-1) (nf-interpreter sys_io_ser_native_System_IO_Ports_SerialPort.cpp, PORT_INDEX_TO_UART_NUM).</summary>
        private static string Uart(BoardDescription board)
        {
            string com = board.Console.Uart;
            int n = int.Parse(com.Substring(3), CultureInfo.InvariantCulture);
            return "UART" + N(n - 1) + " (" + com + ")";
        }

        private static string Khz(int hz)
        {
            return (hz / 1000.0).ToString("0.###", CultureInfo.InvariantCulture) + " kHz";
        }

        private static string N(int value)
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }

        private static void Row(StringBuilder md, string part, int qty, string forWhat, string notes)
        {
            md.Append("| ").Append(part).Append(" | ").Append(N(qty)).Append(" | ").Append(forWhat).Append(" | ").Append(notes.Length > 0 ? notes : "—").Append(" |\n");
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using PosTerminal.Hal;

namespace PosTerminal.Virtual
{
    /// <summary>
    /// Every rule a board description must keep, on the typed model: the values the schema
    /// bounds (board.schema.json says the same in JSON Schema), each line's role, the
    /// ESP32-WROOM-32 (DevKitC-class) pin rules, and the keypad layout the firmware expects.
    /// Check returns one sentence per broken rule; an empty list means the board is sane.
    /// BoardDescription.Parse (simulator, tools/boardgen) refuses a board with any.
    /// </summary>
    public static class BoardRules
    {
        /// <summary>GPIO 6-11 carry the module's SPI flash.</summary>
        public static readonly int[] FlashPins = { 6, 7, 8, 9, 10, 11 };

        /// <summary>Sampled at reset (boot mode, flash voltage, boot log); an external level there can stop the boot.</summary>
        public static readonly int[] StrappingPins = { 0, 2, 5, 12, 15 };

        /// <summary>GPIO 34-39 have no output driver (and no internal pull resistors).</summary>
        public static readonly int[] InputOnlyPins = { 34, 35, 36, 37, 38, 39 };

        /// <summary>UART0: nanoFramework's wire protocol (deployment, debugging) runs there.</summary>
        public static readonly int[] DebugUartPins = { 1, 3 };

        /// <summary>Numbers with no GPIO pad on the ESP32.</summary>
        public static readonly int[] MissingPins = { 20, 24, 28, 29, 30, 31 };

        /// <summary>The keypad the firmware expects.</summary>
        public const int KeypadRows = 5;
        public const int KeypadColumns = 4;

        /// <summary>
        /// The layout's key names (exactly these; "" where no switch is fitted), and the keys
        /// they are. The same list is the schema's enum.
        /// </summary>
        public static readonly string[] LayoutNames = { "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "STAR", "HASH", "ENTER", "CANCEL", "CLEAR", "UP", "DOWN", "MENU", "FN" };
        private static readonly Key[] LayoutKeys =
        {
            Key.D0, Key.D1, Key.D2, Key.D3, Key.D4, Key.D5, Key.D6, Key.D7, Key.D8, Key.D9,
            Key.Star, Key.Hash, Key.Enter, Key.Cancel, Key.Clear, Key.Up, Key.Down, Key.Menu, Key.Fn,
        };

        /// <summary>78,125 Hz is the ESP32 driver's minimum (cpu_spi.cpp: 20 MHz / 256); u8g2 runs the ST7920 at 1 MHz and reports 2 MHz failing.</summary>
        public const int MinLcdClockHz = 78125;
        public const int MaxLcdClockHz = 1000000;
        public const int MinLineChars = 80;
        public const int MaxLineChars = 1024;

        /// <summary>The key a layout name stands for; Key.None for "" or an unknown name.</summary>
        public static Key KeyOf(string name)
        {
            int i = System.Array.IndexOf(LayoutNames, name);
            return i < 0 ? Key.None : LayoutKeys[i];
        }

        public static List<string> Check(BoardDescription board)
        {
            var problems = new List<string>();
            CheckValues(board, problems);
            List<BoardLine> lines = board.Lines();
            CheckRoles(lines, problems);
            CheckPins(lines, problems);
            CheckLayout(board.Keypad, problems);
            return problems;
        }

        private static void CheckValues(BoardDescription board, List<string> problems)
        {
            if (board.Name.Length == 0) problems.Add("name is empty");
            if (board.Lcd.Controller != "ST7920") problems.Add($"lcd controller {board.Lcd.Controller}: the firmware drives an ST7920");
            int bus = board.Lcd.SpiBus;
            if (bus != 1 && bus != 2) problems.Add($"lcd spiBus {bus}: nanoFramework's ESP32 SPI buses are 1 and 2");
            int clock = board.Lcd.ClockHz;
            if (clock < MinLcdClockHz || clock > MaxLcdClockHz) problems.Add($"lcd clockHz {clock}: keep between {MinLcdClockHz} and {MaxLcdClockHz}");
            string uart = board.Console.Uart;
            if (uart != "COM2" && uart != "COM3") problems.Add($"console uart {uart}: use COM2 or COM3 (COM1 is the wire protocol)");
            if (board.Console.Baud < 1200 || board.Console.Baud > 921600) problems.Add($"console baud {board.Console.Baud}: keep between 1200 and 921600");
            int line = board.Console.MaxLineChars;
            if (line < MinLineChars || line > MaxLineChars) problems.Add($"console.maxLineChars {line}: must be {MinLineChars}-{MaxLineChars}");
            if (!board.Flash.Path.StartsWith("I:\\")) problems.Add($"flash path {board.Flash.Path}: the store lives on the I: LittleFS drive");
            if (board.Flash.SectorSize != 4096) problems.Add($"flash sectorSize {board.Flash.SectorSize}: must be 4096 (the ESP32 flash erase unit)");
            if (board.Flash.SectorCount < 2 || board.Flash.SectorCount > 64) problems.Add($"flash sectorCount {board.Flash.SectorCount}: keep between 2 and 64 (the I: drive is 256 KB)");
            if (board.Security.KdfRounds < 1) problems.Add($"security.kdfRounds {board.Security.KdfRounds}: must be at least 1");
            int tone = board.Buzzer?.FrequencyHz ?? 0;
            if (board.Buzzer != null && tone != 0 && (tone < 100 || tone > 20000)) problems.Add($"buzzer frequencyHz {tone}: keep between 100 and 20000");
        }

        /// <summary>Each line carries the role its place in the description needs (it names the wire on the board).</summary>
        private static void CheckRoles(List<BoardLine> lines, List<string> problems)
        {
            foreach (BoardLine line in lines)
            {
                if (line.Pin.Role != line.ExpectedRole) problems.Add($"{line.Place} has role '{line.Pin.Role}', expected '{line.ExpectedRole}'");
            }
        }

        private static void CheckPins(List<BoardLine> lines, List<string> problems)
        {
            foreach (BoardLine line in lines)
            {
                int gpio = line.Pin.Gpio;
                string what = $"{line.ExpectedRole} on GPIO {gpio}";
                if (gpio < 0 || gpio > 39 || MissingPins.Contains(gpio)) problems.Add($"{what}: the ESP32 has no such GPIO");
                if (FlashPins.Contains(gpio)) problems.Add($"{what}: GPIO 6-11 belong to the SPI flash");
                if (StrappingPins.Contains(gpio)) problems.Add($"{what}: strapping pin (0, 2, 5, 12, 15); a level there at reset can stop the boot");
                if (DebugUartPins.Contains(gpio)) problems.Add($"{what}: GPIO 1/3 are UART0, nanoFramework's wire protocol");
                if (line.IsOutput && InputOnlyPins.Contains(gpio)) problems.Add($"{what}: GPIO 34-39 are input-only, this line is driven");
            }
            foreach (var group in lines.GroupBy(l => l.Pin.Gpio).Where(g => g.Count() > 1))
            {
                problems.Add($"GPIO {group.Key} is wired to both {string.Join(" and ", group.Select(l => l.ExpectedRole))}");
            }
        }

        /// <summary>The keypad the firmware expects: 5 rows x 4 columns, a line for each, every key exactly once.</summary>
        private static void CheckLayout(KeypadSection keypad, List<string> problems)
        {
            string[][] layout = keypad.Layout;
            if (keypad.Rows.Length != layout.Length) problems.Add($"keypad rows: {keypad.Rows.Length} lines for a layout of {layout.Length} rows");
            if (layout.Length != KeypadRows) problems.Add($"keypad layout must have {KeypadRows} rows, has {layout.Length}");
            if (keypad.Columns.Length != KeypadColumns) problems.Add($"keypad columns: {keypad.Columns.Length} lines, the keypad has {KeypadColumns}");
            var seen = new List<Key>();
            for (int r = 0; r < layout.Length; r++)
            {
                string[] row = layout[r];
                if (row.Length != keypad.Columns.Length) problems.Add($"keypad layout row {r} needs {keypad.Columns.Length} entries, has {row.Length}");
                foreach (string name in row)
                {
                    if (name.Length == 0) continue;
                    Key key = KeyOf(name);
                    if (key == Key.None) problems.Add($"keypad layout row {r}: unknown key '{name}'");
                    else seen.Add(key);
                }
            }
            for (int i = 0; i < LayoutKeys.Length; i++)
            {
                int n = seen.Count(k => k == LayoutKeys[i]);
                if (n != 1) problems.Add($"keypad layout: key '{LayoutNames[i]}' appears {n} times");
            }
        }
    }
}

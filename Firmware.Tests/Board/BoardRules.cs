using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using PosTerminal.Hal;
using PosTerminal.Virtual.Script;

namespace PosTerminal.Firmware.Tests.Board
{
    /// <summary>
    /// The pin-map rules for an ESP32-WROOM-32 (DevKitC-class) board, applied to board.json.
    /// Check returns one sentence per broken rule; an empty list means the map is sane.
    /// </summary>
    internal static class BoardRules
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

        /// <summary>Every line role the board drives (outputs) or reads (inputs).</summary>
        private static readonly string[] FixedOutputs = { "lcd-sclk", "lcd-sid", "lcd-cs", "console-tx", "buzzer" };
        private static readonly string[] FixedInputs = { "card-cls", "card-strobe", "card-data", "console-rx", "lcd-miso-unused" };

        public sealed class Line
        {
            public string Role;
            public int Gpio;
            public bool IsOutput;
        }

        public static List<string> Check(JsonNode board)
        {
            var problems = new List<string>();
            List<Line> lines = Lines(board, problems);
            CheckPins(lines, problems);
            CheckRequiredLines(board, lines, problems);
            CheckLayout(board, problems);
            CheckBus(board, problems);
            return problems;
        }

        /// <summary>Every {"role", "gpio"} object anywhere in the description, with its direction.</summary>
        public static List<Line> Lines(JsonNode board, List<string> problems)
        {
            var lines = new List<Line>();
            Collect(board, lines, problems);
            return lines;
        }

        private static void Collect(JsonNode node, List<Line> lines, List<string> problems)
        {
            if (node is JsonObject obj)
            {
                if (obj["role"] != null && obj["gpio"] != null)
                {
                    string role = (string)obj["role"];
                    bool? output = Direction(role);
                    if (output == null) problems.Add($"role '{role}' is neither a known input nor output: add it to BoardRules");
                    else lines.Add(new Line { Role = role, Gpio = (int)obj["gpio"], IsOutput = output.Value });
                }
                foreach (var pair in obj) Collect(pair.Value, lines, problems);
            }
            else if (node is JsonArray array)
            {
                foreach (JsonNode item in array) Collect(item, lines, problems);
            }
        }

        private static bool? Direction(string role)
        {
            if (role.StartsWith("row") || FixedOutputs.Contains(role)) return true;
            if (role.StartsWith("col") || FixedInputs.Contains(role)) return false;
            return null;
        }

        private static void CheckPins(List<Line> lines, List<string> problems)
        {
            foreach (Line line in lines)
            {
                string what = $"{line.Role} on GPIO {line.Gpio}";
                if (line.Gpio < 0 || line.Gpio > 39 || MissingPins.Contains(line.Gpio)) problems.Add($"{what}: the ESP32 has no such GPIO");
                if (FlashPins.Contains(line.Gpio)) problems.Add($"{what}: GPIO 6-11 belong to the SPI flash");
                if (StrappingPins.Contains(line.Gpio)) problems.Add($"{what}: strapping pin (0, 2, 5, 12, 15); a level there at reset can stop the boot");
                if (DebugUartPins.Contains(line.Gpio)) problems.Add($"{what}: GPIO 1/3 are UART0, nanoFramework's wire protocol");
                if (line.IsOutput && InputOnlyPins.Contains(line.Gpio)) problems.Add($"{what}: GPIO 34-39 are input-only, this line is driven");
            }
            foreach (var group in lines.GroupBy(l => l.Gpio).Where(g => g.Count() > 1))
            {
                problems.Add($"GPIO {group.Key} used twice: {string.Join(", ", group.Select(l => l.Role))}");
            }
            foreach (var group in lines.GroupBy(l => l.Role).Where(g => g.Count() > 1))
            {
                problems.Add($"role {group.Key} appears twice");
            }
        }

        private static void CheckRequiredLines(JsonNode board, List<Line> lines, List<string> problems)
        {
            var required = new List<string>(FixedOutputs.Concat(FixedInputs).Where(r => r != "lcd-miso-unused"));
            JsonArray layout = board["keypad"]?["layout"] as JsonArray;
            int rows = layout?.Count ?? 0;
            int columns = rows > 0 ? (layout[0] as JsonArray)?.Count ?? 0 : 0;
            for (int r = 0; r < rows; r++) required.Add("row" + r);
            for (int c = 0; c < columns; c++) required.Add("col" + c);
            foreach (string role in required)
            {
                if (!lines.Any(l => l.Role == role)) problems.Add($"line {role} is missing");
            }
            CheckCount(board["keypad"]?["rows"] as JsonArray, rows, "keypad rows", problems);
            CheckCount(board["keypad"]?["columns"] as JsonArray, columns, "keypad columns", problems);
        }

        private static void CheckCount(JsonArray lines, int expected, string what, List<string> problems)
        {
            int count = lines?.Count ?? 0;
            if (count != expected) problems.Add($"{what}: {count} lines for a layout that needs {expected}");
        }

        /// <summary>The keypad the firmware expects: 5 rows x 4 columns, every key exactly once.</summary>
        private static void CheckLayout(JsonNode board, List<string> problems)
        {
            JsonArray layout = board["keypad"]?["layout"] as JsonArray;
            if (layout == null || layout.Count != 5)
            {
                problems.Add($"keypad layout must have 5 rows, has {layout?.Count ?? 0}");
                return;
            }
            var seen = new List<Key>();
            foreach (JsonNode row in layout)
            {
                JsonArray cells = row as JsonArray;
                if (cells == null || cells.Count != 4)
                {
                    problems.Add($"keypad layout row must have 4 columns, has {cells?.Count ?? 0}");
                    continue;
                }
                foreach (JsonNode cell in cells)
                {
                    string name = (string)cell;
                    if (name == "") continue;
                    if (KeyNames.TryParse(name, out Key key)) seen.Add(key);
                    else problems.Add($"keypad layout: unknown key name '{name}'");
                }
            }
            // ClearHeld is a report of the driver (CLEAR held), not a key cap.
            foreach (Key key in System.Enum.GetValues<Key>().Where(k => k != Key.None && k != Key.ClearHeld))
            {
                int n = seen.Count(k => k == key);
                if (n != 1) problems.Add($"keypad layout: key {key} appears {n} times");
            }
        }

        private static void CheckBus(JsonNode board, List<string> problems)
        {
            int bus = (int?)board["lcd"]?["spiBus"] ?? 0;
            if (bus != 1 && bus != 2) problems.Add($"lcd spiBus {bus}: nanoFramework's ESP32 SPI buses are 1 and 2");
            int clock = (int?)board["lcd"]?["clockHz"] ?? 0;
            // 78,125 Hz is the ESP32 minimum (cpu_spi.cpp); u8g2 runs the ST7920 at 1 MHz and reports 2 MHz failing.
            if (clock < 78125 || clock > 1000000) problems.Add($"lcd clockHz {clock}: keep between 78125 and 1000000");
            string uart = (string)board["console"]?["uart"] ?? "";
            if (uart != "COM2" && uart != "COM3") problems.Add($"console uart {uart}: use COM2 or COM3 (COM1 is the wire protocol)");
            string path = (string)board["flash"]?["path"] ?? "";
            if (!path.StartsWith("I:\\")) problems.Add($"flash path {path}: the store lives on the I: LittleFS drive");
            if (((int?)board["flash"]?["sectorSize"] ?? 0) != 4096) problems.Add("flash sectorSize must be 4096 (the ESP32 flash erase unit)");
            // Piezo buzzers resonate at 2-5 kHz; the LEDC timer reaches far wider, so this catches typos.
            int tone = (int?)board["buzzer"]?["frequencyHz"] ?? 0;
            if (tone < 1000 || tone > 8000) problems.Add($"buzzer frequencyHz {tone}: a piezo buzzer wants 1000-8000 Hz");
        }
    }
}

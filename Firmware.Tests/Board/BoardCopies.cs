using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json.Nodes;
using PosTerminal.Virtual;

namespace PosTerminal.Firmware.Tests.Board
{
    /// <summary>
    /// board.json and copies of it broken on purpose: each rule of the typed model (and of the
    /// schema) is shown to fail on a copy that breaks it and only it.
    /// </summary>
    internal static class BoardCopies
    {
        public static string JsonPath { get { return Path.Combine(TestPaths.RepoRoot, "boards", "esp32-terminal", BoardDescription.FileName); } }

        public static string SchemaPath { get { return Path.Combine(TestPaths.RepoRoot, "boards", "esp32-terminal", "board.schema.json"); } }

        public static string BoardText() { return File.ReadAllText(JsonPath); }

        public static JsonNode Node() { return JsonNode.Parse(BoardText()); }

        /// <summary>A copy of board.json changed by breakIt.</summary>
        public static string Broken(Action<JsonNode> breakIt)
        {
            JsonNode board = Node();
            breakIt(board);
            return board.ToJsonString();
        }

        /// <summary>What the typed model says about a document: the reading error, or every broken rule.</summary>
        public static List<string> ModelProblems(string json)
        {
            BoardDescription board;
            try
            {
                board = BoardDescription.Read(json, "copy");
            }
            catch (BoardDescriptionException e)
            {
                return new List<string> { e.Message };
            }
            return BoardRules.Check(board);
        }

        public static void SetGpio(JsonNode line, int gpio)
        {
            line["gpio"] = gpio;
        }

        public static JsonObject Pin(string role, int gpio)
        {
            return new JsonObject { ["role"] = role, ["gpio"] = gpio };
        }

        /// <summary>A buzzer part in the shape the schema and model accept.</summary>
        public static void AddBuzzer(JsonNode board, int gpio)
        {
            board["buzzer"] = new JsonObject { ["comment"] = "piezo on a PWM output", ["pwm"] = Pin("buzzer", gpio), ["frequencyHz"] = 2700 };
        }
    }
}

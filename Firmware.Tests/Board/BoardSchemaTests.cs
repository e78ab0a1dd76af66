using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static PosTerminal.Firmware.Tests.Board.BoardCopies;

namespace PosTerminal.Firmware.Tests.Board
{
    /// <summary>
    /// board.schema.json (JSON Schema draft 2020-12, validated with JsonSchema.Net) is the
    /// documented contract of board.json; the typed model (BoardDescription + BoardRules) is the
    /// one the code runs. board.json must pass both, and every broken copy the schema refuses the
    /// model refuses too. A few rules need more than a schema can say (a GPIO wired twice, each
    /// key exactly once, row i named rowi): those the model alone refuses.
    /// </summary>
    [TestClass]
    public sealed class BoardSchemaTests
    {
        private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(SchemaPath));

        private static bool SchemaAccepts(string json, out string why)
        {
            using JsonDocument doc = JsonDocument.Parse(json);
            EvaluationResults result = Schema.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            why = string.Join("; ", (result.Details ?? new List<EvaluationResults>())
                .Where(d => d.Errors != null)
                .SelectMany(d => d.Errors.Select(e => d.InstanceLocation + ": " + e.Value)));
            return result.IsValid;
        }

        /// <summary>Copies each schema and model must refuse: one broken value each.</summary>
        private static readonly (string What, Action<JsonNode> Break)[] BothRefuse =
        {
            ("a flash pin", b => SetGpio(b["keypad"]["rows"][0], 7)),
            ("a strapping pin", b => SetGpio(b["lcd"]["cs"], 2)),
            ("the debug UART", b => SetGpio(b["console"]["tx"], 1)),
            ("a GPIO the chip lacks", b => SetGpio(b["lcd"]["sclk"], 24)),
            ("a GPIO over 39", b => SetGpio(b["cardReader"]["data"], 40)),
            ("an output on an input-only pin", b => SetGpio(b["console"]["tx"], 37)),
            ("a GPIO as text", b => b["console"]["rx"]["gpio"] = "16"),
            ("an unknown line", b => ((JsonObject)b["lcd"]).Add("backlight", Pin("lcd-backlight", 13))),
            ("an unknown part", b => ((JsonObject)b).Add("printer", new JsonObject())),
            ("a missing line", b => ((JsonObject)b["console"]).Remove("rx")),
            ("a missing section", b => ((JsonObject)b).Remove("security")),
            ("a slot's wrong role", b => b["lcd"]["cs"]["role"] = "lcd-chip-select"),
            ("a fifth column", b => ((JsonArray)b["keypad"]["columns"]).Add(Pin("col4", 13))),
            ("a sixth layout row", b => ((JsonArray)b["keypad"]["layout"]).Add(new JsonArray("", "", "", ""))),
            ("an unknown key name", b => b["keypad"]["layout"][0][0] = "F1"),
            ("SPI bus 3", b => b["lcd"]["spiBus"] = 3),
            ("an LCD clock over 1 MHz", b => b["lcd"]["clockHz"] = 4000000),
            ("another controller", b => b["lcd"]["controller"] = "HD44780"),
            ("the console on COM1", b => b["console"]["uart"] = "COM1"),
            ("a console line under 80", b => b["console"]["maxLineChars"] = 40),
            ("a flash file off I:", b => b["flash"]["path"] = "D:\\posterm.flash"),
            ("512-byte sectors", b => b["flash"]["sectorSize"] = 512),
            ("no KDF rounds", b => b["security"]["kdfRounds"] = 0),
            ("a buzzer on an input-only pin", b => AddBuzzer(b, 34)),
            ("a buzzer without its pin", b => { AddBuzzer(b, 13); ((JsonObject)b["buzzer"]).Remove("pwm"); }),
            ("a buzzer pin's wrong role", b => { AddBuzzer(b, 13); b["buzzer"]["pwm"]["role"] = "beeper"; }),
        };

        /// <summary>Copies only the model can refuse: the rule spans more than one value.</summary>
        private static readonly (string What, Action<JsonNode> Break)[] ModelOnlyRefuses =
        {
            ("a GPIO wired twice", b => SetGpio(b["cardReader"]["data"], 21)),
            ("a key twice", b => b["keypad"]["layout"][3][3] = "1"),
            ("a buzzer on a keypad row's pin", b => AddBuzzer(b, 25)),
        };

        [TestMethod]
        public void BoardJsonFollowsTheSchema()
        {
            Assert.IsTrue(SchemaAccepts(BoardText(), out string why), why);
        }

        [TestMethod]
        public void TheSchemaIsDraft2020_12AndDescribesEverySectionTheModelReads()
        {
            JsonNode schema = JsonNode.Parse(File.ReadAllText(SchemaPath));
            Assert.AreEqual("https://json-schema.org/draft/2020-12/schema", (string)schema["$schema"]);
            string[] sections = { "$schema", "name", "mcu", "keypad", "lcd", "cardReader", "console", "flash", "security", "buzzer" };
            CollectionAssert.AreEquivalent(sections, ((JsonObject)schema["properties"]).Select(p => p.Key).ToArray());
            StringAssert.Contains(schema["properties"]["console"]["required"].ToJsonString(), "maxLineChars");
            StringAssert.Contains(schema["properties"]["security"]["required"].ToJsonString(), "kdfRounds");
        }

        [TestMethod]
        public void ABoardWithABuzzerPassesBoth()
        {
            string json = Broken(b => AddBuzzer(b, 13));
            Assert.IsTrue(SchemaAccepts(json, out string why), why);
            Assert.IsEmpty(ModelProblems(json));
        }

        [TestMethod]
        public void EveryCopyTheSchemaRefusesTheModelRefusesToo()
        {
            foreach ((string what, Action<JsonNode> breakIt) in BothRefuse)
            {
                string json = Broken(breakIt);
                Assert.IsFalse(SchemaAccepts(json, out _), "the schema accepts " + what);
                Assert.IsNotEmpty(ModelProblems(json), "the model accepts " + what);
            }
        }

        [TestMethod]
        public void RulesAcrossValuesAreTheModelsAlone()
        {
            foreach ((string what, Action<JsonNode> breakIt) in ModelOnlyRefuses)
            {
                string json = Broken(breakIt);
                Assert.IsTrue(SchemaAccepts(json, out string why), what + ": " + why);
                Assert.IsNotEmpty(ModelProblems(json), "the model accepts " + what);
            }
        }
    }
}

using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Json;

namespace PosTerminal.Firmware.Tests.Json
{
    [TestClass]
    public sealed class JsonReaderTests
    {
        [TestMethod]
        public void ReadsObjectsArraysStringsIntegersAndLiterals()
        {
            JsonNode doc = Parse("{ \"id\": \"t-01\", \"seq\": 42, \"neg\": -7, \"ok\": true, \"no\": false, \"none\": null, \"list\": [1, [\"a\"], {}] }");
            Assert.AreEqual(JsonKind.Object, doc.Kind);
            Assert.AreEqual(7, doc.Count);
            Assert.AreEqual("t-01", doc.Get("id").String);
            Assert.AreEqual(42L, doc.Get("seq").Integer);
            Assert.AreEqual(-7L, doc.Get("neg").Integer);
            Assert.IsTrue(doc.Get("ok").Bool);
            Assert.IsFalse(doc.Get("no").Bool);
            Assert.AreEqual(JsonKind.Null, doc.Get("none").Kind);
            JsonNode list = doc.Get("list");
            Assert.AreEqual(3, list.Count);
            Assert.AreEqual("a", list.At(1).At(0).String);
            Assert.AreEqual(JsonKind.Object, list.At(2).Kind);
            Assert.IsNull(doc.Get("missing"));
            Assert.AreEqual("list", doc.NameAt(6));
        }

        [TestMethod]
        public void DecodesEscapes()
        {
            Assert.AreEqual("a\"b\\c/d\b\f\n\r\t\u4e2d", Parse("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u4E2d\"").String);
        }

        [TestMethod]
        public void IntegerLimits()
        {
            Assert.AreEqual(long.MaxValue, Parse("9223372036854775807").Integer);
            Assert.AreEqual(long.MinValue, Parse("-9223372036854775808").Integer);
            Assert.AreEqual(0L, Parse("0").Integer);
        }

        [TestMethod]
        [DataRow("{\"a\":1,\"a\":2}", "at 7: duplicate member 'a'")]
        [DataRow("1.5", "at 1: numbers must be whole (no fraction or exponent)")]
        [DataRow("1e3", "at 1: numbers must be whole (no fraction or exponent)")]
        [DataRow("012", "at 0: leading zero")]
        [DataRow("9223372036854775808", "at 19: number out of range")]
        [DataRow("-92233720368547758090", "at 19: number out of range")]
        [DataRow("-", "at 1: expected a digit")]
        [DataRow("{\"a\":1} x", "at 8: text after the document")]
        [DataRow("{\"a\" 1}", "at 5: expected ':'")]
        [DataRow("{a:1}", "at 1: expected a member name")]
        [DataRow("[1,]", "at 3: expected a value")]
        [DataRow("[1 2]", "at 3: expected ',' or ']'")]
        [DataRow("\"abc", "at 4: unterminated string")]
        [DataRow("\"a\u0001b\"", "at 2: control character in a string")]
        [DataRow("\"\\x\"", "at 2: bad escape")]
        [DataRow("\"\\u12G4\"", "at 1: bad \\u escape")]
        [DataRow("trueish", "at 0: expected a value")]
        [DataRow("", "at 0: expected a value")]
        [DataRow("[[[[[[[[[1]]]]]]]]]", "at 8: nested deeper than 8")]
        public void RefusesWhatALenientParserWouldGuess(string text, string expected)
        {
            string error;
            Assert.IsNull(JsonReader.Parse(text, out error));
            Assert.AreEqual(expected, error);
        }

        [TestMethod]
        public void EightLevelsAreAllowed()
        {
            Assert.AreEqual(JsonKind.Array, Parse("[[[[[[[[1]]]]]]]]").Kind);
        }

        [TestMethod]
        public void UnknownMemberNamesTheFirstStranger()
        {
            JsonNode doc = Parse("{\"id\":1,\"seq\":2,\"extra\":3}");
            Assert.AreEqual("extra", doc.UnknownMember(new[] { "id", "seq" }));
            Assert.IsNull(doc.UnknownMember(new[] { "id", "seq", "extra" }));
        }

        [TestMethod]
        public void WriterOutputReadsBackWithEscapesAndNesting()
        {
            var w = new JsonWriter(4);
            w.BeginObject().Member("id", "t\"1\n").Member("seq", -3).Member("ok", true)
                .Name("items").BeginArray().Integer(1).String("中").Null().BeginObject().EndObject().EndArray()
                .EndObject();
            string text = w.ToString();
            Assert.AreEqual("{\"id\":\"t\\\"1\\n\",\"seq\":-3,\"ok\":true,\"items\":[1,\"中\",null,{}]}", text);
            JsonNode doc = Parse(text);
            Assert.AreEqual("t\"1\n", doc.Get("id").String);
            Assert.AreEqual(4, doc.Get("items").Count);
            w.Reset();
            Assert.AreEqual("[]", w.BeginArray().EndArray().ToString());
        }

        [TestMethod]
        public void WriterEscapesControlCharacters()
        {
            Assert.AreEqual("\"a\\u001fb\"", new JsonWriter().String("a\u001fb").ToString());
        }

        private static JsonNode Parse(string text)
        {
            string error;
            JsonNode node = JsonReader.Parse(text, out error);
            Assert.IsNull(error, error);
            return node;
        }
    }
}

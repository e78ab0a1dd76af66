using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Service;
using PosTerminal.Virtual;

namespace PosTerminal.Firmware.Tests.Json
{
    /// <summary>
    /// SimJson takes what nanoFramework.Json 2.2.203 takes (its sources read: JsonConvert,
    /// MemberResolver, the converters, JsonObject's Hashtable): the simulator must never refuse
    /// a document the device would accept, or validation that relies on it would hold only here.
    /// </summary>
    [TestClass]
    public sealed class SimJsonTests
    {
        private static readonly SimJson Json = new SimJson();

        private static BackupBinding Binding(string json)
        {
            return (BackupBinding)Json.Deserialize(json, typeof(BackupBinding));
        }

        [TestMethod]
        public void UnknownMembersAreSkipped()
        {
            BackupBinding b = Binding("{\"Kind\":\"device\",\"Extra\":{\"a\":[1,2]},\"SerialNo\":\"12345678\"}");
            Assert.AreEqual("device", b.Kind);
            Assert.AreEqual("12345678", b.SerialNo);
        }

        [TestMethod]
        public void ScalarsAreConvertedToTheMembersType()
        {
            Assert.AreEqual("87654321", Binding("{\"SerialNo\":87654321}").SerialNo);
            Assert.AreEqual("True", Binding("{\"SerialNo\":true}").SerialNo);
            Assert.AreEqual("", Binding("{\"SerialNo\":null}").SerialNo);
            Assert.AreEqual("nanoFramework.Json.JsonObject", Binding("{\"SerialNo\":{}}").SerialNo);
            var settings = (BackupSettings)Json.Deserialize("{\"PasswordMaxAgeDays\":\"30\"}", typeof(BackupSettings));
            Assert.AreEqual(30, settings.PasswordMaxAgeDays);
        }

        [TestMethod]
        public void NumbersThatAreNotIntegersThrowForAnIntMember()
        {
            foreach (string value in new[] { "true", "1.5", "null", "\"x\"" })
            {
                // Convert.ToInt32(value.ToString()): a format error, or no ToString at all for null.
                Assert.Throws<Exception>(() => Json.Deserialize("{\"PasswordMaxAgeDays\":" + value + "}", typeof(BackupSettings)), value);
            }
        }

        [TestMethod]
        public void ADuplicateMemberThrowsAsHashtableAddDoes()
        {
            Assert.ThrowsExactly<ArgumentException>(() => Binding("{\"Kind\":\"card\",\"Kind\":\"device\"}"));
        }

        [TestMethod]
        public void ADateLikeStringComesBackAsAnotherText()
        {
            var header = (BackupHeader)Json.Deserialize("{\"Created\":\"2026-11-25T10:00:00Z\",\"Firmware\":\"boot 7 +0:01:23\"}", typeof(BackupHeader));
            Assert.AreEqual("11/25/2026 10:00:00", header.Created, "the device's old restore failed its checksum on this");
            Assert.AreEqual("boot 7 +0:01:23", header.Firmware, "under 18 characters: not a date");
        }

        [TestMethod]
        public void TheSyntaxIsAsLooseAsTheDevicesLexer()
        {
            Assert.AreEqual("device", Binding("{'Kind':'device' \"SerialNo\":\"1\",}").Kind, "single quotes, a missing and a trailing comma");
            var document = (BackupDocument)Json.Deserialize("{\"Bindings\":[{\"Kind\":\"card\"},]}", typeof(BackupDocument));
            Assert.AreEqual(1, document.Bindings.Length);
            Assert.ThrowsExactly<FormatException>(() => Binding("{\"Kind\":\"a\\/b\"}"), "an escape it does not know");
            Assert.ThrowsExactly<FormatException>(() => Binding("{\"Kind\":\"card\"} x"), "text after the document");
            Assert.ThrowsExactly<FormatException>(() => Binding("\"card\""), "not an object or array");
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Service;
using PosTerminal.Firmware.Tests.Support;

namespace PosTerminal.Firmware.Tests
{
    [TestClass]
    public sealed class BackupRestoreTests
    {
        [TestMethod]
        public void BackupIsOneJsonLineThatRoundTripsThroughSimJson()
        {
            var rig = new ConsoleRig();
            rig.Run("set-time 2026-11-25T10:00:00Z");
            string[] lines = rig.Run("backup");
            Assert.AreEqual(1, lines.Length);
            var document = (BackupDocument)rig.Json.Deserialize(lines[0], typeof(BackupDocument));
            Assert.AreEqual(1, document.FormatVersion);
            Assert.AreEqual("PosTerminal 1", document.Terminal.Firmware);
            Assert.AreEqual(1, document.Terminal.BootCount);
            Assert.AreEqual("2026-11-25T10:00:00Z", document.Terminal.CreatedAt);
            Assert.AreEqual(3, document.Bindings.Length);
            Assert.AreEqual("102030405060708", document.Bindings[0].MerchantNo);
            Assert.AreEqual("11223344", document.Bindings[0].TerminalNo);
            Assert.AreEqual("6222********1234", document.Bindings[1].CardMasked);
            Assert.AreEqual("8877665544", document.Bindings[2].SerialNo);
            Assert.AreEqual("zh", document.Settings.Language);
            Assert.AreEqual(90, document.Settings.PasswordMaxAgeDays);
            Assert.AreEqual("backup", document.Audit[0].Event, "the backup logs itself first");
            Assert.AreEqual("clock-set", document.Audit[1].Event);
            Assert.AreEqual(0, BackupValidator.Validate(document, rig.Crypto).Length);
            Assert.AreEqual(lines[0], rig.Json.Serialize(document), "serialize(deserialize(x)) == x");
        }

        [TestMethod]
        public void TheChecksumDoesNotDependOnKeyOrder()
        {
            var rig = new ConsoleRig();
            string json = rig.Run("backup")[0];
            JsonObject original = JsonNode.Parse(json).AsObject();
            var reordered = new JsonObject();
            foreach (var pair in original.Reverse()) reordered[pair.Key] = pair.Value?.DeepClone();
            Assert.AreNotEqual(json, reordered.ToJsonString());
            var document = (BackupDocument)rig.Json.Deserialize(reordered.ToJsonString(), typeof(BackupDocument));
            Assert.AreEqual(0, BackupValidator.Validate(document, rig.Crypto).Length);
        }

        [TestMethod]
        public void AValidBackupRestoresEverythingButCardNumbers()
        {
            var source = new ConsoleRig();
            source.Security.Policy.SetMaxAgeDays(30);
            source.Commands.Settings.Language = Text.Language.English;
            string json = source.Run("backup")[0];

            var target = new ConsoleRig(bindings: false);
            string[] output = target.Run("restore " + json);
            CollectionAssert.AreEqual(new[]
            {
                "card 6222********1234: not restored (backups hold no card numbers); bind it again",
                "ok: restored",
            }, output);
            Assert.AreEqual(1, target.Host.Replacements);
            Assert.AreEqual(2, target.Bindings.Count);
            Assert.AreEqual(Text.Language.English, target.Host.Language);
            Assert.AreEqual(30, target.Security.Policy.MaxAgeDays);
            StringAssert.Contains(target.RunOne("log 1"), "restore ok 3 bindings");
            target.Reboot();
            Assert.AreEqual(2, target.Bindings.Count, "in flash");
            Assert.AreEqual(Text.Language.English, target.Commands.Settings.Language);
            Assert.AreEqual(30, target.Security.Policy.MaxAgeDays);
        }

        /// <summary>The restore is one commit (issue 10): a store without room for it changes nothing at all.</summary>
        [TestMethod]
        public void AFullStoreRefusesTheWholeRestore()
        {
            var rig = new ConsoleRig();
            string json = rig.Run("backup")[0];
            rig.Store.Full = true;
            AssertRefused(rig, "restore " + json, "store: full, nothing changed");
        }

        [TestMethod]
        [DataRow("not json", "document: not a valid backup")]
        [DataRow("{", "document: not a valid backup")]
        [DataRow("[]", "document: not a valid backup")]
        [DataRow("null", "document: empty")]
        [DataRow("{}", "Terminal: missing")]
        [DataRow("{\"FormatVersion\":\"1\"}", "$.FormatVersion")]
        [DataRow("{\"FormatVersion\":1,\"Extra\":true}", "Extra")]
        [DataRow("{\"Bindings\":[{\"Kind\":5}]}", "$.Bindings[0].Kind")]
        public void MalformedDocumentsAreRefusedWithTheFieldNamed(string json, string expected)
        {
            var rig = new ConsoleRig();
            AssertRefused(rig, "restore " + json, expected);
        }

        [TestMethod]
        public void EditsWithoutANewChecksumAreDetected()
        {
            var rig = new ConsoleRig();
            string json = rig.Run("backup")[0];
            AssertRefused(rig, "restore " + json.Replace("102030405060708", "102030405060709"), "Checksum: does not match the document");
            AssertRefused(rig, "restore " + json.Replace("\"zh\"", "\"en\""), "Checksum: does not match the document");
            AssertRefused(rig, "restore " + json.Replace("\"Sequence\":1", "\"Sequence\":7"), "Checksum: does not match the document");
            string noSum = json.Substring(0, json.IndexOf(",\"Checksum\"")) + "}";
            AssertRefused(rig, "restore " + noSum, "Checksum: must be sha256: and 64 hex digits");
        }

        /// <summary>Each mutation breaks one field; the checksum is recomputed so only that field is wrong.</summary>
        [TestMethod]
        [DataRow("version", "FormatVersion: must be 1 (got 2)")]
        [DataRow("firmware", "Terminal.Firmware: must be 1-32 printable characters")]
        [DataRow("boots", "Terminal.BootCount: must not be negative")]
        [DataRow("created", "Terminal.CreatedAt: must be YYYY-MM-DDTHH:MM:SSZ or unknown")]
        [DataRow("no-bindings", "Bindings: missing")]
        [DataRow("kind", "Bindings[0].Kind: must be merchant, card or device")]
        [DataRow("merchant", "Bindings[0].MerchantNo: must be 15 digits")]
        [DataRow("terminal", "Bindings[0].TerminalNo: must be 8 digits")]
        [DataRow("merchant-extra", "Bindings[0].SerialNo: must be empty for this kind")]
        [DataRow("full-card", "Bindings[1].CardMasked: must be 16-19 characters: 4 digits, '*'s, 4 digits")]
        [DataRow("short-mask", "Bindings[1].CardMasked: must be 16-19 characters: 4 digits, '*'s, 4 digits")]
        [DataRow("serial", "Bindings[2].SerialNo: must be 8-16 digits")]
        [DataRow("null-binding", "Bindings[1]: missing")]
        [DataRow("duplicate", "Bindings[3]: duplicate of Bindings[0]")]
        [DataRow("nine", "Bindings: at most 8 (got 9)")]
        [DataRow("no-settings", "Settings: missing")]
        [DataRow("language", "Settings.Language: must be zh or en")]
        [DataRow("age-low", "Settings.PasswordMaxAgeDays: must be 0-3650")]
        [DataRow("age-high", "Settings.PasswordMaxAgeDays: must be 0-3650")]
        [DataRow("no-audit", "Audit: missing")]
        [DataRow("event", "Audit[0].Event: unknown event")]
        [DataRow("outcome", "Audit[0].Outcome: must be ok, failed or refused")]
        [DataRow("order", "Audit[1].Sequence: must be below the one before (newest first)")]
        [DataRow("detail", "Audit[0].Detail: must be at most 20 printable characters")]
        public void EveryBadFieldIsRefusedByName(string mutation, string expected)
        {
            var rig = new ConsoleRig();
            rig.Run("set-time 2026-11-25T10:00:00Z");
            var document = (BackupDocument)rig.Json.Deserialize(rig.Run("backup")[0], typeof(BackupDocument));
            Mutate(document, mutation);
            document.Checksum = BackupChecksum.Compute(document, rig.Crypto);
            string[] problems = BackupValidator.Validate(document, rig.Crypto);
            CollectionAssert.Contains(problems, expected, string.Join(" | ", problems));
            Assert.AreEqual(1, problems.Length, string.Join(" | ", problems));
            AssertRefused(rig, "restore " + rig.Json.Serialize(document), expected);
        }

        [TestMethod]
        public void RestoreWithoutADocumentIsAUsageError()
        {
            var rig = new ConsoleRig();
            Assert.AreEqual("error: usage: restore JSON (the line backup printed)", rig.RunOne("restore"));
        }

        private static void Mutate(BackupDocument d, string mutation)
        {
            var merchant = new BackupBinding { Kind = "merchant", MerchantNo = "102030405060708", TerminalNo = "11223344" };
            switch (mutation)
            {
                case "version": d.FormatVersion = 2; break;
                case "firmware": d.Terminal.Firmware = ""; break;
                case "boots": d.Terminal.BootCount = -1; break;
                case "created": d.Terminal.CreatedAt = "yesterday"; break;
                case "no-bindings": d.Bindings = null; break;
                case "kind": d.Bindings[0].Kind = "bank"; break;
                case "merchant": d.Bindings[0].MerchantNo = "10203040506070"; break;
                case "terminal": d.Bindings[0].TerminalNo = "1122334x"; break;
                case "merchant-extra": d.Bindings[0].SerialNo = "12345678"; break;
                case "full-card": d.Bindings[1].CardMasked = "6222020000001234"; break;
                case "short-mask": d.Bindings[1].CardMasked = "6222****1234"; break;
                case "serial": d.Bindings[2].SerialNo = "1234567"; break;
                case "null-binding": d.Bindings[1] = null; break;
                case "duplicate": d.Bindings = d.Bindings.Append(merchant).ToArray(); break;
                case "nine":
                    var nine = new List<BackupBinding>();
                    for (int i = 0; i < 9; i++) nine.Add(new BackupBinding { Kind = "device", SerialNo = "1000000" + i });
                    d.Bindings = nine.ToArray();
                    break;
                case "no-settings": d.Settings = null; break;
                case "language": d.Settings.Language = "fr"; break;
                case "age-low": d.Settings.PasswordMaxAgeDays = -1; break;
                case "age-high": d.Settings.PasswordMaxAgeDays = 3651; break;
                case "no-audit": d.Audit = null; break;
                case "event": d.Audit[0].Event = "hacked"; break;
                case "outcome": d.Audit[0].Outcome = "maybe"; break;
                case "order": d.Audit[1].Sequence = d.Audit[0].Sequence; break;
                case "detail": d.Audit[0].Detail = new string('x', 21); break;
                default: throw new ArgumentException(mutation);
            }
        }

        /// <summary>The restore is refused naming the problem, and nothing changes: store, bindings, settings.</summary>
        private static void AssertRefused(ConsoleRig rig, string line, string expected)
        {
            var before = rig.Store.Dump();
            int bindings = rig.Bindings.Count;
            Text.Language language = rig.Commands.Settings.Language;
            int maxAge = rig.Security.Policy.MaxAgeDays;
            string[] output = rig.Run(line);
            Assert.AreEqual("error: restore refused, nothing changed:", output[0], string.Join("\n", output));
            Assert.IsTrue(output.Skip(1).Any(l => l.Contains(expected)), "expected '" + expected + "' in:\n" + string.Join("\n", output));
            Assert.AreEqual(0, rig.Host.Replacements);
            Assert.AreEqual(bindings, rig.Bindings.Count);
            Assert.AreEqual(language, rig.Commands.Settings.Language);
            Assert.AreEqual(maxAge, rig.Security.Policy.MaxAgeDays);
            CollectionAssert.AreEquivalent(before, rig.Store.Dump());
        }
    }
}

namespace PosTerminal.Firmware.Tests
{
    [TestClass]
    public sealed class CardMaskTests
    {
        [TestMethod]
        public void MasksAreWhatTheValidatorAccepts()
        {
            Assert.AreEqual("6222********1234", Masking.Truncated("6222020000001234"));
            Assert.AreEqual("6222***********1234", Masking.Truncated("6222020000000001234"));
            Assert.IsTrue(BackupValidator.IsCardMask(Masking.Truncated("6222020000001234")));
            Assert.IsTrue(BackupValidator.IsCardMask(Masking.Truncated("6222020000000001234")));
            Assert.AreEqual("********", Masking.Truncated("62220200"));
            Assert.IsFalse(BackupValidator.IsCardMask("6222020000001234"));
        }
    }
}

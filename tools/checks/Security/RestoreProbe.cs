using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using PosTerminal.Firmware.Service;
using PosTerminal.Firmware.Text;
using PosTerminal.Virtual.Flash;

using PosTerminal.Virtual;

namespace PosTerminal.Tools.Checks.Security
{
    /// <summary>
    /// Bad backup documents sent to a terminal's console with `restore`: each must be refused
    /// naming its field, and leave the flash image byte for byte as it was. The documents are
    /// made from the terminal's own backup (a merchant, a device and a card bound): malformed
    /// JSON, wrong types, bad digits, bad or missing checksums, duplicates, too many bindings,
    /// an unknown version, unknown fields, and edits with and without a recomputed checksum.
    /// </summary>
    public sealed class RestoreProbe
    {
        /// <summary>Case name, then the text the refusal must contain (the field).</summary>
        public static readonly string[][] Cases =
        {
            new[] { "not-json", "document: not a valid backup" },
            new[] { "cut-short", "document: not a valid backup" },
            new[] { "array", "document: not a valid backup" },
            new[] { "wrong-type", "FormatVersion" },
            new[] { "unknown-field", "Extra" },
            new[] { "unknown-version", "FormatVersion: must be 1 (got 2)" },
            new[] { "bad-digits", "Bindings[0].MerchantNo: must be 15 digits" },
            new[] { "short-serial", "Bindings[1].SerialNo: must be 8-16 digits" },
            new[] { "full-card", "Bindings[2].CardMasked" },
            new[] { "duplicate", "Bindings[3]: duplicate of Bindings[0]" },
            new[] { "too-many", "Bindings: at most 8 (got 9)" },
            new[] { "bad-language", "Settings.Language: must be zh or en" },
            new[] { "no-settings", "Settings: missing" },
            new[] { "bad-checksum", "Checksum: does not match the document" },
            new[] { "no-checksum", "Checksum: must be sha256: and 64 hex digits" },
            new[] { "edited-old-checksum", "Checksum: does not match the document" },
            new[] { "edited-language-old-checksum", "Checksum: does not match the document" },
        };

        private readonly EventBoard _board;
        private readonly string _backup;

        public RestoreProbe()
        {
            _board = new EventBoard(new SimFlash());
            _board.LanguageOverride = Language.English;
            // One-line backups are longer than the device's console line (see OneLineBackupLimit).
            _board.ConsolePort.MaxLineChars = PosTerminal.Virtual.Parts.SimConsolePort.OneLineBackupLimit;
            _board.PowerOn();
            _board.PressKeys("MENU 123456 ENTER 135790 ENTER 135790 ENTER ENTER 3 2 1");
            _board.PressKeys("1 1 898100000000001 ENTER 12345678 ENTER ENTER ENTER");
            _board.PressKeys("1 3 87654321 ENTER ENTER ENTER");
            _board.PressKeys("1 2 6222021234567894 ENTER ENTER ENTER CANCEL CANCEL");
            _backup = _board.SendConsoleLine("backup").Single();
        }

        /// <summary>The terminal's own backup line.</summary>
        public string Backup { get { return _backup; } }

        public EventBoard Board { get { return _board; } }

        /// <summary>Sends the case's document; returns null when it was refused as required, else what went wrong.</summary>
        public string Check(string name, string expected)
        {
            return CheckRefused(name, Document(name), expected);
        }

        /// <summary>Sends a document; returns null when it was refused naming expected with nothing changed, else what went wrong.</summary>
        public string CheckRefused(string name, string document, string expected)
        {
            byte[] before = (byte[])_board.Flash.Image.Clone();
            int bindings = _board.Terminal.Bindings.Count;
            string[] output = _board.SendConsoleLine("restore " + document);
            if (output.Length == 0 || output[0] != "error: restore refused, nothing changed:")
                return name + ": not refused: " + string.Join(" | ", output);
            if (!output.Skip(1).Any(line => line.Contains(expected, StringComparison.Ordinal)))
                return name + ": '" + expected + "' not named in: " + string.Join(" | ", output);
            if (!before.AsSpan().SequenceEqual(_board.Flash.Image)) return name + ": the flash image changed";
            if (_board.Terminal.Bindings.Count != bindings) return name + ": the bindings changed";
            return null;
        }

        /// <summary>Runs every case: the problems found (empty: all refused as required).</summary>
        public static List<string> RunAll(out int cases)
        {
            var probe = new RestoreProbe();
            var problems = new List<string>();
            foreach (string[] c in Cases)
            {
                string problem = probe.Check(c[0], c[1]);
                if (problem != null) problems.Add(problem);
            }
            cases = Cases.Length;
            return problems;
        }

        public string Document(string name)
        {
            switch (name)
            {
                case "not-json": return "this is not json";
                case "cut-short": return _backup.Substring(0, _backup.Length / 2);
                case "array": return "[" + _backup + "]";
                case "wrong-type": return Edit(n => n["FormatVersion"] = "1");
                case "unknown-field": return Edit(n => n["Extra"] = true);
                case "edited-old-checksum": return _backup.Replace("898100000000001", "898100000000002");
                case "edited-language-old-checksum": return Edit(n => n["Settings"]["Language"] = "zh");
                case "bad-checksum": return Edit(n => n["Checksum"] = "sha256:" + new string('0', 64));
                case "no-checksum": return Edit(n => n.AsObject().Remove("Checksum"));
                default: return Resealed(name);
            }
        }

        /// <summary>A change to the document with its checksum recomputed, as someone who knows the format would.</summary>
        private string Resealed(string name)
        {
            var json = new SimJson();
            var document = (BackupDocument)json.Deserialize(_backup, typeof(BackupDocument));
            switch (name)
            {
                case "unknown-version": document.FormatVersion = 2; break;
                case "bad-digits": document.Bindings[0].MerchantNo = "89810000000000x"; break;
                case "short-serial": document.Bindings[1].SerialNo = "1234567"; break;
                case "full-card": document.Bindings[2].CardMasked = "6222021234567894"; break;
                case "duplicate": document.Bindings = document.Bindings.Append(document.Bindings[0]).ToArray(); break;
                case "too-many":
                    document.Bindings = Enumerable.Range(0, 9)
                        .Select(i => new BackupBinding { Kind = BackupBinding.Device, SerialNo = "1000000" + i }).ToArray();
                    break;
                case "bad-language": document.Settings.Language = "fr"; break;
                case "no-settings": document.Settings = null; break;
                default: throw new ArgumentException("unknown case " + name);
            }
            document.Checksum = BackupChecksum.Compute(document, new SimCrypto());
            return json.Serialize(document);
        }

        private string Edit(Action<JsonNode> change)
        {
            JsonNode node = JsonNode.Parse(_backup);
            change(node);
            return node.ToJsonString();
        }
    }
}

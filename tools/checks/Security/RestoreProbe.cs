using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using PosTerminal.Firmware.Service;
using PosTerminal.Firmware.Text;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Flash;

namespace PosTerminal.Tools.Checks.Security
{
    /// <summary>
    /// Forged and malformed backups pasted into a terminal's console after `restore`: each must
    /// be refused (or the restore cancelled) naming its field, leave the flash image byte for
    /// byte as it was, and leave nothing to confirm. The forgeries start from the terminal's
    /// own backup (a merchant, a device and a card bound) and from one of another terminal:
    /// malformed lines, duplicate and unknown members, wrong types, bad digits and masks,
    /// duplicates, too many bindings or lines, swapped, missing, extra and foreign lines, and
    /// edits with the Sum recomputed (as anyone who reads the format can) but not the Mac.
    /// </summary>
    public sealed class RestoreProbe
    {
        /// <summary>Case name, then the text the refusal must contain (the field).</summary>
        public static readonly string[][] Cases =
        {
            new[] { "not-json", "line 1: not valid JSON" },
            new[] { "cut-short", "line 3: not valid JSON" },
            new[] { "array-line", "restore cancelled: that is not a backup line" },
            new[] { "duplicate-key", "line 2: not valid JSON: at 37: duplicate member 'Kind'" },
            new[] { "duplicate-line-key", "line 1: not valid JSON: at 10: duplicate member 'Line'" },
            new[] { "unknown-member", "line 2: Bindings[0].Extra: unknown member" },
            new[] { "unknown-section", "line 1: Extra: unknown member" },
            new[] { "member-of-other-kind", "line 2: Bindings[0].SerialNo: unknown member" },
            new[] { "wrong-type-number", "line 1: Header.Lines: must be a whole number" },
            new[] { "wrong-type-string", "line 2: Bindings[0].MerchantNo: must be a string" },
            new[] { "wrong-type-null", "line 4: Bindings[2].CardMasked: must be a string" },
            new[] { "wrong-type-object", "line 5: Settings.Language: must be a string" },
            new[] { "fraction", "line 5: not valid JSON" },
            new[] { "no-line-number", "line 1: Line: missing" },
            new[] { "format-1", "line 1: FormatVersion: a format 1 backup" },
            new[] { "unknown-format", "line 1: Header.Format: must be 2 (got 3)" },
            new[] { "too-many-lines", "line 1: Header.Lines: must be 3-" + BackupLines.MaxLines + " (got " + (BackupLines.MaxLines + 1) + ")" },
            new[] { "count-mismatch", "line 1: Header.Lines: must be 3 + Bindings + Audit" },
            new[] { "bad-digits", "line 2: Bindings[0].MerchantNo: must be 15 digits" },
            new[] { "short-serial", "line 3: Bindings[1].SerialNo: must be 8-16 digits" },
            new[] { "full-card", "line 4: Bindings[2].CardMasked: must be 16-19 characters" },
            new[] { "bad-kind", "line 2: Bindings[0].Kind: must be merchant, card or device" },
            new[] { "duplicate-binding", "Bindings[3]: duplicate of Bindings[0]" },
            new[] { "too-many-bindings", "line 1: Header.Bindings: must be 0-8 (got 9)" },
            new[] { "bad-language", "Settings.Language: must be zh or en" },
            new[] { "age-out-of-range", "Settings.PasswordMaxAgeDays: must be 0-3650 (got 3651)" },
            new[] { "audit-order", ".Sequence: must be below" },
            new[] { "bad-sum", "End.Sum: does not match the lines before it" },
            new[] { "bad-mac-shape", "End.Mac: must be 64 hex digits" },
            new[] { "edited-sum-recomputed", "End.Mac: does not verify on this terminal" },
            new[] { "edited-language-sum-recomputed", "End.Mac: does not verify on this terminal" },
            new[] { "added-binding-sum-recomputed", "End.Mac: does not verify on this terminal" },
            new[] { "edited-not-resealed", "End.Sum: does not match the lines before it" },
            new[] { "swapped-lines", "line 2: Line: is 3, expected 2" },
            new[] { "swapped-renumbered-resealed", "End.Mac: does not verify on this terminal" },
            new[] { "missing-line", "Line: is 4, expected 3" },
            new[] { "end-of-another-backup", "End.Sum: does not match the lines before it" },
            new[] { "line-of-another-backup", "End.Sum: does not match the lines before it" },
            new[] { "ends-early", "restore cancelled: that is not a backup line" },
            new[] { "extra-line", "restore cancelled: a line after the last one" },
            new[] { "foreign-without-word", "line 1: Header.Terminal: made on PT000002, this is PT000001" },
            new[] { "other-key-without-word", "line 1: Header.Key: made under an earlier backup secret" },
            new[] { "foreign-edited", "End.Sum: does not match the lines before it" },
        };

        private readonly EventBoard _board;
        private readonly string[] _backup;
        private readonly string[] _later;
        private readonly string[] _foreign;

        public RestoreProbe()
        {
            _board = BoundBoard("PT000001");
            _backup = _board.SendConsoleLine("backup");
            _later = _board.SendConsoleLine("backup");
            _foreign = BoundBoard("PT000002").SendConsoleLine("backup");
            // The terminal then differs from its backup (password reminder 30 days, not 90),
            // so the untouched backup would have something to restore.
            _board.PressKeys("MENU 135790 ENTER 6 30 ENTER ENTER CANCEL");
        }

        /// <summary>The terminal's own backup lines.</summary>
        public string[] Backup { get { return _backup; } }

        /// <summary>A backup of the same bindings on another terminal (PT000002).</summary>
        public string[] ForeignBackup { get { return _foreign; } }

        public EventBoard Board { get { return _board; } }

        /// <summary>A terminal with a merchant, a device and a card bound, its console in English and logged in.</summary>
        public static EventBoard BoundBoard(string terminalId)
        {
            var board = new EventBoard(new SimFlash()) { TerminalId = terminalId, LanguageOverride = Language.English };
            board.PowerOn();
            Technician.Provision(board);
            board.PressKeys("MENU 123456 ENTER 135790 ENTER 135790 ENTER ENTER 3 2 1");
            board.PressKeys("1 1 898100000000001 ENTER 12345678 ENTER ENTER ENTER");
            board.PressKeys("1 3 87654321 ENTER ENTER ENTER");
            board.PressKeys("1 2 6222021234567894 ENTER ENTER ENTER CANCEL CANCEL");
            return board;
        }

        /// <summary>Pastes the case's lines; returns null when refused as required, else what went wrong.</summary>
        public string Check(string name, string expected)
        {
            bool foreign = name == "foreign-edited";
            return CheckRefused(name, Lines(name), expected, foreign);
        }

        /// <summary>
        /// `restore` (or `restore foreign`), then the lines, then `restore confirm`: null when the
        /// restore was refused or cancelled naming expected, nothing could be confirmed, and the
        /// flash image and the bindings are as before; else what went wrong.
        /// </summary>
        public string CheckRefused(string name, string[] lines, string expected, bool foreign = false)
        {
            byte[] before = (byte[])_board.Flash.Image.Clone();
            int bindings = _board.Terminal.Bindings.Count;
            var output = new List<string>();
            output.AddRange(_board.SendConsoleLine(foreign ? "restore foreign" : "restore"));
            foreach (string line in lines) output.AddRange(_board.SendConsoleLine(line));
            if (!output.Any(l => l.StartsWith("error: restore refused, nothing changed:", StringComparison.Ordinal)
                || l.StartsWith("restore cancelled", StringComparison.Ordinal)))
                return name + ": not refused: " + string.Join(" | ", output);
            if (!output.Any(line => line.Contains(expected, StringComparison.Ordinal)))
                return name + ": '" + expected + "' not named in: " + string.Join(" | ", output);
            string confirm = string.Join(" | ", _board.SendConsoleLine("restore confirm"));
            if (!confirm.StartsWith("error: nothing to confirm", StringComparison.Ordinal))
                return name + ": something was left to confirm: " + confirm;
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

        /// <summary>The lines pasted for a case.</summary>
        public string[] Lines(string name)
        {
            string[] b = _backup;
            switch (name)
            {
                case "not-json": return Replace(b, 0, "{this is not json");
                case "cut-short": return Replace(b, 2, b[2].Substring(0, b[2].Length / 2));
                case "array-line": return Replace(b, 1, "[" + b[1] + "]");
                case "duplicate-key": return Replace(b, 1, b[1].Replace("{\"Kind\":", "{\"Kind\":\"device\",\"Kind\":"));
                case "duplicate-line-key": return Replace(b, 0, b[0].Replace("{\"Line\":1,", "{\"Line\":1,\"Line\":1,"));
                case "unknown-member": return Edit(b, 1, n => n["Binding"]["Extra"] = true);
                case "unknown-section": return Edit(b, 0, n => n["Extra"] = new JsonObject());
                case "member-of-other-kind": return Edit(b, 1, n => n["Binding"]["SerialNo"] = "12345678");
                case "wrong-type-number": return Edit(b, 0, n => n["Header"]["Lines"] = n["Header"]["Lines"].ToString());
                case "wrong-type-string": return Edit(b, 1, n => n["Binding"]["MerchantNo"] = 898100000000001);
                case "wrong-type-null": return Edit(b, 3, n => n["Binding"]["CardMasked"] = null);
                case "wrong-type-object": return Edit(b, 4, n => n["Settings"]["Language"] = new JsonObject { ["zh"] = true });
                case "fraction": return Replace(b, 4, b[4].Replace("\"PasswordMaxAgeDays\":90", "\"PasswordMaxAgeDays\":90.5"));
                case "no-line-number": return Edit(b, 0, n => n.AsObject().Remove("Line"));
                case "format-1": return new[] { "{\"FormatVersion\":1,\"Terminal\":{},\"Bindings\":[],\"Checksum\":\"sha256:00\"}" };
                case "unknown-format": return Edit(b, 0, n => n["Header"]["Format"] = 3);
                case "too-many-lines": return Edit(b, 0, n => n["Header"]["Lines"] = BackupLines.MaxLines + 1);
                case "count-mismatch": return Edit(b, 0, n => n["Header"]["Lines"] = (int)n["Header"]["Lines"] - 1);
                case "bad-sum": return Edit(b, b.Length - 1, n => n["End"]["Sum"] = new string('0', 64));
                case "bad-mac-shape": return Edit(b, b.Length - 1, n => n["End"]["Mac"] = "nothex");
                case "edited-not-resealed": return Replace(b, 1, b[1].Replace("898100000000001", "898100000000002"));
                case "swapped-lines": return Swap(b, 1, 2);
                case "missing-line": return b.Where((line, i) => i != 2).ToArray();
                case "end-of-another-backup": return Replace(b, b.Length - 1, _later[_later.Length - 1].Replace("\"Line\":" + _later.Length, "\"Line\":" + b.Length));
                case "line-of-another-backup": return Replace(b, 5, _later[5]);
                case "ends-early": return b.Take(b.Length - 1).Append("status").ToArray();
                case "extra-line": return b.Append(b[1]).ToArray();
                case "foreign-without-word": return _foreign;
                case "other-key-without-word": return Reseal(_backup, d => d.Header.Key = "00000000");
                case "foreign-edited": return Replace(_foreign, 1, _foreign[1].Replace("898100000000001", "898100000000002"));
                default: return Resealed(name);
            }
        }

        /// <summary>A change to the document with its Sum recomputed and its Mac kept, as a forger who knows the format would.</summary>
        private string[] Resealed(string name)
        {
            switch (name)
            {
                case "bad-digits": return Reseal(_backup, d => d.Bindings[0].MerchantNo = "89810000000000x");
                case "short-serial": return Reseal(_backup, d => d.Bindings[1].SerialNo = "1234567");
                case "full-card": return Reseal(_backup, d => d.Bindings[2].CardMasked = "6222021234567894");
                case "bad-kind": return Reseal(_backup, d => d.Bindings[0].Kind = "bank");
                case "duplicate-binding": return Reseal(_backup, d => d.Bindings = d.Bindings.Append(d.Bindings[0]).ToArray());
                case "too-many-bindings":
                    return Reseal(_backup, d => d.Bindings = Enumerable.Range(0, 9)
                        .Select(i => new BackupBinding { Kind = BackupBinding.Device, SerialNo = "1000000" + i }).ToArray());
                case "bad-language": return Reseal(_backup, d => d.Settings.Language = "fr");
                case "age-out-of-range": return Reseal(_backup, d => d.Settings.PasswordMaxAgeDays = 3651);
                case "audit-order": return Reseal(_backup, d => d.Audit[1].Sequence = d.Audit[0].Sequence);
                case "edited-sum-recomputed": return Reseal(_backup, d => d.Bindings[0].MerchantNo = "898100000000002");
                case "edited-language-sum-recomputed": return Reseal(_backup, d => d.Settings.Language = "zh");
                case "added-binding-sum-recomputed":
                    return Reseal(_backup, d => d.Bindings = d.Bindings.Append(new BackupBinding { Kind = BackupBinding.Device, SerialNo = "55550000" }).ToArray());
                case "swapped-renumbered-resealed": return Reseal(_backup, d => d.Bindings = new[] { d.Bindings[1], d.Bindings[0], d.Bindings[2] });
                default: throw new ArgumentException("unknown case " + name);
            }
        }

        /// <summary>Reads lines back into a document, changes it, recomputes its counts and Sum (the Mac stays), and prints it again.</summary>
        public static string[] Reseal(string[] lines, Action<BackupDocument> change)
        {
            BackupDocument d = Parse(lines);
            change(d);
            d.Header.Bindings = d.Bindings.Length;
            d.Header.Audit = d.Audit.Length;
            d.Header.Lines = 3 + d.Bindings.Length + d.Audit.Length;
            d.Sum = BackupCanonical.Sum(BackupCanonical.Of(d), new SimCrypto());
            return BackupLines.Write(d);
        }

        /// <summary>The document a backup's lines hold (no checks: the probe's own lines are well formed).</summary>
        public static BackupDocument Parse(string[] lines)
        {
            var sections = lines.Select(l => JsonNode.Parse(l).AsObject()).ToArray();
            JsonNode h = sections[0]["Header"];
            var d = new BackupDocument
            {
                Header = new BackupHeader
                {
                    Format = (int)h["Format"], Terminal = (string)h["Terminal"], Key = (string)h["Key"], Lines = (int)h["Lines"],
                    Bindings = (int)h["Bindings"], Audit = (int)h["Audit"], Firmware = (string)h["Firmware"],
                    Boot = (long)h["Boot"], Created = (string)h["Created"],
                },
            };
            d.Bindings = sections.Where(s => s.ContainsKey("Binding")).Select(s => s["Binding"]).Select(b => new BackupBinding
            {
                Kind = (string)b["Kind"], MerchantNo = (string)b["MerchantNo"], TerminalNo = (string)b["TerminalNo"],
                CardMasked = (string)b["CardMasked"], SerialNo = (string)b["SerialNo"],
            }).ToArray();
            JsonNode s = sections.Single(x => x.ContainsKey("Settings"))["Settings"];
            d.Settings = new BackupSettings { Language = (string)s["Language"], PasswordMaxAgeDays = (int)s["PasswordMaxAgeDays"] };
            d.Audit = sections.Where(x => x.ContainsKey("Audit")).Select(x => x["Audit"]).Select(a => new BackupAuditEntry
            {
                Sequence = (long)a["Sequence"], Event = (string)a["Event"], Outcome = (string)a["Outcome"], Time = (string)a["Time"],
                Detail = (string)a["Detail"],
            }).ToArray();
            JsonNode end = sections[sections.Length - 1]["End"];
            d.Sum = (string)end["Sum"];
            d.Mac = (string)end["Mac"];
            return d;
        }

        private static string[] Replace(string[] lines, int index, string line)
        {
            string[] copy = (string[])lines.Clone();
            copy[index] = line;
            return copy;
        }

        private static string[] Swap(string[] lines, int a, int b)
        {
            string[] copy = (string[])lines.Clone();
            copy[a] = lines[b];
            copy[b] = lines[a];
            return copy;
        }

        private static string[] Edit(string[] lines, int index, Action<JsonNode> change)
        {
            JsonNode node = JsonNode.Parse(lines[index]);
            change(node);
            return Replace(lines, index, node.ToJsonString());
        }
    }
}

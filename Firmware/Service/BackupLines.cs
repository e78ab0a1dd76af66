using System.Collections;
using PosTerminal.Firmware.Audit;
using PosTerminal.Firmware.Json;
using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Storage;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Service
{
    /// <summary>
    /// Backup format 2: several lines, each one JSON object {"Line":k, SECTION:{...}} short
    /// enough for the device's console (TerminalHardware.ConsoleMaxLine, 200 characters):
    ///
    ///   line 1                 Header   Format, Terminal, Key, Lines, Bindings, Audit, Firmware, Boot, Created
    ///   lines 2 .. B+1         Binding  Kind and its identifiers (one binding per line)
    ///   line B+2               Settings Language, PasswordMaxAgeDays
    ///   lines B+3 .. B+A+2     Audit    Sequence, Event, Outcome, Time, Detail (newest first)
    ///   line B+A+3 = Lines     End      Sum, Mac
    ///
    /// The header's counts say what every later line must be and which is the last. Longest
    /// possible line, 192 characters: an audit line with sequence 4294967295, the longest
    /// event (binding-deregistered), outcome refused, a 32-character time and a detail of 20
    /// quote characters (each escaped). Every line is checked against the console's limit
    /// before anything is printed.
    /// </summary>
    public static class BackupLines
    {
        public const int Format = 2;
        public const int MaxBindings = RecordKeys.MaxBindings;
        /// <summary>Both audit rings and the pins: 32 security, 16 routine and 17 pinned entries the security ring no longer holds (AuditLog.Capacity).</summary>
        public const int MaxAudit = AuditLog.Capacity;

        /// <summary>The longest backup: header, 8 bindings, settings, 65 audit entries, end (76 lines).</summary>
        public const int MaxLines = 3 + MaxBindings + MaxAudit;

        public const string HeaderSection = "Header";
        public const string BindingSection = "Binding";
        public const string SettingsSection = "Settings";
        public const string AuditSection = "Audit";
        public const string EndSection = "End";

        private const int MaxText = 32;
        private static readonly string[] HeaderMembers = { "Format", "Terminal", "Key", "Lines", "Bindings", "Audit", "Firmware", "Boot", "Created" };
        private static readonly string[] MerchantMembers = { "Kind", "MerchantNo", "TerminalNo" };
        private static readonly string[] CardMembers = { "Kind", "CardMasked" };
        private static readonly string[] DeviceMembers = { "Kind", "SerialNo" };
        private static readonly string[] AnyBindingMembers = { "Kind", "MerchantNo", "TerminalNo", "CardMasked", "SerialNo" };
        private static readonly string[] SettingsMembers = { "Language", "PasswordMaxAgeDays" };
        private static readonly string[] AuditMembers = { "Sequence", "Event", "Outcome", "Time", "Detail" };
        private static readonly string[] EndMembers = { "Sum", "Mac" };

        // ---- writing ----

        /// <summary>Every line of a complete document (Sum and Mac set), in order.</summary>
        public static string[] Write(BackupDocument d)
        {
            string[] lines = (string[])RefArrays.Nulls(new string[d.Header.Lines]);
            JsonWriter w = new JsonWriter(256);
            int k = 0;
            lines[k] = HeaderLine(w, ++k, d.Header);
            for (int i = 0; i < d.Bindings.Length; i++) lines[k] = BindingLine(w, ++k, d.Bindings[i]);
            lines[k] = SettingsLine(w, ++k, d.Settings);
            for (int i = 0; i < d.Audit.Length; i++) lines[k] = AuditLine(w, ++k, d.Audit[i]);
            lines[k] = EndLine(w, ++k, d);
            return lines;
        }

        private static JsonWriter Begin(JsonWriter w, int line, string section)
        {
            w.Reset();
            return w.BeginObject().Member("Line", line).Name(section).BeginObject();
        }

        private static string Finish(JsonWriter w)
        {
            return w.EndObject().EndObject().ToString();
        }

        private static string HeaderLine(JsonWriter w, int line, BackupHeader h)
        {
            Begin(w, line, HeaderSection).Member("Format", h.Format).Member("Terminal", h.Terminal).Member("Key", h.Key)
                .Member("Lines", h.Lines).Member("Bindings", h.Bindings).Member("Audit", h.Audit)
                .Member("Firmware", h.Firmware).Member("Boot", h.Boot).Member("Created", h.Created);
            return Finish(w);
        }

        private static string BindingLine(JsonWriter w, int line, BackupBinding b)
        {
            Begin(w, line, BindingSection).Member("Kind", b.Kind);
            if (b.Kind == BackupBinding.Merchant) w.Member("MerchantNo", b.MerchantNo).Member("TerminalNo", b.TerminalNo);
            else if (b.Kind == BackupBinding.Card) w.Member("CardMasked", b.CardMasked);
            else w.Member("SerialNo", b.SerialNo);
            return Finish(w);
        }

        private static string SettingsLine(JsonWriter w, int line, BackupSettings s)
        {
            Begin(w, line, SettingsSection).Member("Language", s.Language).Member("PasswordMaxAgeDays", s.PasswordMaxAgeDays);
            return Finish(w);
        }

        private static string AuditLine(JsonWriter w, int line, BackupAuditEntry a)
        {
            Begin(w, line, AuditSection).Member("Sequence", a.Sequence).Member("Event", a.Event).Member("Outcome", a.Outcome)
                .Member("Time", a.Time).Member("Detail", a.Detail);
            return Finish(w);
        }

        private static string EndLine(JsonWriter w, int line, BackupDocument d)
        {
            Begin(w, line, EndSection).Member("Sum", d.Sum).Member("Mac", d.Mac);
            return Finish(w);
        }

        // ---- reading (every check names its field as in the document) ----

        /// <summary>
        /// The line's section object, after checking the line's frame: JSON, an object,
        /// "Line" = expected, and exactly one member besides it, the expected section.
        /// Null with the problem added otherwise.
        /// </summary>
        public static JsonNode Section(string text, int expected, string section, ArrayList problems)
        {
            string error;
            JsonNode root = JsonReader.Parse(text, out error);
            if (root == null)
            {
                problems.Add("not valid JSON: " + error);
                return null;
            }
            if (root.Kind != JsonKind.Object)
            {
                problems.Add("must be a JSON object {\"Line\":" + expected.ToString() + ",...}");
                return null;
            }
            if (expected == 1 && root.Get("FormatVersion") != null)
            {
                problems.Add("FormatVersion: a format 1 backup (one line, from older firmware): it has no MAC and cannot be restored; take a new backup");
                return null;
            }
            JsonNode line = root.Get("Line");
            if (line == null || line.Kind != JsonKind.Integer)
            {
                problems.Add(line == null ? "Line: missing" : "Line: must be a whole number");
                return null;
            }
            if (line.Integer != expected)
            {
                problems.Add("Line: is " + line.Integer.ToString() + ", expected " + expected.ToString()
                    + " (a line is missing, repeated, out of order or from another backup)");
                return null;
            }
            string found = null;
            for (int i = 0; i < root.Count; i++)
            {
                string name = root.NameAt(i);
                if (name == "Line") continue;
                if (!IsSection(name))
                {
                    problems.Add(BackupFields.Printable(name) + ": unknown member");
                    return null;
                }
                if (found != null)
                {
                    problems.Add(found + ", " + name + ": one section per line");
                    return null;
                }
                found = name;
            }
            if (found == null)
            {
                problems.Add("missing its section (" + section + ")");
                return null;
            }
            if (found != section)
            {
                problems.Add(found + ": line " + expected.ToString() + " must be the " + section + " line");
                return null;
            }
            return root.Get(found);
        }

        /// <summary>The header, or null when a field is wrong (problems named "Header.Field").</summary>
        public static BackupHeader ReadHeader(JsonNode node, ArrayList problems)
        {
            int before = problems.Count;
            BackupFields f = new BackupFields(node, HeaderSection, HeaderMembers, problems);
            if (!f.IsObject) return null;
            BackupHeader h = new BackupHeader();
            long format;
            if (f.Integer("Format", out format) && format != Format) f.Problem("Format", "must be " + Format.ToString() + " (got " + format.ToString() + ")");
            h.Format = (int)format;
            h.Terminal = f.Text("Terminal");
            if (h.Terminal != null && !BackupShapes.IsTerminalId(h.Terminal)) f.Problem("Terminal", "must be 1-16 of A-Z, 0-9 and '-'");
            h.Key = f.Text("Key");
            if (h.Key != null && !BackupShapes.IsHex(h.Key, 8)) f.Problem("Key", "must be 8 hex digits");
            h.Lines = (int)f.Number("Lines", 3, MaxLines);
            h.Bindings = (int)f.Number("Bindings", 0, MaxBindings);
            h.Audit = (int)f.Number("Audit", 0, MaxAudit);
            if (h.Lines >= 3 && h.Bindings >= 0 && h.Audit >= 0 && h.Lines != 3 + h.Bindings + h.Audit)
            {
                f.Problem("Lines", "must be 3 + Bindings + Audit = " + (3 + h.Bindings + h.Audit).ToString() + " (got " + h.Lines.ToString() + ")");
            }
            h.Firmware = f.Text("Firmware");
            if (h.Firmware != null && !BackupShapes.IsPrintable(h.Firmware, 1, MaxText)) f.Problem("Firmware", "must be 1-32 printable characters");
            h.Boot = f.Number("Boot", 0, uint.MaxValue);
            h.Created = f.Text("Created");
            long unused;
            if (h.Created != null && h.Created != "unknown" && !UtcTime.TryParseIso(h.Created, out unused))
            {
                f.Problem("Created", "must be YYYY-MM-DDTHH:MM:SSZ or unknown");
            }
            return problems.Count == before ? h : null;
        }

        /// <summary>A binding, or null when a field is wrong; path is "Bindings[i]".</summary>
        public static BackupBinding ReadBinding(JsonNode node, string path, ArrayList problems)
        {
            int before = problems.Count;
            string kind = node != null && node.Kind == JsonKind.Object && node.Get("Kind") != null ? node.Get("Kind").String : null;
            string[] allowed = kind == BackupBinding.Merchant ? MerchantMembers : kind == BackupBinding.Card ? CardMembers
                : kind == BackupBinding.Device ? DeviceMembers : AnyBindingMembers;
            BackupFields f = new BackupFields(node, path, allowed, problems);
            if (!f.IsObject) return null;
            BackupBinding b = new BackupBinding();
            b.Kind = f.Text("Kind");
            if (b.Kind == BackupBinding.Merchant)
            {
                b.MerchantNo = Digits(f, "MerchantNo", 15, 15);
                b.TerminalNo = Digits(f, "TerminalNo", 8, 8);
            }
            else if (b.Kind == BackupBinding.Card)
            {
                b.CardMasked = f.Text("CardMasked");
                if (b.CardMasked != null && !BackupShapes.IsCardMask(b.CardMasked))
                {
                    f.Problem("CardMasked", "must be 16-19 characters: 4 digits, '*'s, 4 digits");
                }
            }
            else if (b.Kind == BackupBinding.Device)
            {
                b.SerialNo = Digits(f, "SerialNo", 8, 16);
            }
            else if (b.Kind != null)
            {
                f.Problem("Kind", "must be merchant, card or device");
            }
            return problems.Count == before ? b : null;
        }

        public static BackupSettings ReadSettings(JsonNode node, ArrayList problems)
        {
            int before = problems.Count;
            BackupFields f = new BackupFields(node, SettingsSection, SettingsMembers, problems);
            if (!f.IsObject) return null;
            BackupSettings s = new BackupSettings();
            s.Language = f.Text("Language");
            if (s.Language != null && s.Language != "zh" && s.Language != "en") f.Problem("Language", "must be zh or en");
            s.PasswordMaxAgeDays = (int)f.Number("PasswordMaxAgeDays", 0, PasswordPolicy.MaxMaxAgeDays);
            return problems.Count == before ? s : null;
        }

        /// <summary>An audit entry, or null when a field is wrong; path is "Audit[i]".</summary>
        public static BackupAuditEntry ReadAudit(JsonNode node, string path, ArrayList problems)
        {
            int before = problems.Count;
            BackupFields f = new BackupFields(node, path, AuditMembers, problems);
            if (!f.IsObject) return null;
            BackupAuditEntry a = new BackupAuditEntry();
            a.Sequence = f.Number("Sequence", 1, uint.MaxValue);
            a.Event = f.Text("Event");
            if (a.Event != null && !IsEventName(a.Event)) f.Problem("Event", "must be an event name (1-24 of a-z, 0-9 and '-')");
            a.Outcome = f.Text("Outcome");
            if (a.Outcome != null && !IsEventName(a.Outcome)) f.Problem("Outcome", "must be an outcome name (ok, failed, refused)");
            a.Time = f.Text("Time");
            if (a.Time != null && !BackupShapes.IsPrintable(a.Time, 1, MaxText)) f.Problem("Time", "must be 1-32 printable characters");
            a.Detail = f.Text("Detail");
            if (a.Detail != null && !BackupShapes.IsPrintable(a.Detail, 0, AuditEntry.MaxDetail))
            {
                f.Problem("Detail", "must be at most " + AuditEntry.MaxDetail.ToString() + " printable characters");
            }
            return problems.Count == before ? a : null;
        }

        /// <summary>Sets d.Sum and d.Mac; false when either is not 64 hex digits.</summary>
        public static bool ReadEnd(JsonNode node, BackupDocument d, ArrayList problems)
        {
            int before = problems.Count;
            BackupFields f = new BackupFields(node, EndSection, EndMembers, problems);
            if (!f.IsObject) return false;
            d.Sum = f.Text("Sum");
            if (d.Sum != null && !BackupShapes.IsHex(d.Sum, 64)) f.Problem("Sum", "must be 64 hex digits");
            d.Mac = f.Text("Mac");
            if (d.Mac != null && !BackupShapes.IsHex(d.Mac, 64)) f.Problem("Mac", "must be 64 hex digits");
            return problems.Count == before;
        }

        private static string Digits(BackupFields f, string name, int min, int max)
        {
            string value = f.Text(name);
            if (value != null && !BackupShapes.IsDigits(value, min, max))
            {
                f.Problem(name, "must be " + (min == max ? min.ToString() : min.ToString() + "-" + max.ToString()) + " digits");
            }
            return value;
        }

        private static bool IsSection(string name)
        {
            return name == HeaderSection || name == BindingSection || name == SettingsSection || name == AuditSection || name == EndSection;
        }

        /// <summary>
        /// The shape of AuditNames.Event and Outcome ("login-failure", "event-17", "ok"), not a
        /// list: the audit is never imported, and a backup from firmware with newer events (or
        /// of an entry whose stored outcome is unknown) must still restore.
        /// </summary>
        private static bool IsEventName(string name)
        {
            char[] c = name.ToCharArray();
            if (c.Length < 1 || c.Length > 24) return false;
            for (int i = 0; i < c.Length; i++)
            {
                if (!((c[i] >= 'a' && c[i] <= 'z') || (c[i] >= '0' && c[i] <= '9') || c[i] == '-')) return false;
            }
            return true;
        }
    }
}

using System.Collections;
using PosTerminal.Firmware.Json;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Service
{
    public enum RestoreStep
    {
        /// <summary>The line was taken; more are needed.</summary>
        More,
        /// <summary>The last line arrived and everything verified: Plan is ready (nothing changed yet).</summary>
        Ready,
        /// <summary>Refused: Problems says why. Nothing changed; later lines are not read.</summary>
        Refused
    }

    /// <summary>
    /// Takes a backup's lines one at a time, exactly as `backup` printed them, and checks each
    /// as it arrives: its frame (Line number, section) and every field, strictly (JsonReader:
    /// duplicate members refused), so the first bad line stops it. After the End line it
    /// checks the Sum, and the Mac on this terminal; then BackupService plans the restore.
    ///
    /// Foreign: the header names another terminal, or a key id other than this terminal's
    /// secret, or this terminal's secret is damaged. Such a backup's Mac cannot be checked
    /// here, only its Sum, so it is taken only when foreign was asked for (`restore foreign`,
    /// which the command layer gives only to a logged-in technician, and audits). A backup of
    /// this terminal under its current secret is always Mac-checked, foreign asked for or not.
    /// </summary>
    public sealed class RestoreSession
    {
        private readonly BackupService _service;
        private readonly bool _foreignAllowed;
        private readonly ArrayList _problems = new ArrayList();
        private readonly BackupDocument _document = new BackupDocument();
        private int _next = 1;
        private bool _done;

        internal RestoreSession(BackupService service, bool foreignAllowed)
        {
            _service = service;
            _foreignAllowed = foreignAllowed;
        }

        /// <summary>Lines taken so far (the refused one included).</summary>
        public int LinesTaken { get { return _next - 1; } }

        /// <summary>Lines the header says are still to come; -1 before the header.</summary>
        public int LinesLeft { get { return _document.Header == null ? -1 : _document.Header.Lines - LinesTaken; } }

        /// <summary>The problems, each "line N: Field: what" (empty unless Refused).</summary>
        public string[] Problems
        {
            get
            {
                string[] problems = (string[])RefArrays.Nulls(new string[_problems.Count]);
                for (int i = 0; i < problems.Length; i++) problems[i] = (string)_problems[i];
                return problems;
            }
        }

        public bool IsForeign { get; private set; }

        /// <summary>Why the backup is foreign ("made on PT000002"), or null.</summary>
        public string ForeignReason { get; private set; }

        /// <summary>The verified plan once Ready.</summary>
        public RestorePlan Plan { get; private set; }

        /// <summary>Takes the next line (trimmed as the console trims it).</summary>
        public RestoreStep Take(string text)
        {
            if (_done) return _problems.Count > 0 ? RestoreStep.Refused : RestoreStep.Ready;
            int line = _next++;
            ArrayList found = new ArrayList();
            bool last = Read(text, line, found);
            if (found.Count > 0) return Refuse(line, found);
            if (!last) return RestoreStep.More;
            _done = true;
            Verify(found);
            if (found.Count > 0) return Refuse(line, found);
            Plan = _service.PlanFor(_document, IsForeign, ForeignReason, found);
            if (found.Count > 0) return Refuse(line, found);
            return RestoreStep.Ready;
        }

        // Reads one line into the document; true when it was the End line.
        private bool Read(string text, int line, ArrayList problems)
        {
            BackupHeader h = _document.Header;
            if (line == 1)
            {
                JsonNode header = BackupLines.Section(text, 1, BackupLines.HeaderSection, problems);
                if (header == null) return false;
                h = BackupLines.ReadHeader(header, problems);
                if (h == null) return false;
                Start(h, problems);
                return false;
            }
            int binding = line - 2;
            int settingsLine = 2 + h.Bindings;
            int audit = line - settingsLine - 1;
            string section = binding < h.Bindings ? BackupLines.BindingSection : line == settingsLine ? BackupLines.SettingsSection
                : audit < h.Audit ? BackupLines.AuditSection : BackupLines.EndSection;
            JsonNode node = BackupLines.Section(text, line, section, problems);
            if (node == null) return false;
            if (section == BackupLines.BindingSection) TakeBinding(node, binding, problems);
            else if (section == BackupLines.SettingsSection) _document.Settings = BackupLines.ReadSettings(node, problems);
            else if (section == BackupLines.AuditSection) TakeAudit(node, audit, problems);
            else return BackupLines.ReadEnd(node, _document, problems);
            return false;
        }

        private void Start(BackupHeader h, ArrayList problems)
        {
            _document.Header = h;
            _document.Bindings = (BackupBinding[])RefArrays.Nulls(new BackupBinding[h.Bindings]);
            _document.Audit = (BackupAuditEntry[])RefArrays.Nulls(new BackupAuditEntry[h.Audit]);
            string field;
            ForeignReason = _service.ForeignReason(h, out field);
            IsForeign = ForeignReason != null;
            if (IsForeign && !_foreignAllowed)
            {
                problems.Add("Header." + field + ": " + ForeignReason + "; only 'restore foreign' takes it");
            }
        }

        private void TakeBinding(JsonNode node, int i, ArrayList problems)
        {
            string path = "Bindings[" + i.ToString() + "]";
            BackupBinding b = BackupLines.ReadBinding(node, path, problems);
            if (b == null) return;
            for (int j = 0; j < i; j++)
            {
                if (!b.SameAs(_document.Bindings[j])) continue;
                problems.Add(path + ": duplicate of Bindings[" + j.ToString() + "]");
                return;
            }
            _document.Bindings[i] = b;
        }

        private void TakeAudit(JsonNode node, int i, ArrayList problems)
        {
            string path = "Audit[" + i.ToString() + "]";
            BackupAuditEntry a = BackupLines.ReadAudit(node, path, problems);
            if (a == null) return;
            if (i > 0 && a.Sequence >= _document.Audit[i - 1].Sequence)
            {
                problems.Add(path + ".Sequence: must be below Audit[" + (i - 1).ToString() + "]'s (newest first)");
                return;
            }
            _document.Audit[i] = a;
        }

        // Sum first (damage anywhere), then the Mac where it can be checked. The Mac decides
        // whatever the Sum says: a forger can recompute the Sum, never the Mac.
        private void Verify(ArrayList problems)
        {
            byte[] canonical = BackupCanonical.Of(_document);
            if (!PosTerminal.Firmware.Security.PasswordHash.ConstantTimeEquals(_document.Sum, _service.SumOf(canonical)))
            {
                problems.Add("End.Sum: does not match the lines before it (damaged, edited, or lines from another backup)");
            }
            if (!IsForeign && !PosTerminal.Firmware.Security.PasswordHash.ConstantTimeEquals(_document.Mac, _service.MacOf(canonical)))
            {
                problems.Add("End.Mac: does not verify on this terminal: the backup was changed after it was made");
            }
        }

        private RestoreStep Refuse(int line, ArrayList found)
        {
            _done = true;
            for (int i = 0; i < found.Count; i++) _problems.Add("line " + line.ToString() + ": " + (string)found[i]);
            return RestoreStep.Refused;
        }
    }
}

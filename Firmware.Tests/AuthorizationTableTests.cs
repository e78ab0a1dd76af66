using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Audit;
using PosTerminal.Firmware.Commands;

namespace PosTerminal.Firmware.Tests
{
    /// <summary>
    /// The authorization table is data (Authorization.Rules); Firmware/Security/README.md shows
    /// it between its markers, generated from the code so the two never disagree. Regenerate:
    /// REGENERATE_AUTHORIZATION=1 dotnet test Firmware.Tests --filter "FullyQualifiedName~AuthorizationTableTests"
    /// </summary>
    [TestClass]
    public sealed class AuthorizationTableTests
    {
        private const string Begin = "<!-- authorization:begin (generated from Firmware/Commands/Authorization.cs by AuthorizationTableTests) -->";
        private const string End = "<!-- authorization:end -->";

        private static string ReadmePath { get { return Path.Combine(TestPaths.RepoRoot, "Firmware", "Security", "README.md"); } }

        public static string Markdown()
        {
            var s = new StringBuilder();
            s.Append("| operation | console command or keypad screen | operator session | logged-in technician | locked terminal (keypad) | keypad without a session | fleet | console without login | while locked | destructive | audits |\n");
            s.Append("| --- | --- | :-: | :-: | :-: | :-: | :-: | :-: | :-: | :-: | --- |\n");
            foreach (OperationRule r in Authorization.Rules)
            {
                string anonymous = Has(r, Role.AnonymousConsole) ? "yes"
                    : r.Condition == Condition.FirstTechnicianCode ? "first code only: factory state or an operator session open" : "no";
                s.Append("| " + r.Operation + " | `" + r.Name + "` | " + YesNo(r, Role.Operator) + " | " + YesNo(r, Role.Technician)
                    + " | " + YesNo(r, Role.LockedKeypad) + " | " + YesNo(r, Role.IdleKeypad) + " | " + YesNo(r, Role.Fleet) + " | " + anonymous + " | " + Locked(r)
                    + " | " + (r.Destructive ? "yes" : "no") + " | " + Audits(r) + " |\n");
            }
            return s.ToString();
        }

        [TestMethod]
        public void TheReadmeShowsTheCodesTable()
        {
            string text = File.ReadAllText(ReadmePath).Replace("\r\n", "\n");
            int a = text.IndexOf(Begin, StringComparison.Ordinal);
            int b = text.IndexOf(End, StringComparison.Ordinal);
            Assert.IsTrue(a >= 0 && b > a, "README lacks the markers " + Begin + " ... " + End);
            string expected = Begin + "\n" + Markdown() + End;
            string actual = text.Substring(a, b + End.Length - a);
            if (Environment.GetEnvironmentVariable("REGENERATE_AUTHORIZATION") == "1")
            {
                File.WriteAllText(ReadmePath, text.Substring(0, a) + expected + text.Substring(b + End.Length));
                return;
            }
            Assert.AreEqual(expected, actual, "regenerate: REGENERATE_AUTHORIZATION=1 dotnet test Firmware.Tests --filter FullyQualifiedName~AuthorizationTableTests");
        }

        [TestMethod]
        public void EveryOperationHasExactlyOneRule()
        {
            foreach (Operation op in Enum.GetValues<Operation>())
            {
                Assert.AreEqual(1, Authorization.Rules.Count(r => r.Operation == op), op.ToString());
            }
        }

        /// <summary>
        /// The command layer alone writes audit entries: no other firmware source calls the log's
        /// writers (Record, Stage, Committed, a commit with an entry), whatever the receiver is
        /// called, nor keeps the log in a field or parameter of its own (the fleet, the lifecycle,
        /// backup and restore all ask the layer).
        /// </summary>
        [TestMethod]
        public void OnlyTheCommandLayerWritesAuditEntries()
        {
            Regex writer = AuditWriter;
            string firmware = Path.Combine(TestPaths.RepoRoot, "Firmware");
            foreach (string file in Directory.GetFiles(firmware, "*.cs", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(firmware, file).Replace('\\', '/');
                if (relative.StartsWith("Commands/") || relative.StartsWith("bin/") || relative.StartsWith("obj/") || relative.StartsWith("Nano/")) continue;
                Assert.IsFalse(writer.IsMatch(File.ReadAllText(file)), relative + " writes an audit entry: only Firmware/Commands may");
            }
        }

        private static readonly Regex AuditWriter = new Regex(@"\.(Audit\.Record|Audit\.Stage|Audit\.Committed|CommitWith)\(|\bAudit\(AuditEvent"
            + @"|\bRecord\(\s*AuditEvent\.|\bStage\([^;]*AuditEvent\.|\bAuditLog\s+_?\w+\s*[;=,)]");

        /// <summary>The check above sees each way the branches before the merge wrote entries outside the layer.</summary>
        [TestMethod]
        public void TheAuditWriterCheckSeesEveryShape()
        {
            foreach (string code in new[]
            {
                "_security.Audit.Record(AuditEvent.Backup, AuditOutcome.Ok, string.Empty);",
                "_audit.Record(AuditEvent.FleetRefused, AuditOutcome.Refused, detail)",
                "_security.Audit.CommitWith(batch, AuditEvent.Restore, AuditOutcome.Ok, plan.AuditDetail);",
                "log.Stage(batch, AuditEvent.Restore, AuditOutcome.Ok, x);",
                "private readonly AuditLog _audit;",
                "public MerchantName(IRecordStore store, AuditLog audit)",
            })
            {
                Assert.IsTrue(AuditWriter.IsMatch(code), code);
            }
            Assert.IsFalse(AuditWriter.IsMatch("public bool Record(AuditEvent auditEvent, AuditOutcome outcome, string detail)"), "the log's own definition");
            Assert.IsFalse(AuditWriter.IsMatch("public AuditLog Audit { get; private set; }"), "SecurityServices owns the one log");
        }

        /// <summary>Screens get the narrow services they use: no store, no security state, no terminal.</summary>
        [TestMethod]
        public void ScreensReachNothingButTheCommandLayer()
        {
            var forbidden = new Regex(@"\b(IRecordStore|Store\.|SecurityServices|\.Security\b|LogStore|GuardedSecret|TerminalLock\s+\w+\s*[={]|Terminal\s+\w+\s*[),=])");
            string ui = Path.Combine(TestPaths.RepoRoot, "Firmware", "Ui");
            foreach (string file in Directory.GetFiles(ui, "*.cs"))
            {
                string code = string.Join("\n", File.ReadAllLines(file).Where(l => !l.TrimStart().StartsWith("using ")));
                Match m = forbidden.Match(code);
                Assert.IsFalse(m.Success, Path.GetFileName(file) + " reaches '" + m.Value + "': go through IScreenHost.Commands");
            }
        }

        private static bool Has(OperationRule r, Role role)
        {
            return (r.Roles & role) != 0;
        }

        private static string YesNo(OperationRule r, Role role)
        {
            return Has(r, role) ? "yes" : "no";
        }

        private static string Locked(OperationRule r)
        {
            if (r.WhileLocked == WhileLocked.Allowed) return "yes";
            return r.WhileLocked == WhileLocked.WhenUnlockCodeDamaged ? "only if the unlock code is damaged" : "no";
        }

        private static string Audits(OperationRule r)
        {
            if ((int)r.Audit == 0) return "nothing (read-only)";
            string name = AuditNames.Event(r.Audit);
            string ring = AuditNames.IsSecurity(r.Audit, AuditOutcome.Ok) ? "security" : "routine";
            string extra = r.Operation == Operation.OperatorLogin ? "; failures `login-failure`, a lockout `lockout` (security)"
                : r.Operation == Operation.TechnicianLogin ? " (failures too); a lockout `lockout` (security)"
                : r.Operation == Operation.Unlock ? "; wrong codes `unlock failed` (routine), a lockout `lockout` (security)"
                : r.Operation == Operation.Lock ? "; refused without a code (routine)"
                : r.Operation == Operation.Deregister ? "; a wrong password `login-failure`" : "";
            return "`" + name + "` (" + ring + ")" + extra;
        }
    }
}

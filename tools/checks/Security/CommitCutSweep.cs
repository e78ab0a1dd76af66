using System;
using System.Collections.Generic;
using System.Linq;
using PosTerminal.Firmware;
using PosTerminal.Firmware.Storage;
using PosTerminal.Firmware.Text;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Flash;

namespace PosTerminal.Tools.Checks.Security
{
    /// <summary>
    /// Issue 10 item 5: factory reset, restore, and a binding or a deregistration with its audit
    /// entry are one RecordBatch each. This sweep cuts the power on every flash operation of one
    /// (in each cut mode), on the real LogStore over the NOR simulation, powers on again and
    /// classifies what the terminal then holds: the state before (old), the state after (new),
    /// or anything else (torn). A security rollback is any outcome where the technician code,
    /// the unlock code or a guard's count is gone, or the password is neither the old one nor
    /// (after a reset) the factory one. Whole outcomes need the store's Commit to be atomic;
    /// StoreIsAtomic checks that on the store itself.
    /// </summary>
    public static class CommitCutSweep
    {
        public const string Password = "135790";
        public const string UnlockCode = "80417263";

        /// <summary>Factory reset under a cut at every flash operation of "factory-reset confirm".</summary>
        public static CutSweepReport FactoryReset()
        {
            SimFlash start = Owned(out _);
            return Sweep("factory reset", start, Lines("factory-reset"), Lines("factory-reset confirm"),
                board => Classify(board, 2, Language.English, Password), board => Classify(board, 0, Language.Chinese, "123456"));
        }

        /// <summary>
        /// A keypad bind (a device, 55667788) onto the terminal with a card and a device: the
        /// operator's session up to the review screen, then a cut at every flash operation of its
        /// ENTER. Old: 2 bindings and no binding-added entry for it; new: 3 and the entry.
        /// </summary>
        public static CutSweepReport Bind()
        {
            SimFlash start = Owned(out _);
            const string entry = "device *7788";
            return Sweep("bind", start, Keys("MENU " + Password + " ENTER 1 1 3 55667788 ENTER"), Keys("ENTER"),
                board => Together(board, 2, null, "device *7788", Firmware.Audit.AuditEvent.BindingAdded, entry, false),
                board => Together(board, 3, "device *7788", null, Firmware.Audit.AuditEvent.BindingAdded, entry, true));
        }

        /// <summary>
        /// A keypad deregistration of the device (87654321): the binding, 1 Deregister, the
        /// confirmation, then a cut at every flash operation of the password's ENTER. Old: both
        /// bindings and no binding-deregistered entry for it; new: the card alone and the entry.
        /// </summary>
        public static CutSweepReport Deregister()
        {
            SimFlash start = Owned(out _);
            const string entry = "device *4321";
            return Sweep("deregister", start, Keys("MENU " + Password + " ENTER 1 3 1 ENTER"), Keys(Password + " ENTER"),
                board => Together(board, 2, "device *4321", null, Firmware.Audit.AuditEvent.BindingDeregistered, entry, false),
                board => Together(board, 1, null, "device *4321", Firmware.Audit.AuditEvent.BindingDeregistered, entry, true));
        }

        /// <summary>
        /// Restore of another terminal's backup (a merchant and a device, English) onto one with a
        /// card and a device (中文): `restore foreign`, the lines, then a cut at every flash
        /// operation of `restore confirm`. New: the backup's merchant and device, the card kept.
        /// </summary>
        public static CutSweepReport Restore()
        {
            string[] backup = SourceBackup();
            SimFlash start = Target();
            string[] arm = new[] { "restore foreign" }.Concat(backup).ToArray();
            return Sweep("restore", start, Lines(arm), Lines("restore confirm"),
                board => Classify(board, 2, Language.Chinese, Password, "card", "merchant"),
                board => Classify(board, 3, Language.English, Password, "merchant", null));
        }

        /// <summary>True when the store commits a batch whole under a cut at any of its flash operations (it is storage's to make so).</summary>
        public static bool StoreIsAtomic()
        {
            foreach (CutMode mode in new[] { CutMode.Before, CutMode.Torn, CutMode.After })
            {
                for (int op = 1; op <= 24; op++)
                {
                    var flash = new SimFlash();
                    var store = new LogStore(flash);
                    store.Write(0x7001, new byte[] { 1 });
                    var batch = new RecordBatch();
                    batch.Write(0x7001, new byte[] { 2 });
                    batch.Write(0x7002, new byte[] { 2 });
                    flash.ScheduleCut(op, mode);
                    try { store.Commit(batch); } catch (PowerCutException) { }
                    flash.PowerUp();
                    var after = new LogStore(flash);
                    byte[] a = after.Read(0x7001), b = after.Read(0x7002);
                    bool old = a != null && a[0] == 1 && b == null;
                    bool whole = a != null && a[0] == 2 && b != null && b[0] == 2;
                    if (!old && !whole) return false;
                }
            }
            return true;
        }

        // Console lines, sent in order.
        private static Action<EventBoard> Lines(params string[] lines)
        {
            return board => { foreach (string line in lines) board.SendConsoleLine(line); };
        }

        // Keypad keys (EventBoard.PressKeys names).
        private static Action<EventBoard> Keys(string keys)
        {
            return board => board.PressKeys(keys);
        }

        private static CutSweepReport Sweep(string name, SimFlash start, Action<EventBoard> arm, Action<EventBoard> act,
            Func<EventBoard, string> isOld, Func<EventBoard, string> isNew)
        {
            var report = new CutSweepReport { Operation = name };
            // The uncut run: how many flash operations the command takes.
            EventBoard probe = Boot(start);
            arm(probe);
            long before = probe.Flash.Operations;
            act(probe);
            report.Operations = (int)(probe.Flash.Operations - before);
            report.UncutNew = isNew(probe) == null;
            foreach (CutMode mode in new[] { CutMode.Before, CutMode.Torn, CutMode.After })
            {
                for (int op = 1; op <= report.Operations; op++)
                {
                    EventBoard board = Boot(start);
                    arm(board);
                    board.Flash.ScheduleCut(op, mode);
                    act(board);
                    report.Cases++;
                    if (board.PoweredOn) report.NotCut++;
                    board.PowerOn();
                    string old = isOld(board), fresh = isNew(board);
                    string rollback = Rollback(board);
                    if (rollback != null) report.Rollbacks.Add(mode + " cut on operation " + op + ": " + rollback);
                    if (old == null) report.Old++;
                    else if (fresh == null) report.New++;
                    else report.Torn.Add(mode + " cut on operation " + op + ": not old (" + old + "), not new (" + fresh + ")");
                }
            }
            return report;
        }

        private static EventBoard Boot(SimFlash start)
        {
            var board = new EventBoard(start.Snapshot());
            board.LanguageOverride = null;
            board.PowerOn();
            Technician.LogIn(board);
            return board;
        }

        // Null when the terminal holds exactly bindings bindings (one of kind withKind, none of kind withoutKind, when given), language and a password that is password.
        private static string Classify(EventBoard board, int bindings, Language language, string password, string withKind = null, string withoutKind = null)
        {
            Terminal t = board.Terminal;
            if (t.Bindings.Count != bindings || t.Bindings.DamagedCount != 0) return t.Bindings.Count + " bindings, " + t.Bindings.DamagedCount + " damaged";
            string[] kinds = Enumerable.Range(0, t.Bindings.Count).Select(i => t.Bindings[i].Describe()).ToArray();
            if (withKind != null && !kinds.Any(k => k.StartsWith(withKind, StringComparison.Ordinal))) return "no " + withKind + ": " + string.Join(", ", kinds);
            if (withoutKind != null && kinds.Any(k => k.StartsWith(withoutKind, StringComparison.Ordinal))) return "a " + withoutKind + ": " + string.Join(", ", kinds);
            if (t.Settings.Language != language) return "language " + t.Settings.Language;
            if (!t.Security.Password.IsCurrent(password)) return "another password";
            return null;
        }

        // Null when the terminal holds bindings bindings (one described as with, none as without,
        // when given) and its audit log has the auditEvent entry with detail exactly when expected.
        private static string Together(EventBoard board, int bindings, string with, string without,
            Firmware.Audit.AuditEvent auditEvent, string detail, bool expected)
        {
            Terminal t = board.Terminal;
            if (t.Bindings.Count != bindings || t.Bindings.DamagedCount != 0) return t.Bindings.Count + " bindings, " + t.Bindings.DamagedCount + " damaged";
            string[] held = Enumerable.Range(0, t.Bindings.Count).Select(i => Firmware.Commands.TerminalCommands.Describe(t.Bindings[i])).ToArray();
            if (with != null && !held.Contains(with)) return "no " + with + ": " + string.Join(", ", held);
            if (without != null && held.Contains(without)) return "still " + without;
            bool logged = t.Security.Audit.ReadNewestFirst(Firmware.Audit.AuditLog.Capacity)
                .Any(e => e.Event == auditEvent && e.Outcome == Firmware.Audit.AuditOutcome.Ok && e.Detail == detail);
            if (logged != expected) return (logged ? "an " : "no ") + Firmware.Audit.AuditNames.Event(auditEvent) + " entry for " + detail;
            return null;
        }

        // What a cut must never take: the codes, the guards' counts, a password other than the old or the factory one.
        private static string Rollback(EventBoard board)
        {
            Terminal t = board.Terminal;
            if (!t.Security.Technician.IsSet) return "technician code gone";
            if (!t.Security.Lock.HasUnlockCode) return "unlock code gone";
            if (t.Security.Lock.UnlockCode.Guard.FailedCount < 2) return "unlock guard count went back";
            if (t.Security.Password.Damaged) return null; // fail closed: a technician resets it
            if (!t.Security.Password.IsCurrent(Password) && !t.Security.Password.IsCurrent("123456")) return "an unknown password";
            return null;
        }

        // A terminal with a technician code, an unlock code with 2 wrong tries on its guard, a password, English, a card and a device.
        private static SimFlash Owned(out EventBoard board)
        {
            board = new EventBoard(new SimFlash());
            board.PowerOn();
            Technician.Provision(board);
            board.PressKeys("MENU 123456 ENTER " + Password + " ENTER " + Password + " ENTER ENTER 3 2");
            board.PressKeys("1 1 2 6222021234567894 ENTER ENTER ENTER 1 3 87654321 ENTER ENTER ENTER CANCEL CANCEL");
            Expect(board.SendConsoleLine("set-unlock-code " + UnlockCode), "ok: unlock code set");
            Expect(board.SendConsoleLine("lock"), "ok: terminal locked");
            board.PressKeys("11223354 ENTER 11223355 ENTER");
            Expect(board.SendConsoleLine("unlock " + UnlockCode + "x"), "error: wrong unlock code");
            board.PressKeys(UnlockCode + " ENTER ENTER");
            // The right code cleared the guard: two more wrong ones (console, not locked: refused before the guard) leave it at 2.
            board.Terminal.Security.Lock.UnlockCode.Check("11223356");
            board.Terminal.Security.Lock.UnlockCode.Check("11223357");
            return board.Flash.Snapshot();
        }

        private static SimFlash Target()
        {
            Owned(out EventBoard board);
            board.PressKeys("MENU " + Password + " ENTER 3 1 CANCEL");
            return board.Flash.Snapshot();
        }

        private static string[] SourceBackup()
        {
            var board = new EventBoard(new SimFlash()) { TerminalId = "PT000002" };
            board.PowerOn();
            Technician.Provision(board);
            board.PressKeys("MENU 123456 ENTER 246813 ENTER 246813 ENTER ENTER 3 2");
            board.PressKeys("1 1 1 898100000000001 ENTER 12345678 ENTER ENTER ENTER 1 3 11223344 ENTER ENTER ENTER CANCEL CANCEL");
            return board.SendConsoleLine("backup");
        }

        private static void Expect(string[] output, string start)
        {
            if (output.Length == 0 || !output[0].StartsWith(start, StringComparison.Ordinal))
                throw new InvalidOperationException("expected '" + start + "', got: " + string.Join(" | ", output));
        }
    }

    public sealed class CutSweepReport
    {
        public string Operation { get; set; }

        /// <summary>Flash operations (program words and erases) the uncut command takes.</summary>
        public int Operations { get; set; }

        /// <summary>The uncut command reached the new state (the sweep ran the real code path).</summary>
        public bool UncutNew { get; set; }

        public int Cases { get; set; }
        public int NotCut { get; set; }
        public int Old { get; set; }
        public int New { get; set; }
        public List<string> Torn { get; } = new List<string>();
        public List<string> Rollbacks { get; } = new List<string>();

        public override string ToString()
        {
            return Operation + ": " + Operations + " flash operations, " + Cases + " cut points: " + Old + " old, " + New + " new, "
                + Torn.Count + " torn, " + Rollbacks.Count + " security rollbacks";
        }
    }
}

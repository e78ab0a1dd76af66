using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Audit;
using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Commands;
using PosTerminal.Firmware.Json;
using PosTerminal.Firmware.Service;
using PosTerminal.Firmware.Storage;
using PosTerminal.Firmware.Tests.Support;
using PosTerminal.Firmware.Text;
using PosTerminal.Tools.Checks.Security;

namespace PosTerminal.Firmware.Tests
{
    /// <summary>
    /// Backup lines and the restore conversation over a RAM store and the real command layer
    /// (ConsoleRig: a merchant, a card, a device bound; a technician logged in on the console).
    /// The terminal changes between backup and restore through the command layer, as the keypad
    /// makes them (an operator session, bind, deregister with the password, the language).
    /// </summary>
    [TestClass]
    public sealed class BackupRestoreTests
    {
        [TestMethod]
        public void BackupIsNumberedJsonLinesWithHeaderAndEnd()
        {
            var rig = new ConsoleRig();
            rig.Run("set-time 2026-11-25T10:00:00Z");
            string[] lines = rig.Run("backup");
            Assert.AreEqual(3 + 3 + 3, lines.Length, "header, 3 bindings, settings, 3 audit entries (technician-login, clock-set, backup), end");
            for (int k = 1; k <= lines.Length; k++)
            {
                string error;
                JsonNode node = JsonReader.Parse(lines[k - 1], out error);
                Assert.IsNull(error, lines[k - 1]);
                Assert.AreEqual(k, node.Get("Line").Integer);
                Assert.AreEqual(2, node.Count, "Line and one section");
                Assert.IsTrue(lines[k - 1].Length <= 200, lines[k - 1]);
            }
            BackupDocument d = RestoreProbe.Parse(lines);
            Assert.AreEqual(2, d.Header.Format);
            Assert.AreEqual("PT000001", d.Header.Terminal);
            Assert.AreEqual(rig.Secret.KeyId, d.Header.Key);
            Assert.AreEqual(lines.Length, d.Header.Lines);
            Assert.AreEqual("2026-11-25T10:00:00Z", d.Header.Created);
            Assert.AreEqual("102030405060708", d.Bindings[0].MerchantNo);
            Assert.AreEqual("6222********1234", d.Bindings[1].CardMasked);
            Assert.AreEqual("8877665544", d.Bindings[2].SerialNo);
            Assert.AreEqual("zh", d.Settings.Language);
            Assert.AreEqual(90, d.Settings.PasswordMaxAgeDays);
            Assert.AreEqual("backup", d.Audit[0].Event, "the backup logs itself first");
            Assert.AreEqual("clock-set", d.Audit[1].Event);
            Assert.AreEqual("technician-login", d.Audit[2].Event);
            byte[] canonical = BackupCanonical.Of(d);
            Assert.AreEqual(BackupCanonical.Sum(canonical, rig.Crypto), d.Sum);
            Assert.AreEqual(Convert.ToHexString(rig.Secret.Mac(canonical)).ToLowerInvariant(), d.Mac);
            CollectionAssert.AreEqual(lines, BackupLines.Write(d), "the lines are the document, written back");
        }

        [TestMethod]
        public void EveryLineOfAFullTerminalFitsTheConsole()
        {
            var rig = new ConsoleRig(bindings: false);
            for (int i = 0; i < 3; i++) rig.Bind(new Binding(BindingKind.Merchant, "10203040506070" + i, "1122334" + i));
            rig.Bind(new Binding(BindingKind.SettlementCard, "6228480402564890310", null));
            for (int i = 0; i < 4; i++) rig.Bind(new Binding(BindingKind.Device, "998877665544332" + i, null));
            // The longest audit line: the longest event, an unknown clock long after boot, 20 quotes
            // (escaped: 40 characters), in both rings: 32 security entries (a security event) and
            // 16 routine ones (refused: routine), none coalescing with the one before; and before
            // them one entry of every other pinned kind, pushed out of the ring: only its pin holds it.
            rig.Clock.AdvanceMicros(4000L * 3600 * 1000000);
            rig.Run("login " + ConsoleRig.TechnicianCode); // 5 minutes without a line ended the session
            AuditEvent[] kinds =
            {
                AuditEvent.FactoryReset, AuditEvent.Restore, AuditEvent.Restore, AuditEvent.Lock, AuditEvent.Unlock, AuditEvent.UnlockCodeSet,
                AuditEvent.TechnicianCodeSet, AuditEvent.PasswordChanged, AuditEvent.BackupSecretSet, AuditEvent.FleetKeySet, AuditEvent.Lockout,
                AuditEvent.Lockout, AuditEvent.StorageDamage, AuditEvent.StorageRecovery, AuditEvent.Pause, AuditEvent.Reactivate, AuditEvent.OutboxOverflow,
            };
            for (int i = 0; i < kinds.Length; i++)
                rig.Security.Audit.Record(kinds[i], AuditOutcome.Ok, (i == 2 ? "foreign" : i == 11 ? "console" : "") + new string('"', i == 2 || i == 11 ? 13 : 20));
            Assert.AreEqual(kinds.Length, rig.Security.Audit.PinnedCount, "every kind but password-reset pinned (the two lockouts apart, the two restores apart)");
            for (int i = 0; i < AuditLog.SecurityCapacity + 5; i++) rig.Security.Audit.Record(AuditEvent.PasswordReset, AuditOutcome.Ok, new string('"', 20));
            for (int i = 0; i < AuditLog.RoutineCapacity + 5; i++) rig.Security.Audit.Record(AuditEvent.BindingDeregistered, AuditOutcome.Refused, new string('"', 20));
            Assert.AreEqual(AuditLog.PinnedCapacity, rig.Security.Audit.PinnedCount);
            string[] lines = rig.Run("backup");
            Assert.AreEqual(BackupLines.MaxLines, lines.Length, "8 bindings and 65 audit entries: both rings and 17 pins the security ring no longer holds");
            BackupDocument d = RestoreProbe.Parse(lines);
            Assert.AreEqual(AuditLog.SecurityCapacity, d.Audit.Count(a => a.Event == "password-reset"), "the whole security ring (the password-reset pin is its newest)");
            Assert.AreEqual(AuditLog.RoutineCapacity, d.Audit.Count(a => a.Event == "binding-deregistered" || a.Event == "backup"), "the whole routine ring, the backup's own entry included");
            Assert.AreEqual(kinds.Length, d.Audit.Count(a => a.Event != "password-reset" && a.Event != "binding-deregistered" && a.Event != "backup"), "every other pinned kind");
            int longest = lines.Max(l => l.Length);
            Assert.IsTrue(longest <= 200, "longest line " + longest + ": " + lines.First(l => l.Length == longest));
            StringAssert.Contains(lines[11], "\\\"\\\"\\\"", "the detail's quotes are escaped");
        }

        /// <summary>The longest values each field can take on export, and in the audit the longest the reader accepts.</summary>
        [TestMethod]
        public void TheLongestPossibleLinesFit()
        {
            var d = new BackupDocument
            {
                Header = new BackupHeader
                {
                    Format = 2, Terminal = "ABCDEFGHIJKLMNOP", Key = "0123abcd", Lines = BackupLines.MaxLines, Bindings = 8, Audit = BackupLines.MaxAudit,
                    Firmware = BackupService.FirmwareName, Boot = uint.MaxValue, Created = "2026-11-25T10:00:00Z",
                },
                Bindings = Enumerable.Range(0, 8).Select(i => i % 3 == 0
                    ? new BackupBinding { Kind = "merchant", MerchantNo = "123456789012345", TerminalNo = "12345678" }
                    : i % 3 == 1 ? new BackupBinding { Kind = "card", CardMasked = "6228***********8903" }
                    : new BackupBinding { Kind = "device", SerialNo = "1234567890123456" }).ToArray(),
                Settings = new BackupSettings { Language = "zh", PasswordMaxAgeDays = 3650 },
                Audit = Enumerable.Range(0, BackupLines.MaxAudit).Select(i => new BackupAuditEntry
                {
                    Sequence = uint.MaxValue - i, Event = "binding-deregistered", Outcome = "refused",
                    Time = new string('9', 32), Detail = new string('"', 20),
                }).ToArray(),
                Sum = new string('f', 64),
                Mac = new string('f', 64),
            };
            int longest = BackupLines.Write(d).Max(l => l.Length);
            Assert.AreEqual(192, longest, "the figure BackupLines' comment gives");
        }

        [TestMethod]
        public void AConsoleTooNarrowForTheLinesGetsNoBackupAndIsTold()
        {
            var rig = new ConsoleRig(maxLine: 100);
            string[] output = rig.Run("backup");
            Assert.AreEqual(1, output.Length, string.Join("\n", output));
            StringAssert.Matches(output[0], new System.Text.RegularExpressions.Regex("^error: backup line 1 needs \\d+ characters; this console takes 100$"));
        }

        [TestMethod]
        public void TheSecretIsMadeOnceAndNeverPrinted()
        {
            var store = new MemoryRecordStore();
            var rig = new ConsoleRig(store);
            byte[] record = store.Read(RecordKeys.TerminalSecret);
            Assert.AreEqual(37, record.Length);
            Assert.AreEqual(rig.Secret.KeyId, new TerminalSecret(store, rig.Crypto).KeyId, "read back, not made again");
            string secretHex = Convert.ToHexString(record, 1, 32).ToLowerInvariant();
            string output = string.Join("\n", rig.Run("backup")) + string.Join("\n", rig.Run("status"));
            Assert.IsFalse(output.Contains(secretHex), "the secret in the output");
            Assert.IsFalse(output.Contains(secretHex.Substring(0, 16)), "part of the secret in the output");
        }

        [TestMethod]
        public void RestoreShowsExactlyWhatChangesAndAppliesOnlyOnConfirm()
        {
            var rig = new ConsoleRig();
            string[] backup = rig.Run("backup");
            // After the backup: the device goes, another is bound, a second card, the settings change.
            rig.Deregister(ConsoleRig.Device);
            rig.Bind(new Binding(BindingKind.Device, "12121212", null));
            rig.Bind(new Binding(BindingKind.SettlementCard, "4000000000000002", null));
            rig.SetLanguage(Language.English);
            rig.Security.Policy.SetMaxAgeDays(30);
            var before = rig.Store.Dump();

            Assert.AreEqual("restore: paste the backup lines, exactly as backup printed them; any other line cancels", rig.RunOne("restore"));
            string[] preview = rig.Paste(backup);
            CollectionAssert.AreEqual(new[]
            {
                "restore preview (nothing changed yet): backup of PT000001 made unknown, Mac verified",
                "  add device **** 5544",
                "  remove device **** 1212",
                "  keep card 6222 **** **** 1234 (cards are never restored or removed)",
                "  keep card 4000 **** **** 0002 (cards are never restored or removed)",
                "  language: en -> zh",
                "  password reminder: 30 days -> 90 days",
                "  unchanged: 1 binding",
                "type 'restore confirm' to apply it; any other line cancels",
            }, preview);
            CollectionAssert.AreEquivalent(before, rig.Store.Dump(), "the preview changes nothing");
            Assert.AreEqual(0, rig.Restores);

            int commits = rig.Store.Commits;
            Assert.AreEqual("ok: restored", rig.RunOne("restore confirm"));
            Assert.AreEqual(commits + 1, rig.Store.Commits, "one commit");
            Assert.AreEqual("batch 5", rig.Store.Events.Last(), "the device's slot, the language, the password age, the audit entry and its pin in one batch");
            CollectionAssert.AreEqual(new[] { "102030405060708", "4000********0002", "6222********1234", "8877665544" }, rig.BindingIds(),
                "merchants and devices of the backup, every card kept");
            Assert.AreEqual(Language.Chinese, rig.Commands.Settings.Language);
            Assert.AreEqual(Language.Chinese, rig.Host.Language, "the LCD was told");
            Assert.AreEqual(1, rig.Host.Replacements, "the operator's session ended");
            Assert.AreEqual(90, rig.Security.Policy.MaxAgeDays);
            StringAssert.Contains(rig.RunOne("log 1"), "restore ok 4 bindings");
            Assert.AreEqual("error: nothing to confirm; type restore, then paste the backup lines", rig.RunOne("restore confirm"));
        }

        [TestMethod]
        public void TheBackupsCardsThatAreNotBoundAreListedToBindAgain()
        {
            var rig = new ConsoleRig();
            string[] backup = rig.Run("backup");
            rig.DeregisterAll();
            rig.Run("restore");
            string[] preview = rig.Paste(backup);
            CollectionAssert.Contains(preview, "  not restored: card 6222 **** **** 1234 (bind it again by swiping)");
            CollectionAssert.AreEqual(new[]
            {
                "card 6222 **** **** 1234: not restored (backups hold cards only truncated); bind it again by swiping",
                "ok: restored",
            }, rig.Run("restore confirm"));
            Assert.AreEqual(2, rig.Bindings.Count);
        }

        [TestMethod]
        public void ABackupOfTheSameStateChangesNothing()
        {
            var rig = new ConsoleRig();
            string[] backup = rig.Run("backup");
            rig.Run("restore");
            string[] output = rig.Paste(backup);
            Assert.AreEqual("nothing to restore: the terminal already matches the backup", output.Last());
            Assert.AreEqual("error: nothing to confirm; type restore, then paste the backup lines", rig.RunOne("restore confirm"));
        }

        [TestMethod]
        public void AnyOtherLineCancelsAndThenRuns()
        {
            var rig = new ConsoleRig();
            string[] backup = rig.Run("backup");
            rig.SetLanguage(Language.English);
            rig.Run("restore");
            rig.Paste(backup);
            string[] output = rig.Run("bindings");
            Assert.AreEqual("restore cancelled, nothing changed", output[0]);
            Assert.AreEqual("bindings: 3", output.Last(), "the line then runs");
            Assert.AreEqual(Language.English, rig.Commands.Settings.Language);

            rig.Run("restore");
            rig.Paste(backup.Take(3));
            output = rig.Run("status");
            Assert.AreEqual("restore cancelled: that is not a backup line; nothing changed", output[0]);
            StringAssert.StartsWith(output[1], "terminal: ");
            Assert.AreEqual(0, rig.Restores);
        }

        [TestMethod]
        public void ARestoreLeftAloneTimesOut()
        {
            var rig = new ConsoleRig();
            string[] backup = rig.Run("backup");
            rig.SetLanguage(Language.English);
            rig.Run("restore");
            rig.Paste(backup.Take(2));
            rig.Clock.AdvanceMicros((RestoreDialog.TimeoutMs - 1) * 1000);
            rig.Console.Poll();
            Assert.AreEqual(0, rig.Port.TakeOutput().Length, "not yet");
            Assert.AreEqual("type 'restore confirm' to apply it; any other line cancels", rig.Paste(backup.Skip(2)).Last());
            rig.Clock.AdvanceMicros(RestoreDialog.TimeoutMs * 1000);
            rig.Console.Poll();
            CollectionAssert.AreEqual(new[] { "restore cancelled: not confirmed within 120 s; nothing changed" }, rig.Port.TakeOutput());
            Assert.AreEqual("error: nothing to confirm; type restore, then paste the backup lines", rig.RunOne("restore confirm"));

            rig.Run("restore");
            rig.Paste(backup.Take(2));
            rig.Clock.AdvanceMicros(RestoreDialog.TimeoutMs * 1000);
            rig.Console.Poll();
            CollectionAssert.AreEqual(new[] { "restore cancelled: no backup line for 120 s; nothing changed" }, rig.Port.TakeOutput());
            Assert.AreEqual(0, rig.Restores);
            Assert.AreEqual(Language.English, rig.Commands.Settings.Language);
        }

        [TestMethod]
        public void ARefusedPasteIsDroppedQuietlyAndBackupLinesAloneGetOneError()
        {
            var rig = new ConsoleRig();
            string[] backup = rig.Run("backup");
            rig.Run("restore");
            string[] bad = (string[])backup.Clone();
            bad[1] = bad[1].Replace("102030405060708", "10203040506070x");
            string[] output = rig.Paste(bad);
            CollectionAssert.AreEqual(new[]
            {
                "error: restore refused, nothing changed:",
                "  line 2: Bindings[0].MerchantNo: must be 15 digits",
            }, output, "the rest of the paste says nothing");
            Assert.AreEqual("bindings: 3", rig.Run("bindings").Last());

            output = rig.Paste(backup);
            CollectionAssert.AreEqual(new[] { "error: a backup line, but no restore is running; type restore, then paste the lines" }, output);
        }

        [TestMethod]
        public void AFieldProblemIsNamedWithEveryOtherOneOnItsLine()
        {
            var rig = new ConsoleRig();
            string[] backup = RestoreProbe.Reseal(rig.Run("backup"), d =>
            {
                d.Bindings[0].MerchantNo = "1";
                d.Bindings[0].TerminalNo = "x";
            });
            rig.Run("restore");
            CollectionAssert.AreEqual(new[]
            {
                "error: restore refused, nothing changed:",
                "  line 2: Bindings[0].MerchantNo: must be 15 digits",
                "  line 2: Bindings[0].TerminalNo: must be 8 digits",
            }, rig.Paste(backup));
        }

        [TestMethod]
        public void TheTerminalChangingBeforeTheConfirmationStopsIt()
        {
            var rig = new ConsoleRig();
            string[] backup = rig.Run("backup");
            rig.SetLanguage(Language.English);
            rig.Run("restore");
            rig.Paste(backup);
            rig.Bind(new Binding(BindingKind.SettlementCard, "4000000000000002", null));
            var before = rig.Store.Dump();
            Assert.AreEqual("error: the terminal changed since the preview; nothing changed; restore again", rig.RunOne("restore confirm"));
            CollectionAssert.AreEquivalent(before, rig.Store.Dump());
            Assert.AreEqual(Language.English, rig.Commands.Settings.Language);
        }

        [TestMethod]
        public void AFullStoreAtTheConfirmationChangesNothing()
        {
            var rig = new ConsoleRig();
            string[] backup = rig.Run("backup");
            rig.SetLanguage(Language.English);
            rig.Run("restore");
            rig.Paste(backup);
            var before = rig.Store.Dump();
            int entries = rig.Security.Audit.Count;
            rig.Store.Full = true;
            Assert.AreEqual("error: storage full; nothing changed. Take a backup and report it: the store does not fill up in normal use", rig.RunOne("restore confirm"));
            rig.Store.Full = false;
            CollectionAssert.AreEquivalent(before, rig.Store.Dump());
            Assert.AreEqual(0, rig.Restores);
            Assert.AreEqual(Language.English, rig.Commands.Settings.Language);
            Assert.AreEqual(entries, rig.Security.Audit.Count, "no audit entry either");
        }

        [TestMethod]
        public void APowerCutAtTheConfirmationLeavesTheOldState()
        {
            var rig = new ConsoleRig();
            string[] backup = rig.Run("backup");
            rig.SetLanguage(Language.English);
            rig.Security.Policy.SetMaxAgeDays(30);
            rig.Run("restore");
            rig.Paste(backup);
            var before = rig.Store.Dump();
            rig.Store.CutAtCommit = 1;
            Assert.ThrowsExactly<PowerCutException>(() => rig.Run("restore confirm"));
            CollectionAssert.AreEquivalent(before, rig.Store.Dump(), "the one commit was cut: nothing of it landed");
            var after = new ConsoleRig(rig.Store);
            Assert.AreEqual(30, after.Security.Policy.MaxAgeDays);
            Assert.AreEqual(Language.English, after.Commands.Settings.Language);
        }

        [TestMethod]
        public void AForeignBackupNeedsTheWordAndThenOnlyItsSumIsChecked()
        {
            var other = new ConsoleRig(terminalId: "PT000002");
            string[] backup = other.Run("backup");
            var rig = new ConsoleRig(bindings: false);
            rig.Run("restore");
            CollectionAssert.AreEqual(new[]
            {
                "error: restore refused, nothing changed:",
                "  line 1: Header.Terminal: made on PT000002, this is PT000001; only 'restore foreign' takes it",
            }, rig.Paste(backup));

            string[] damaged = (string[])backup.Clone();
            damaged[2] = damaged[2].Replace("6222", "6223");
            rig.Run("restore foreign");
            StringAssert.Contains(string.Join("\n", rig.Paste(damaged)), "End.Sum: does not match the lines before it");

            rig.Run("restore foreign");
            string[] preview = rig.Paste(backup);
            Assert.AreEqual("restore preview (nothing changed yet): backup of PT000002 made unknown, FOREIGN: made on PT000002, this is PT000001; only its Sum was checked", preview[0]);
            Assert.IsTrue(rig.Console.RestoreDialog.PendingPlan.IsForeign, "the command layer sees it");
            Assert.AreEqual("ok: restored", rig.Run("restore confirm").Last());
            Assert.AreEqual(2, rig.Bindings.Count);
            StringAssert.Contains(rig.RunOne("log 1"), "restore ok foreign PT000002");
        }

        [TestMethod]
        public void TheForeignWordNeverSkipsAMacThatCanBeChecked()
        {
            var rig = new ConsoleRig();
            string[] forged = RestoreProbe.Reseal(rig.Run("backup"), d => d.Bindings[0].MerchantNo = "999999999999999");
            rig.Run("restore foreign");
            string output = string.Join("\n", rig.Paste(forged));
            StringAssert.Contains(output, "End.Mac: does not verify on this terminal");
            Assert.IsFalse(output.Contains("End.Sum"), "the Sum was recomputed: only the Mac tells");
            Assert.AreEqual(0, rig.Restores);
        }

        [TestMethod]
        public void ADamagedSecretSignsNothingAndMakesOldBackupsForeignUntilReprovisioned()
        {
            var store = new MemoryRecordStore();
            string[] old = new ConsoleRig(store).Run("backup");
            store.Damaged.Add(RecordKeys.TerminalSecret);
            var rig = new ConsoleRig(store, seed: 2);
            Assert.IsFalse(rig.Secret.IsReady);
            Assert.IsNull(rig.Secret.KeyId);
            Assert.AreEqual("error: the backup secret is damaged, so no backup can be signed. Type new-backup-secret to make a new one (this terminal's earlier backups then restore only with 'restore foreign')",
                rig.RunOne("backup"));
            Assert.IsTrue(rig.Commands.ServiceNeeded, "the LCD says Service needed");
            rig.Run("restore");
            StringAssert.Contains(string.Join("\n", rig.Paste(old)), "line 1: Header.Key: this terminal's backup secret is damaged, so its Mac cannot be checked (new-backup-secret makes a new one; earlier backups stay foreign); only 'restore foreign' takes it");

            string oldKey = RestoreProbe.Parse(old).Header.Key;
            Assert.AreEqual("ok: new backup secret made; earlier backups of this terminal restore only with 'restore foreign'", rig.RunOne("new-backup-secret"));
            Assert.IsTrue(rig.Secret.IsReady);
            Assert.IsFalse(rig.Commands.ServiceNeeded);
            StringAssert.Contains(rig.RunOne("log 1"), "backup-secret-set ok replaced damaged");
            Assert.AreNotEqual(oldKey, rig.Secret.KeyId);
            rig.Run("restore");
            StringAssert.Contains(string.Join("\n", rig.Paste(old)), "line 1: Header.Key: made under an earlier backup secret of this terminal");
            Assert.AreEqual(rig.Secret.KeyId, RestoreProbe.Parse(rig.Run("backup")).Header.Key, "signs again, under the new key");
        }

        [TestMethod]
        public void ANewBackupSecretNeedsTheTechnicianAndTheWordWhileTheSecretIsFine()
        {
            var rig = new ConsoleRig();
            string[] old = rig.Run("backup");
            string key = rig.Secret.KeyId;
            StringAssert.StartsWith(rig.RunOne("new-backup-secret"), "error: the backup secret is fine;");
            Assert.AreEqual("error: usage: new-backup-secret (or new-backup-secret confirm while the secret is fine)", rig.RunOne("new-backup-secret now"));
            Assert.AreEqual(key, rig.Secret.KeyId, "nothing changed");
            rig.Run("logout");
            Assert.AreEqual("error: login first", rig.RunOne("new-backup-secret confirm"));
            Assert.AreEqual(key, rig.Secret.KeyId);
            rig.Run("login " + ConsoleRig.TechnicianCode);
            StringAssert.StartsWith(rig.RunOne("new-backup-secret confirm"), "ok: new backup secret made");
            Assert.AreNotEqual(key, rig.Secret.KeyId);
            StringAssert.Contains(rig.RunOne("log 1"), "backup-secret-set ok replaced");
            rig.Run("restore");
            StringAssert.Contains(string.Join("\n", rig.Paste(old)), "line 1: Header.Key: made under an earlier backup secret of this terminal");
        }

        [TestMethod]
        public void AnUndecodableSecretIsDamagedNotReplaced()
        {
            var store = new MemoryRecordStore();
            new ConsoleRig(store);
            byte[] record = store.Read(RecordKeys.TerminalSecret);
            record[5] ^= 0x10;
            store.Write(RecordKeys.TerminalSecret, record);
            var rig = new ConsoleRig(store);
            Assert.IsFalse(rig.Secret.IsReady, "the key id no longer matches the secret");
            CollectionAssert.AreEqual(record, store.Read(RecordKeys.TerminalSecret), "kept as it is for a technician");
        }

        [TestMethod]
        public void UnknownMembersWrongTypesAndDuplicateKeysAreRefusedWhateverTheAdapter()
        {
            // A lenient reader (as nanoFramework.Json was) would take each of these: the unknown
            // member skipped, the number made a string, the second Kind kept. Restore reads with
            // JsonReader alone, and no board has a JSON adapter any more.
            var rig = new ConsoleRig();
            string[] backup = rig.Run("backup");
            foreach (var (line, expected) in new[]
            {
                (backup[3].Replace("\"SerialNo\":\"8877665544\"", "\"SerialNo\":8877665544"), "line 4: Bindings[2].SerialNo: must be a string"),
                (backup[3].Replace("}}", ",\"Extra\":1}}"), "line 4: Bindings[2].Extra: unknown member"),
                (backup[3].Replace("{\"Kind\":\"device\"", "{\"Kind\":\"device\",\"Kind\":\"device\""), "duplicate member 'Kind'"),
            })
            {
                string[] paste = (string[])backup.Clone();
                paste[3] = line;
                rig.Run("restore");
                StringAssert.Contains(string.Join("\n", rig.Paste(paste)), expected, line);
            }
            Assert.AreEqual(0, rig.Restores);
        }
    }
}

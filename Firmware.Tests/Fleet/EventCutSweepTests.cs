using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Commands;
using PosTerminal.Firmware.Security;
using PosTerminal.Hal;
using PosTerminal.Tools.Fleet;
using PosTerminal.Virtual.Flash;

namespace PosTerminal.Firmware.Tests.Fleet
{
    /// <summary>
    /// Issue 11 item 6, "events survive power cuts": an operation the host must hear of commits
    /// its state, its audit entry and its outbox event as one batch. So a power cut at every
    /// flash operation (before, torn, after) of a console lock, a deregistration, a factory
    /// reset, a restore and a fleet pause, on the real LogStore over the NOR simulation, leaves
    /// after a reboot either the operation not done and no event waiting, or the operation done,
    /// its audit entry written and exactly one event for it waiting, which the link then
    /// delivers once.
    /// </summary>
    [TestClass]
    public sealed class EventCutSweepTests
    {
        private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        private static readonly Binding Card = new Binding(BindingKind.SettlementCard, "6222021234567894", null);
        private static readonly Binding Device = new Binding(BindingKind.Device, "8877665544", null);

        private static SimFlash _start;
        private static string[] _backup;

        /// <summary>A provisioned fleet terminal with a card and a device bound, every event delivered, the link then out of reach.</summary>
        private static SimFlash Start(out string[] backup)
        {
            if (_start == null)
            {
                MemoryLinkBoard board = FleetUnitTests.Provisioned();
                TerminalCommands commands = board.Terminal.Commands;
                commands.OperatorLogin(PasswordPolicy.FactoryPassword);
                Assert.AreEqual(CommandStatus.Done, commands.Bind(Channel.Keypad, Card));
                Assert.AreEqual(CommandStatus.Done, commands.Bind(Channel.Keypad, Device));
                commands.EndOperatorSession();
                _backup = board.ConsoleLine("backup");
                // Changed since the backup, so a restore has something to do.
                commands.OperatorLogin(PasswordPolicy.FactoryPassword);
                Assert.AreEqual(CommandStatus.Done, commands.SetLanguage(Channel.Keypad, Text.Language.English));
                commands.EndOperatorSession();
                board.Poll(10);
                Assert.AreEqual(0, board.Terminal.Fleet.Outbox.Count, "every earlier event delivered");
                _start = board.Flash.Snapshot();
            }
            backup = _backup;
            return _start;
        }

        private sealed class Case
        {
            public string Name;
            public string EventType;
            public Action<MemoryLinkBoard> Arm = b => { };
            public Action<MemoryLinkBoard> Act;
            public Func<Terminal, bool> Happened;
        }

        private static IEnumerable<Case> Cases(string[] backup)
        {
            yield return new Case
            {
                Name = "console lock", EventType = "lock",
                Act = b => b.ConsoleLine("lock stolen"),
                Happened = t => t.Security.Lock.IsLocked,
            };
            yield return new Case
            {
                Name = "deregister", EventType = "binding-deregistered",
                Arm = b => b.Terminal.Commands.OperatorLogin(PasswordPolicy.FactoryPassword),
                Act = b =>
                {
                    TerminalCommands c = b.Terminal.Commands;
                    int slot = Enumerable.Range(0, BindingList.Capacity).First(s => c.Bindings.AtSlot(s) != null && c.Bindings.AtSlot(s).Kind == BindingKind.Device);
                    c.Deregister(Channel.Keypad, slot, Device, PasswordPolicy.FactoryPassword);
                },
                Happened = t => t.Bindings.Count == 1,
            };
            yield return new Case
            {
                Name = "factory reset", EventType = "factory-reset",
                Arm = b => b.ConsoleLine("factory-reset"),
                Act = b => b.ConsoleLine("factory-reset confirm"),
                Happened = t => t.Bindings.Count == 0,
            };
            yield return new Case
            {
                Name = "restore", EventType = "restore",
                Arm = b =>
                {
                    b.ConsoleLine("restore");
                    foreach (string line in backup) b.ConsoleLine(line);
                },
                Act = b => b.ConsoleLine("restore confirm"),
                Happened = t => t.Security.Audit.ReadNewestFirst(8).Any(e => e.Event == Audit.AuditEvent.Restore),
            };
            yield return new Case
            {
                Name = "fleet pause", EventType = "pause",
                Arm = b => { b.Link.Reachable = true; b.Poll(3); },
                Act = b =>
                {
                    b.Link.Arrivals.Enqueue(("pos/UNIT1/cmd", FleetDesk.SignedCommand("UNIT1", Key, "p1", 50, Future, "pause", "")));
                    b.Poll(2);
                },
                Happened = t => t.Lifecycle.IsPaused,
            };
        }

        private static long Future => new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

        /// <summary>Boots a copy of the start image with the broker out of reach, the technician logged in, then arm.</summary>
        private static MemoryLinkBoard Boot(SimFlash start, Case c)
        {
            var board = new MemoryLinkBoard(start.Snapshot(), reachable: false);
            board.Link.AutoAck = false;
            board.ConsoleLine("login " + Tools.Checks.Security.Technician.Code);
            c.Arm(board);
            return board;
        }

        [TestMethod]
        public void EveryOperationAndItsEventLandTogetherUnderEveryPowerCut()
        {
            SimFlash start = Start(out string[] backup);
            var summary = new List<string>();
            foreach (Case c in Cases(backup))
            {
                MemoryLinkBoard probe = Boot(start, c);
                Assert.IsFalse(c.Happened(probe.Terminal), c.Name + ": not done before it runs");
                long before = probe.Flash.Operations;
                c.Act(probe);
                int operations = (int)(probe.Flash.Operations - before);
                Assert.IsTrue(c.Happened(probe.Terminal), c.Name + ": the uncut run does it");
                Assert.IsTrue(operations > 10, c.Name + ": the sweep cuts inside the commit (" + operations + " operations)");
                int done = 0, notDone = 0;
                foreach (CutMode mode in new[] { CutMode.Before, CutMode.Torn, CutMode.After })
                {
                    for (int op = 1; op <= operations; op++)
                    {
                        string where = c.Name + ", " + mode + " cut on operation " + op + " of " + operations;
                        MemoryLinkBoard board = Boot(start, c);
                        board.Flash.ScheduleCut(op, mode);
                        try
                        {
                            c.Act(board);
                        }
                        catch (PowerLossException)
                        {
                        }
                        Assert.IsTrue(board.Flash.PowerCut, where + ": the cut happened");
                        board.Link.Reachable = false;
                        board.PowerOn();
                        bool happened = c.Happened(board.Terminal);
                        int waiting = board.Terminal.Fleet.Outbox.Count;
                        bool audited = board.Terminal.Security.Audit.ReadNewestFirst(4).Any(e => Firmware.Fleet.FleetDocuments.EventType(e.Event) == c.EventType
                            && e.Outcome == Audit.AuditOutcome.Ok && e.BootCount == board.Terminal.Security.Boot.Count - 1);
                        Assert.AreEqual(happened ? 1 : 0, waiting, where + ": " + (happened ? "done" : "not done") + " but " + waiting + " events waiting");
                        Assert.AreEqual(happened, audited, where + ": the audit entry goes with the operation");
                        if (happened) done++;
                        else notDone++;
                        // The link comes up: the one event goes out, once, and leaves the outbox.
                        board.Link.Published.Clear();
                        board.Link.Reachable = true;
                        board.Link.AutoAck = true;
                        board.Poll(8);
                        string[] sent = board.Link.Published.Where(p => p.Topic == "pos/UNIT1/events").Select(p => p.Payload).ToArray();
                        Assert.AreEqual(happened ? 1 : 0, sent.Length, where + ": " + string.Join(" | ", sent));
                        if (happened) StringAssert.Contains(sent[0], "\"type\":\"" + c.EventType + "\"", where);
                        Assert.AreEqual(0, board.Terminal.Fleet.Outbox.Count, where + ": delivered");
                    }
                }
                Assert.IsTrue(done > 0 && notDone > 0, c.Name + ": cuts before and after the commit point (" + done + " done, " + notDone + " not)");
                summary.Add(c.Name + ": " + operations + " flash operations, " + (3 * operations) + " cuts, " + done + " done with one event, " + notDone + " not done with none");
            }
            Console.WriteLine(string.Join("\n", summary));
        }
    }
}

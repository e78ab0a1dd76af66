using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Audit;
using PosTerminal.Firmware.Commands;
using PosTerminal.Firmware.Fleet;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Tests.Fleet
{
    /// <summary>
    /// Issue 11 items 4 and 6, accounted for: every refused command reaches the audit log (on
    /// its own, or in its window's summary, persisted against a power cut), and a long outage
    /// fills the outbox past its bound: the newest 64 are delivered oldest first, each run of
    /// drops is audited once (across a reboot too), and the fleet side sees each event id once.
    /// </summary>
    [TestClass]
    public sealed class FleetAccountingTests
    {
        private static readonly byte[] WrongKey = new byte[32];
        private static long Past => new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

        private static string Raw(MemoryLinkBoard board, string payload)
        {
            int before = board.Link.Published.Count;
            board.Link.Arrivals.Enqueue(("pos/UNIT1/cmd", Encoding.UTF8.GetBytes(payload)));
            board.Poll(2);
            return board.Link.Published.Skip(before).First(p => p.Topic == "pos/UNIT1/ack").Payload;
        }

        private static string[] Refusals(MemoryLinkBoard board)
        {
            board.ConsoleLine("login " + Tools.Checks.Security.Technician.Code);
            return board.Terminal.Security.Audit.ReadNewestFirst(AuditLog.Capacity)
                .Where(e => e.Event == AuditEvent.FleetRefused).Select(e => e.Detail).Reverse().ToArray();
        }

        [TestMethod]
        public void EveryRefusalReachesTheLogOnItsOwnOrInItsWindowsSummaryEvenAcrossAPowerCut()
        {
            MemoryLinkBoard board = FleetUnitTests.Provisioned();
            long seq = 10;
            string Forged() => FleetUnitTests.Command(board, "f" + seq, seq++, "status", key: WrongKey);
            for (int i = 0; i < RefusalLimit.PerWindow; i++) StringAssert.Contains(Forged(), "\"code\":\"forged\"");
            // Past the window's limit: acked, counted, not yet written.
            StringAssert.Contains(FleetUnitTests.Command(board, "x1", seq++, "lock", "x", exp: Past), "\"code\":\"expired\"");
            StringAssert.Contains(FleetUnitTests.Command(board, "x2", seq++, "lock", "x", exp: Past), "\"code\":\"expired\"");
            StringAssert.Contains(Raw(board, "{\"v\":1,\"id\":\"m1\",\"seq\":5,\"seq\":6}"), "\"code\":\"malformed\"");
            StringAssert.Contains(FleetUnitTests.Command(board, "u1", seq++, "reboot"), "\"code\":\"unknown-command\"");
            for (int i = 0; i < 10; i++) StringAssert.Contains(Forged(), "\"code\":\"forged\"");
            CollectionAssert.AreEqual(new[] { "forged", "forged", "forged" }, Refusals(board));

            // The window closes: the agent's poll writes the summary, no further refusal needed.
            board.Clock.AdvanceMicros(RefusalLimit.WindowMs * 1000);
            board.Poll(2);
            CollectionAssert.AreEqual(new[] { "forged", "forged", "forged", "+1 malformed", "+10 forged", "+2 expired", "+1 unknown" }, Refusals(board),
                "every refusal of the window is in the log: 3 + 14");

            // A new window, a flood, and the power goes before the window closes: the counts
            // persisted every RefusalLimit.PersistEvery refusals are summarised after the reboot.
            for (int i = 0; i < RefusalLimit.PerWindow + 20; i++) StringAssert.Contains(Forged(), "\"code\":\"forged\"");
            board.PowerOn();
            board.Poll(2);
            string[] after = Refusals(board);
            Assert.AreEqual(7 + RefusalLimit.PerWindow + 1, after.Length, string.Join(", ", after));
            Assert.AreEqual("+16 forged", after[after.Length - 1], "20 counted, 16 persisted: at most PersistEvery - 1 unaccounted after a cut");
            Assert.IsNull(board.Terminal.Store.Read(Storage.RecordKeys.FleetRefusals), "summarised: nothing pending");
            board.PowerOn();
            board.Poll(2);
            Assert.AreEqual(after.Length, Refusals(board).Length, "a summary is never written twice");
        }

        private static int Overflows(MemoryLinkBoard board)
        {
            return board.Terminal.Security.Audit.ReadNewestFirst(AuditLog.Capacity).Count(e => e.Event == AuditEvent.OutboxOverflow);
        }

        private static void NameEvents(MemoryLinkBoard board, int count, int rebootAfter, ref int name)
        {
            for (int i = 0; i < count; i++)
            {
                if (i == rebootAfter) board.PowerOn();
                Assert.AreEqual(CommandStatus.Done, board.Terminal.Commands.SetMerchantName(Channel.Fleet, "Shop " + name++, out _));
            }
        }

        [TestMethod]
        public void ALongOutageKeepsTheNewest64DeliversThemOldestFirstAndAuditsEachRunOfDropsOnce()
        {
            MemoryLinkBoard board = FleetUnitTests.Provisioned();
            board.Poll(5);
            Assert.AreEqual(0, board.Terminal.Fleet.Outbox.Count);
            board.Link.Reachable = false;
            board.Link.Disconnect();
            board.Poll(2);
            uint first = board.Terminal.Fleet.Outbox.NextNumber;
            int name = 0;
            // More events than fit, with a reboot in the middle of the run of drops.
            NameEvents(board, Outbox.Capacity + 6, Outbox.Capacity + 3, ref name);
            Assert.AreEqual(Outbox.Capacity, board.Terminal.Fleet.Outbox.Count);
            Assert.AreEqual(6u, board.Terminal.Fleet.Outbox.Dropped);
            Assert.AreEqual(1, Overflows(board), "one run of drops, one outbox-overflow entry, a reboot inside it included");

            // Back online. The first delivery's PUBACK is lost to a power cut: sent again after the reboot.
            board.Link.AutoAck = false;
            board.Link.Reachable = true;
            board.Poll(3);
            Assert.AreEqual(1, board.Link.Published.Count(p => p.Topic == "pos/UNIT1/events"));
            board.Link.AutoAck = true;
            board.PowerOn();
            board.Poll(4 * Outbox.Capacity);
            Assert.AreEqual(0, board.Terminal.Fleet.Outbox.Count);
            var sent = board.Link.Published.Where(p => p.Topic == "pos/UNIT1/events").Select(p => JsonDocument.Parse(p.Payload).RootElement).ToList();
            Assert.AreEqual(Outbox.Capacity + 1, sent.Count, "the newest 64, the first one twice (at least once)");
            var distinct = sent.GroupBy(e => e.GetProperty("id").GetString()).Select(g => g.First()).ToList();
            Assert.AreEqual(Outbox.Capacity, distinct.Count, "the fleet side counts each id once");
            uint[] numbers = distinct.Select(e => e.GetProperty("n").GetUInt32()).ToArray();
            CollectionAssert.AreEqual(Enumerable.Range((int)first + 6, Outbox.Capacity).Select(n => (uint)n).ToArray(), numbers, "oldest first, the 6 oldest dropped");
            Assert.IsTrue(distinct.All(e => e.GetProperty("type").GetString() == "merchant-name-set"));
            Assert.AreEqual(6, distinct.Last().GetProperty("dropped").GetInt32(), "the total of drops travels with the events, the one that dropped the sixth included");

            // A second outage: a new run of drops, audited once more.
            board.Link.Reachable = false;
            board.Link.Disconnect();
            board.Poll(2);
            NameEvents(board, Outbox.Capacity + 2, -1, ref name);
            Assert.AreEqual(8u, board.Terminal.Fleet.Outbox.Dropped);
            Assert.AreEqual(2, Overflows(board));
        }
    }
}

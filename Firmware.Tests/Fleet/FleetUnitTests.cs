using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Audit;
using PosTerminal.Firmware.Fleet;
using PosTerminal.Firmware.Lifecycle;
using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Storage;
using PosTerminal.Firmware.Tests.Support;
using PosTerminal.Hal;
using PosTerminal.Tools.Fleet;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Flash;

namespace PosTerminal.Firmware.Tests.Fleet
{
    /// <summary>An in-memory IMessageLink: what the firmware publishes, and what the test makes arrive.</summary>
    internal sealed class MemoryLink : IMessageLink
    {
        public readonly Queue<(string, byte[])> Arrivals = new Queue<(string, byte[])>();
        public readonly List<(string Topic, string Payload, bool Retain, int Token)> Published = new List<(string, string, bool, int)>();
        public readonly Queue<int> Acks = new Queue<int>();
        public bool AutoAck = true;
        private int _tokens;

        public LinkState State { get; set; }
        public string LastError => "";
        public LinkActivity Activity { get; set; }
        public string Will;

        /// <summary>False: the broker is out of reach; connect attempts fail (the link stays offline).</summary>
        public bool Reachable = true;

        public void BeginConnect(string willTopic, byte[] willPayload)
        {
            Will = Encoding.UTF8.GetString(willPayload);
            State = Reachable ? LinkState.Online : LinkState.Offline;
        }

        public void Disconnect() { State = LinkState.Offline; }

        public bool Subscribe(string topicFilter) => State == LinkState.Online;

        public int Publish(string topic, byte[] payload, bool retain)
        {
            if (State != LinkState.Online) return 0;
            int token = ++_tokens;
            Published.Add((topic, Encoding.UTF8.GetString(payload), retain, token));
            if (AutoAck) Acks.Enqueue(token);
            return token;
        }

        public bool TryTakeMessage(out string topic, out byte[] payload)
        {
            if (Arrivals.Count > 0)
            {
                (topic, payload) = Arrivals.Dequeue();
                return true;
            }
            topic = null;
            payload = null;
            return false;
        }

        public bool TryTakeAck(out int token)
        {
            if (Acks.Count > 0) { token = Acks.Dequeue(); return true; }
            token = 0;
            return false;
        }
    }

    /// <summary>A board whose fleet link is a MemoryLink (no broker): the firmware's remote logic alone.</summary>
    internal sealed class MemoryLinkBoard : SimBoardWithLink
    {
        public MemoryLinkBoard(SimFlash flash, bool reachable = true) : base(flash, reachable) { }
    }

    internal class SimBoardWithLink
    {
        public SimBoardWithLink(SimFlash flash, bool reachable = true)
        {
            Flash = flash;
            Link.Reachable = reachable;
            Clock = new VirtualClock();
            Clock.SetWallClock(new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc));
            PowerOn();
        }

        public SimFlash Flash { get; }
        public VirtualClock Clock { get; }
        public MemoryLink Link { get; } = new MemoryLink();
        public SimConsolePortAlias Console { get; } = new SimConsolePortAlias();
        public Terminal Terminal { get; private set; }

        public void PowerOn()
        {
            Flash.PowerUp();
            Link.State = LinkState.Offline;
            Terminal = new Terminal(new TerminalHardware
            {
                Keypad = new Virtual.Parts.EventKeypad(Clock),
                Display = new Virtual.Parts.LineDisplay(),
                Clock = Clock,
                Flash = Flash,
                Crypto = new SimCrypto(),
                TerminalId = "UNIT1",
                Console = Console.Port,
                Link = Link,
            });
            Terminal.Boot();
            Poll(3);
        }

        public void Poll(int passes = 1)
        {
            for (int i = 0; i < passes; i++)
            {
                Clock.AdvanceMicros(5000);
                Terminal.Poll();
            }
        }

        public string[] ConsoleLine(string line)
        {
            Console.Port.Send(line);
            Poll(2);
            return Console.Port.TakeOutput();
        }
    }

    internal sealed class SimConsolePortAlias
    {
        public Virtual.Parts.SimConsolePort Port { get; } = new Virtual.Parts.SimConsolePort();
    }

    [TestClass]
    public sealed class FleetUnitTests
    {
        private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        private static readonly string KeyHex = Convert.ToHexString(Key).ToLowerInvariant();
        private static long Future => new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

        internal static MemoryLinkBoard Provisioned()
        {
            var board = new MemoryLinkBoard(new SimFlash());
            Assert.AreEqual("ok: technician code set", board.ConsoleLine("set-technician-code " + Tools.Checks.Security.Technician.Code).Single());
            StringAssert.StartsWith(board.ConsoleLine("login " + Tools.Checks.Security.Technician.Code).Single(), "ok: logged in");
            Assert.AreEqual("ok: unlock code set", board.ConsoleLine("set-unlock-code 80417263").Single());
            Assert.AreEqual("ok: fleet key set; the command sequence starts again", board.ConsoleLine("set-fleet-key " + KeyHex).Single());
            return board;
        }

        internal static string Command(MemoryLinkBoard board, string id, long seq, string op, string arg = "", long? exp = null, byte[] key = null)
        {
            int before = board.Link.Published.Count;
            board.Link.Arrivals.Enqueue(("pos/UNIT1/cmd", FleetDesk.SignedCommand("UNIT1", key ?? Key, id, seq, exp ?? Future, op, arg)));
            board.Poll(2);
            return board.Link.Published.Skip(before).First(p => p.Topic == "pos/UNIT1/ack").Payload;
        }

        [TestMethod]
        public void TheCanonicalFormIsExactlyTheDocumentedOne()
        {
            byte[] canonical = FleetCommand.Canonical("PT000001", "c-1", 42, 1795000000, "lock", "reported stolen");
            Assert.AreEqual("pos-cmd/1\nPT000001\nc-1\n42\n1795000000\nlock\nreported stolen", Encoding.UTF8.GetString(canonical));
            // The MAC the docs show for key 01..20 (docs/fleet.md), computed by .NET's HMAC.
            string mac = Convert.ToHexString(System.Security.Cryptography.HMACSHA256.HashData(Key, canonical)).ToLowerInvariant();
            StringAssert.Contains(Encoding.UTF8.GetString(FleetDesk.SignedCommand("PT000001", Key, "c-1", 42, 1795000000, "lock", "reported stolen")), mac);
        }

        [TestMethod]
        public void StrictParsingRefusesWhatALenientReaderWouldGuess()
        {
            string[] bad =
            {
                "{\"v\":1,\"id\":\"a\",\"seq\":1,\"exp\":2,\"op\":\"status\",\"mac\":\"" + new string('0', 64) + "\",\"x\":1}",
                "{\"v\":1,\"id\":\"a\",\"seq\":1.5,\"exp\":2,\"op\":\"status\",\"mac\":\"" + new string('0', 64) + "\"}",
                "{\"v\":1,\"id\":\"a\",\"seq\":0,\"exp\":2,\"op\":\"status\",\"mac\":\"" + new string('0', 64) + "\"}",
                "{\"v\":2,\"id\":\"a\",\"seq\":1,\"exp\":2,\"op\":\"status\",\"mac\":\"" + new string('0', 64) + "\"}",
                "{\"v\":1,\"id\":\"a b\",\"seq\":1,\"exp\":2,\"op\":\"status\",\"mac\":\"" + new string('0', 64) + "\"}",
                "{\"v\":1,\"id\":\"a\",\"seq\":1,\"exp\":2,\"op\":\"status\",\"mac\":\"00\"}",
                "{\"v\":1,\"id\":\"a\",\"seq\":1,\"exp\":2,\"op\":\"status\",\"arg\":\"a\\nb\",\"mac\":\"" + new string('0', 64) + "\"}",
            };
            foreach (string doc in bad)
            {
                Assert.IsNull(FleetCommand.Parse(Encoding.UTF8.GetBytes(doc), out _, out string problem), doc);
                Assert.IsNotNull(problem);
            }
            Assert.IsNull(FleetCommand.Parse(new byte[] { 0xC0, 0x80 }, out _, out string overlong));
            StringAssert.Contains(overlong, "UTF-8");
        }

        [TestMethod]
        public void TheSequenceIsCommittedBeforeTheCommandActsAndSurvivesAReboot()
        {
            var board = Provisioned();
            StringAssert.Contains(Command(board, "c1", 500, "lock", "stolen"), "\"code\":\"done\"");
            Assert.IsTrue(board.Terminal.Security.Lock.IsLocked);
            board.PowerOn();
            Assert.AreEqual(500, board.Terminal.Fleet.Guard.HighestSequence);
            StringAssert.Contains(Command(board, "c1", 500, "unlock"), "\"code\":\"replayed\"");
            StringAssert.Contains(Command(board, "c2", 499, "unlock"), "\"code\":\"replayed\"");
            Assert.IsTrue(board.Terminal.Security.Lock.IsLocked);
            StringAssert.Contains(Command(board, "c3", 501, "unlock"), "\"code\":\"done\"");

            // A cut on the very first flash write after the command arrived (the sequence commit):
            // nothing ran, and the command can never run later.
            board.Flash.ScheduleCut(1);
            board.Link.Arrivals.Enqueue(("pos/UNIT1/cmd", FleetDesk.SignedCommand("UNIT1", Key, "c4", 600, Future, "pause", "")));
            try { board.Poll(2); } catch (PosTerminal.Virtual.Flash.PowerCutException) { }
            board.PowerOn();
            Assert.IsFalse(board.Terminal.Lifecycle.IsPaused);
            Assert.IsTrue(board.Terminal.Fleet.Guard.HighestSequence == 501 || board.Terminal.Fleet.Guard.HighestSequence == 600);
        }

        [TestMethod]
        public void WithoutAWallClockEveryCommandIsRefused()
        {
            var board = Provisioned();
            board.Clock.PowerOn();   // uptime restarts and the wall clock is unknown (no SNTP here)
            board.PowerOn();
            Assert.IsFalse(board.Clock.WallClockKnown);
            StringAssert.Contains(Command(board, "c1", 700, "lock", "x"), "\"code\":\"no-clock\"");
            Assert.IsFalse(board.Terminal.Security.Lock.IsLocked);
        }

        [TestMethod]
        public void SetFleetKeyNeverShowsAKeyAndChangingItNeedsTheCurrentOne()
        {
            var board = Provisioned();
            string other = new string('a', 64);
            string[] all = board.ConsoleLine("set-fleet-key " + other)
                .Concat(board.ConsoleLine("set-fleet-key " + new string('b', 64) + " " + other))
                .Concat(board.ConsoleLine("set-fleet-key zz"))
                .Concat(board.ConsoleLine("status"))
                .Concat(board.ConsoleLine("log")).ToArray();
            StringAssert.Contains(all[0], "already set");
            StringAssert.Contains(all[1], "wrong current fleet key");
            foreach (string line in all)
            {
                Assert.IsFalse(line.Contains(KeyHex) || line.Contains(other) || line.Contains("bbbb"), line);
            }
            Assert.IsTrue(all.Any(l => l.StartsWith("fleet key: set")));
            Assert.AreEqual("ok: fleet key set; the command sequence starts again", board.ConsoleLine("set-fleet-key " + KeyHex + " " + other).Single());
            // Commands MACed with the old key no longer verify.
            StringAssert.Contains(Command(board, "c1", 1, "status"), "\"code\":\"forged\"");
            board.ConsoleLine("lock test");
            StringAssert.Contains(board.ConsoleLine("set-fleet-key " + other + " " + KeyHex).Single(), "terminal locked");
        }

        [TestMethod]
        public void TheOutboxKeepsTheNewest64AndSaysWhatItDropped()
        {
            var store = new MemoryRecordStore();
            var crypto = new SimCrypto();
            var outbox = new Outbox(store, crypto);
            for (int i = 1; i <= Outbox.Capacity + 3; i++)
            {
                bool dropped = outbox.Append(Encoding.UTF8.GetBytes("e" + i));
                Assert.AreEqual(i > Outbox.Capacity, dropped);
            }
            Assert.AreEqual(Outbox.Capacity, outbox.Count);
            Assert.AreEqual(3u, outbox.Dropped);
            var reopened = new Outbox(store, crypto);
            Assert.AreEqual(outbox.Epoch, reopened.Epoch);
            Assert.AreEqual(Outbox.Capacity, reopened.Count);
            byte[] first = reopened.PeekOldest(out uint n);
            Assert.AreEqual(4u, n);
            Assert.AreEqual("e4", Encoding.UTF8.GetString(first));
            reopened.Delivered(n);
            Assert.AreEqual("e5", Encoding.UTF8.GetString(new Outbox(store, crypto).PeekOldest(out _)));
        }

        [TestMethod]
        public void EventsLeaveOnlyAfterThePubackOldestFirstAndTheWillFollowsTheState()
        {
            var board = Provisioned();
            board.Link.AutoAck = false;
            board.ConsoleLine("lock a");
            board.ConsoleLine("unlock 80417263");
            board.Poll(3);
            var events = board.Link.Published.Where(p => p.Topic == "pos/UNIT1/events").ToList();
            Assert.AreEqual(1, events.Count, "one event in flight at a time");
            StringAssert.Contains(events[0].Payload, "\"type\":\"lock\"");
            Assert.AreEqual(2, board.Terminal.Fleet.Outbox.Count);
            board.Link.Acks.Enqueue(events[0].Token);
            board.Poll(2);
            events = board.Link.Published.Where(p => p.Topic == "pos/UNIT1/events").ToList();
            Assert.AreEqual(2, events.Count);
            StringAssert.Contains(events[1].Payload, "\"type\":\"unlock\"");
            Assert.AreEqual(1, board.Terminal.Fleet.Outbox.Count);

            board.Link.AutoAck = true;
            foreach (var p in board.Link.Published.ToList()) board.Link.Acks.Enqueue(p.Token);
            StringAssert.Contains(Command(board, "c1", 1, "pause"), "\"code\":\"done\"");
            board.Poll(5);
            // The state changed (paused): the agent reconnected with a will that says so.
            StringAssert.Contains(board.Link.Will, "\"online\":false");
            StringAssert.Contains(board.Link.Will, "\"state\":\"paused\"");
            Assert.AreEqual(0, board.Terminal.Fleet.Outbox.Count);
        }

        [TestMethod]
        public void AnUnreadableLifecycleRecordCountsAsPausedByTheFleet()
        {
            var store = new MemoryRecordStore();
            store.Write(RecordKeys.Lifecycle, new byte[] { 9, 9 });
            var clock = new VirtualClock();
            var lifecycle = new TerminalLifecycle(store, new TerminalLock(store, clock, new SimCrypto(), 1));
            Assert.IsTrue(lifecycle.IsPaused);
            Assert.IsTrue(lifecycle.Damaged);
            Assert.AreEqual(PauseSource.Fleet, lifecycle.PausedBy);
            // A fleet hold: the operator cannot lift it; the fleet's reactivate releases it, and the
            // operator's (after the password, checked by the command layer) then reactivates.
            var batch = new RecordBatch();
            LifecycleResult Commit(LifecycleResult result)
            {
                if (result == LifecycleResult.Done) { store.Commit(batch); lifecycle.Committed(); }
                batch.Clear();
                return result;
            }
            Assert.AreEqual(LifecycleResult.FleetHold, Commit(lifecycle.StageReactivate(batch)));
            Assert.AreEqual(LifecycleResult.Done, Commit(lifecycle.StageReleaseFleetHold(batch)));
            Assert.IsTrue(lifecycle.IsPaused, "still paused: the operator's password finishes it");
            Assert.AreEqual(LifecycleResult.Done, Commit(lifecycle.StageReactivate(batch)));
            Assert.IsFalse(lifecycle.IsPaused);
            Assert.IsNull(new TerminalLifecycle(store, new TerminalLock(store, clock, new SimCrypto(), 1)).IsPaused ? "paused" : null);
        }

        [TestMethod]
        public void MerchantNameIsStoredShownOnIdleAndMustFitTheLcd()
        {
            var board = Provisioned();
            StringAssert.Contains(Command(board, "c1", 1, "set-merchant-name", "终端 Wang 1"), "\"code\":\"done\"");
            board.Poll(2);
            board.PowerOn();
            Assert.AreEqual("终端 Wang 1", board.Terminal.Merchant.Name);
            board.Poll(2);
            Assert.AreEqual("终端 Wang 1", ((Virtual.Parts.LineDisplay)board.Terminal.Hardware.Display).Lines()[0].TrimEnd());
            StringAssert.Contains(Command(board, "c2", 2, "set-merchant-name", "a name far too long for it"), "\"code\":\"refused\"");
            StringAssert.Contains(Command(board, "c3", 3, "set-merchant-name", "老王"), "cannot draw");
            Assert.AreEqual("终端 Wang 1", board.Terminal.Merchant.Name);
        }

        [TestMethod]
        public void AnIdleFleetPassAllocatesNothing()
        {
            var board = Provisioned();
            board.Poll(20);
            FleetAgent agent = board.Terminal.Fleet;
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++) agent.Poll();
            Assert.AreEqual(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        [TestMethod]
        public void Utf8RoundTripsAndRefusesMalformedBytes()
        {
            foreach (string text in new[] { "", "abc", "已暂停", "😀 x", "é" })
            {
                CollectionAssert.AreEqual(Encoding.UTF8.GetBytes(text), Utf8.Encode(text));
                Assert.AreEqual(text, Utf8.Decode(Encoding.UTF8.GetBytes(text)));
            }
            foreach (byte[] bad in new[] { new byte[] { 0xE0, 0x80, 0x80 }, new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0xE4, 0xB8 }, new byte[] { 0xFF } })
            {
                Assert.IsNull(Utf8.Decode(bad));
            }
        }
    }
}

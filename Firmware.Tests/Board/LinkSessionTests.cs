using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Hal;
using PosTerminal.Hal.Net;

namespace PosTerminal.Firmware.Tests.Board
{
    /// <summary>
    /// Hal/Net/LinkSession, the ESP32 MQTT adapter's bookkeeping: a client closing while its
    /// Connect returns, events of dropped clients, and every dropped client handed back for
    /// disposal exactly once.
    /// </summary>
    [TestClass]
    public sealed class LinkSessionTests
    {
        private sealed class Client
        {
            public readonly string Name;
            public Client(string name) { Name = name; }
            public override string ToString() { return Name; }
        }

        private static LinkSession Online(Client client)
        {
            var session = new LinkSession();
            Assert.IsTrue(session.Begin());
            session.Attempting(client);
            Assert.IsNull(session.Finish(client, null, true));
            Assert.AreEqual(LinkState.Online, session.State);
            return session;
        }

        [TestMethod]
        public void OneAttemptAtATime()
        {
            var session = new LinkSession();
            Assert.AreEqual(LinkState.Offline, session.State);
            Assert.IsTrue(session.Begin());
            Assert.AreEqual(LinkState.Connecting, session.State);
            Assert.IsFalse(session.Begin(), "an attempt is under way");
            var a = new Client("a");
            session.Attempting(a);
            Assert.IsNull(session.Finish(a, null, true));
            Assert.IsFalse(session.Begin(), "online");
            Assert.AreSame(a, session.Live());
            Assert.AreEqual("", session.LastError);
        }

        [TestMethod]
        public void AClientThatClosedBeforeConnectReturnedNeverGoesOnline()
        {
            var session = new LinkSession();
            session.Begin();
            var a = new Client("a");
            session.Attempting(a);
            Assert.IsFalse(session.Closed(a), "not live yet: recorded, no state change");
            // Connect returned Success and IsConnected was read as true (M2Mqtt 5.1.218 sets it
            // after starting its threads, so it can say true after a drop): still refused.
            Assert.AreSame(a, session.Finish(a, null, true), "the caller disposes it now");
            Assert.AreEqual(LinkState.Offline, session.State);
            Assert.AreEqual("connection closed while connecting", session.LastError);
            Assert.IsNull(session.Live());
            Assert.IsFalse(session.Accepts(a));
            Assert.AreEqual(0, session.RetiredCount, "disposed by the attempt, not retired");
            Assert.IsTrue(session.Begin(), "the next attempt may start");
        }

        [TestMethod]
        public void AClientThatSaysItIsNotConnectedNeverGoesOnline()
        {
            var session = new LinkSession();
            session.Begin();
            var a = new Client("a");
            session.Attempting(a);
            Assert.AreSame(a, session.Finish(a, null, false));
            Assert.AreEqual(LinkState.Offline, session.State);
            Assert.AreEqual("connection closed while connecting", session.LastError);
        }

        [TestMethod]
        public void AFailedAttemptHandsItsClientBackAndKeepsTheReason()
        {
            var session = new LinkSession();
            session.Begin();
            var a = new Client("a");
            session.Attempting(a);
            Assert.AreSame(a, session.Finish(a, "broker refused: 5", true));
            Assert.AreEqual("broker refused: 5", session.LastError);
            Assert.AreEqual(LinkState.Offline, session.State);
            session.Begin();
            Assert.IsNull(session.Finish(null, "wifi: join failed (status 2)", false), "no client was built");
            Assert.AreEqual("wifi: join failed (status 2)", session.LastError);
            Assert.AreEqual(LinkState.Offline, session.State);
        }

        [TestMethod]
        public void AnEarlyCloseOfAnOlderAttemptDoesNotSpoilTheNext()
        {
            var session = new LinkSession();
            session.Begin();
            var a = new Client("a");
            session.Attempting(a);
            session.Finish(a, "broker: timeout", true);
            session.Begin();
            var b = new Client("b");
            session.Attempting(b);
            Assert.IsFalse(session.Closed(a), "a's late Closed");
            Assert.IsNull(session.Finish(b, null, true));
            Assert.AreSame(b, session.Live());
        }

        [TestMethod]
        public void ADropRetiresTheClientOnceAndRefusesItsLaterEvents()
        {
            var a = new Client("a");
            LinkSession session = Online(a);
            Assert.IsTrue(session.Accepts(a));
            Assert.IsTrue(session.Closed(a), "Offline: wake the main loop");
            Assert.AreEqual(LinkState.Offline, session.State);
            Assert.AreEqual("connection closed", session.LastError);
            Assert.IsNull(session.Live());
            Assert.IsFalse(session.Accepts(a), "a late PUBACK of a is not one of the next client's ids");
            Assert.IsFalse(session.Closed(a), "a second Closed changes nothing");
            Assert.AreEqual(1, session.RetiredCount);

            session.Begin();
            Assert.AreSame(a, session.TakeRetired(), "the next attempt disposes it");
            Assert.IsNull(session.TakeRetired());
            var b = new Client("b");
            session.Attempting(b);
            Assert.IsTrue(session.Accepts(b), "arrivals right after CONNACK, before Finish");
            Assert.IsFalse(session.Accepts(a));
            session.Finish(b, null, true);
            Assert.IsTrue(session.Accepts(b));
            Assert.IsFalse(session.Accepts(null));
        }

        [TestMethod]
        public void ADisconnectGivesTheClientForItsGoodbyeAndRetiresIt()
        {
            var a = new Client("a");
            LinkSession session = Online(a);
            Assert.AreSame(a, session.Drop());
            Assert.AreEqual(LinkState.Offline, session.State);
            Assert.AreEqual("", session.LastError, "a planned goodbye is no error");
            Assert.IsFalse(session.Closed(a), "the client closing itself after DISCONNECT");
            Assert.IsNull(session.Drop(), "nothing live any more");
            Assert.AreSame(a, session.TakeRetired());
            Assert.IsNull(session.TakeRetired());
        }

        [TestMethod]
        public void ADisconnectDuringAnAttemptLeavesTheAttemptToDecide()
        {
            var session = new LinkSession();
            session.Begin();
            var a = new Client("a");
            session.Attempting(a);
            Assert.IsNull(session.Drop());
            Assert.AreEqual(LinkState.Connecting, session.State);
            Assert.IsNull(session.Finish(a, null, true));
            Assert.AreEqual(LinkState.Online, session.State);
        }

        [TestMethod]
        public void EveryDroppedClientIsHandedBackOldestFirst()
        {
            var session = new LinkSession();
            var clients = new Client[5];
            for (int i = 0; i < clients.Length; i++)
            {
                clients[i] = new Client("c" + i);
                session.Begin();
                session.Attempting(clients[i]);
                session.Finish(clients[i], null, true);
                if (i % 2 == 0) session.Closed(clients[i]);
                else session.Drop();
            }
            Assert.AreEqual(5, session.RetiredCount);
            for (int i = 0; i < clients.Length; i++) Assert.AreSame(clients[i], session.TakeRetired());
            Assert.IsNull(session.TakeRetired());
        }

        /// <summary>
        /// Closed on the client's own thread racing the attempt's Finish: whichever comes first,
        /// the link ends Offline and the client comes back exactly once (disposed by the attempt,
        /// or retired for the next one), never Online with a dead client.
        /// </summary>
        [TestMethod]
        public void ACloseRacingFinishAlwaysEndsOfflineWithTheClientHandedBackOnce()
        {
            int early = 0, late = 0;
            for (int round = 0; round < 2000; round++)
            {
                var session = new LinkSession();
                session.Begin();
                var client = new Client("c" + round);
                session.Attempting(client);
                using var start = new ManualResetEventSlim(false);
                bool wentOffline = false;
                var closer = new Thread(() => { start.Wait(); if (round % 3 != 0) Thread.SpinWait(round % 200); wentOffline = session.Closed(client); });
                closer.Start();
                start.Set();
                if (round % 3 == 0) Thread.SpinWait(round % 200);
                object disposeNow = session.Finish(client, null, true);
                closer.Join();
                Assert.AreEqual(LinkState.Offline, session.State, "round " + round);
                Assert.IsNull(session.Live());
                object retired = session.TakeRetired();
                Assert.IsTrue((disposeNow == client) != (retired == client), "round " + round + ": handed back exactly once");
                Assert.AreEqual(retired == client, wentOffline, "only a close of the live client wakes the loop");
                if (disposeNow != null) early++; else late++;
            }
            Assert.AreEqual(2000, early + late);
        }
    }
}

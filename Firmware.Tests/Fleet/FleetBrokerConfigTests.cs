using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using PosTerminal.Tools.Checks.Fleet;
using PosTerminal.Tools.Fleet;

namespace PosTerminal.Firmware.Tests.Fleet
{
    /// <summary>
    /// The broker configuration of docs/fleet.md as an attacker with one terminal's broker
    /// password tries it: another terminal's client id (its persistent session, its queued
    /// commands), and the desk's listener.
    /// </summary>
    [TestClass]
    public sealed class FleetBrokerConfigTests
    {
        private static MosquittoBroker _broker;

        [ClassInitialize]
        public static void StartBroker(TestContext context)
        {
            _broker = MosquittoBroker.Start(new[] { "OWNER1", "OWNER2", "THIEF1" });
        }

        [ClassCleanup]
        public static void StopBroker()
        {
            _broker?.Dispose();
        }

        [TestMethod]
        public void AnotherTerminalsClientIdDoesNotDisconnectTheTerminal()
        {
            using var rig = new FleetRig(_broker, "OWNER1");
            int connections = rig.Terminal.Fleet.Connections;
            // THIEF1 logs in with OWNER1's client id, again and again: the terminal stays connected.
            for (int attempt = 0; attempt < 3; attempt++)
            {
                using IMqttClient thief = Thief("OWNER1");
                rig.Board.RunUntil(() => !rig.Terminal.Fleet.Online, TimeSpan.FromSeconds(0.7));
                Assert.IsTrue(rig.Terminal.Fleet.Online, "the terminal was kicked offline: " + rig.Board.FleetLink.LastError);
                thief.DisconnectAsync(new MqttClientDisconnectOptions()).GetAwaiter().GetResult();
            }
            Assert.AreEqual(connections, rig.Terminal.Fleet.Connections, "the terminal had to reconnect");
            var (code, output) = rig.Desk(d => d.CommandAsync("OWNER1", "status", ""));
            Assert.AreEqual(FleetDesk.Ok, code, output);
        }

        [TestMethod]
        public void AnotherTerminalsClientIdDoesNotTakeTheCommandsQueuedForTheTerminal()
        {
            using var rig = new FleetRig(_broker, "OWNER2");
            var acks = new ConcurrentQueue<string>();
            using IMqttClient desk = FleetRig.Connect(_broker, MosquittoBroker.FleetUser, "takeover-desk");
            desk.ApplicationMessageReceivedAsync += e =>
            {
                acks.Enqueue(Encoding.UTF8.GetString(e.ApplicationMessage.Payload.ToArray()));
                return System.Threading.Tasks.Task.CompletedTask;
            };
            desk.SubscribeAsync("pos/OWNER2/ack", MqttQualityOfServiceLevel.AtLeastOnce).GetAwaiter().GetResult();

            // Offline: a command waits in OWNER2's persistent session; THIEF1 logs in with that client id.
            rig.Board.NetDown();
            long exp = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();
            long seq = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            FleetRig.Publish(desk, "pos/OWNER2/cmd", FleetDesk.SignedCommand("OWNER2", rig.Key, "queued-1", seq, exp, "lock", "stolen"));
            using (IMqttClient thief = Thief("OWNER2"))
            {
                System.Threading.Thread.Sleep(500);
                thief.DisconnectAsync(new MqttClientDisconnectOptions()).GetAwaiter().GetResult();
            }
            rig.Board.NetUp();
            Assert.IsTrue(rig.Board.RunUntil(() => acks.Any(a => a.Contains("\"id\":\"queued-1\"")), FleetRig.Patience),
                "the queued command never reached the terminal");
            StringAssert.Contains(acks.First(a => a.Contains("\"id\":\"queued-1\"")), "\"code\":\"done\"");
            Assert.AreEqual("locked", rig.Board.ScreenId);
        }

        [TestMethod]
        public void ATerminalsPasswordDoesNotOpenTheDesksListenerNorTheFleetUsersTheTerminals()
        {
            // On the desk's listener a client picks its id (the desk's fleet-events-ID sessions): no terminal may log in there.
            Assert.IsFalse(LogsIn(_broker.DeskPort, "THIEF1", _broker.Password("THIEF1"), "fleet-events-OWNER1"));
            Assert.IsFalse(LogsIn(_broker.Port, MosquittoBroker.FleetUser, _broker.Password(MosquittoBroker.FleetUser), "fleet-x"));
            // Positive controls: each user on its own listener.
            Assert.IsTrue(LogsIn(_broker.DeskPort, MosquittoBroker.FleetUser, _broker.Password(MosquittoBroker.FleetUser), "fleet-x"));
            Assert.IsTrue(LogsIn(_broker.Port, "THIEF1", _broker.Password("THIEF1"), "THIEF1"));
        }

        /// <summary>True when the broker accepts the login (MQTTnet throws on a refused CONNACK).</summary>
        private static bool LogsIn(int port, string user, string password, string clientId)
        {
            using IMqttClient client = new MqttClientFactory().CreateMqttClient();
            try
            {
                MqttClientConnectResult result = client.ConnectAsync(new MqttClientOptionsBuilder()
                    .WithTcpServer(_broker.Host, port)
                    .WithProtocolVersion(MqttProtocolVersion.V311)
                    .WithClientId(clientId)
                    .WithCredentials(user, password)
                    .WithCleanSession(true)
                    .Build()).GetAwaiter().GetResult();
                if (result.ResultCode != MqttClientConnectResultCode.Success) return false;
                client.DisconnectAsync(new MqttClientDisconnectOptions()).GetAwaiter().GetResult();
                return true;
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException)
            {
                return false;
            }
        }

        /// <summary>THIEF1's own broker password, OWNER1's client id, a persistent session as a terminal's.</summary>
        private static IMqttClient Thief(string clientId)
        {
            IMqttClient client = new MqttClientFactory().CreateMqttClient();
            MqttClientConnectResult result = client.ConnectAsync(new MqttClientOptionsBuilder()
                .WithTcpServer(_broker.Host, _broker.Port)
                .WithProtocolVersion(MqttProtocolVersion.V311)
                .WithClientId(clientId)
                .WithCredentials("THIEF1", _broker.Password("THIEF1"))
                .WithCleanSession(false)
                .Build()).GetAwaiter().GetResult();
            Assert.AreEqual(MqttClientConnectResultCode.Success, result.ResultCode, "the thief's own login is valid");
            return client;
        }
    }
}

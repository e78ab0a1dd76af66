using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using PosTerminal.Tools.Checks.Fleet;
using PosTerminal.Tools.Fleet;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Flash;

namespace PosTerminal.Firmware.Tests.Fleet
{
    /// <summary>
    /// A simulated terminal in a fleet on a real Mosquitto: provisioned on its console (the
    /// technician code and login, the unlock code, the fleet key), online, plus the desk (the fleet tool's verbs, in-process) with its
    /// keys and credentials in files, as the service desk would have them.
    /// </summary>
    internal sealed class FleetRig : IDisposable
    {
        public const string UnlockCode = "80417263";
        public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

        private readonly MosquittoBroker _broker;

        public FleetRig(MosquittoBroker broker, string terminalId, SimFlash flash = null)
        {
            _broker = broker;
            TerminalId = terminalId;
            Key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
            Folder = Path.Combine(Path.GetTempPath(), "posterm-desk-" + Guid.NewGuid().ToString("N").Substring(0, 10));
            Directory.CreateDirectory(Folder);
            File.WriteAllText(KeysFile, "{\"" + terminalId + "\":\"" + Convert.ToHexString(Key).ToLowerInvariant() + "\"}");
            Board = new EventBoard(flash ?? new SimFlash()) { TerminalId = terminalId };
            Board.JoinFleet(broker.Address, broker.Password(terminalId));
            Board.PowerOn();
            Tools.Checks.Security.Technician.Provision(Board);
            Console("set-unlock-code " + UnlockCode);
            Console("set-fleet-key " + Convert.ToHexString(Key).ToLowerInvariant());
            WaitOnline();
        }

        public string TerminalId { get; }
        public byte[] Key { get; }
        public string Folder { get; }
        public EventBoard Board { get; }
        public Terminal Terminal => Board.Terminal;
        public string KeysFile => Path.Combine(Folder, "keys.json");

        public string[] Console(string line) => Board.SendConsoleLine(line);

        public void WaitOnline()
        {
            Assert.IsTrue(Board.RunUntil(() => Board.PoweredOn && Terminal.Fleet.Online, Patience),
                TerminalId + " did not come online: " + Board.FleetLink.LastError);
        }

        public DeskOptions DeskOptions(double timeoutSeconds = 5)
        {
            return new DeskOptions
            {
                Host = _broker.Host,
                Port = _broker.DeskPort,
                User = MosquittoBroker.FleetUser,
                Password = _broker.Password(MosquittoBroker.FleetUser),
                KeysFile = KeysFile,
                DataFolder = Path.Combine(Folder, "data"),
                Timeout = TimeSpan.FromSeconds(timeoutSeconds),
                Quiet = TimeSpan.FromMilliseconds(400),
            };
        }

        /// <summary>Runs a desk verb while the board keeps running; returns its exit code and what it printed.</summary>
        public (int Code, string Output) Desk(Func<FleetDesk, Task<int>> verb, double timeoutSeconds = 5)
        {
            var output = new StringWriter();
            Task<int> task = Task.Run(() => verb(new FleetDesk(DeskOptions(timeoutSeconds), output)));
            Assert.IsTrue(Board.RunUntil(() => task.IsCompleted, Patience), "the desk verb did not finish");
            return (task.Result, output.ToString());
        }

        /// <summary>A raw MQTT client as user (a terminal id or the fleet user, each on its own listener), for attacks and checks.</summary>
        public static IMqttClient Connect(MosquittoBroker broker, string user, string clientId)
        {
            IMqttClient client = new MqttClientFactory().CreateMqttClient();
            client.ConnectAsync(new MqttClientOptionsBuilder()
                .WithTcpServer(broker.Host, broker.PortFor(user))
                .WithProtocolVersion(MqttProtocolVersion.V311)
                .WithClientId(clientId)
                .WithCredentials(user, broker.Password(user))
                .WithCleanSession(true)
                .Build()).GetAwaiter().GetResult();
            return client;
        }

        public static void Publish(IMqttClient client, string topic, byte[] payload, bool retain = false)
        {
            client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag(retain).Build()).GetAwaiter().GetResult();
        }

        public void Dispose()
        {
            Board.PowerOff();
            Board.FleetLink.Dispose();
            try
            {
                Directory.Delete(Folder, true);
            }
            catch (IOException)
            {
            }
        }
    }
}

using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using PosTerminal.Firmware.Fleet;

namespace PosTerminal.Tools.Fleet
{
    /// <summary>What one run of the tool needs: broker, credentials, keys, data folder, timeouts.</summary>
    public sealed class DeskOptions
    {
        public string Host { get; set; }
        public int Port { get; set; }
        public string User { get; set; }
        public string Password { get; set; }
        public string KeysFile { get; set; }
        public string DataFolder { get; set; }
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
        /// <summary>How long a command stays valid (its exp): long enough to reach a terminal that is offline now.</summary>
        public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(7);
        /// <summary>events and list stop after this long without a new message.</summary>
        public TimeSpan Quiet { get; set; } = TimeSpan.FromMilliseconds(700);
    }

    /// <summary>
    /// The service desk's verbs (docs/fleet.md). Exit codes: 0 done (or already so), 1 refused
    /// by the terminal, 2 usage or files, 3 no answer in time (the command stays queued at the
    /// broker for the terminal's persistent session and runs when it reconnects, until it
    /// expires), 4 broker unreachable or refused the login.
    /// </summary>
    public sealed class FleetDesk
    {
        public const int Ok = 0, Refused = 1, Usage = 2, Timeout = 3, BrokerFailed = 4;

        private readonly DeskOptions _options;
        private readonly TextWriter _out;
        private readonly MqttClientFactory _factory = new MqttClientFactory();

        public FleetDesk(DeskOptions options, TextWriter output)
        {
            _options = options;
            _out = output;
        }

        /// <summary>Signs and sends op to a terminal, waits for its ack and prints it.</summary>
        public async Task<int> CommandAsync(string terminalId, string op, string arg)
        {
            byte[] key = DeskFiles.Key(_options.KeysFile, terminalId);
            long seq = DeskFiles.NextSequence(_options.DataFolder, terminalId);
            long exp = DateTimeOffset.UtcNow.Add(_options.Lifetime).ToUnixTimeSeconds();
            string id = "c-" + Guid.NewGuid().ToString("N").Substring(0, 16);
            byte[] payload = SignedCommand(terminalId, key, id, seq, exp, op, arg);

            var answer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            using IMqttClient client = _factory.CreateMqttClient();
            client.ApplicationMessageReceivedAsync += e =>
            {
                string text = Encoding.UTF8.GetString(e.ApplicationMessage.Payload.ToArray());
                if (AckId(text) == id) answer.TrySetResult(text);
                return Task.CompletedTask;
            };
            int connected = await ConnectAsync(client, "fleet-desk-" + Guid.NewGuid().ToString("N").Substring(0, 8), true);
            if (connected != Ok) return connected;
            await client.SubscribeAsync("pos/" + terminalId + "/ack", MqttQualityOfServiceLevel.AtLeastOnce);
            await client.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic("pos/" + terminalId + "/cmd")
                .WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build());
            Task finished = await Task.WhenAny(answer.Task, Task.Delay(_options.Timeout));
            if (finished != answer.Task)
            {
                _out.WriteLine(terminalId + " " + op + ": timeout: no answer in " + _options.Timeout.TotalSeconds + " s"
                    + "; the command is queued at the broker and runs when " + terminalId + " reconnects (until "
                    + DateTimeOffset.FromUnixTimeSeconds(exp).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ") + ")");
                await TryDisconnect(client);
                return Timeout;
            }
            await TryDisconnect(client);
            return PrintAck(terminalId, op, answer.Task.Result);
        }

        /// <summary>The command document: the MAC is over FleetCommand.Canonical, the terminal's own definition.</summary>
        public static byte[] SignedCommand(string terminalId, byte[] key, string id, long seq, long exp, string op, string arg)
        {
            byte[] mac = System.Security.Cryptography.HMACSHA256.HashData(key, FleetCommand.Canonical(terminalId, id, seq, exp, op, arg ?? ""));
            var doc = new Dictionary<string, object> { ["v"] = 1, ["id"] = id, ["seq"] = seq, ["exp"] = exp, ["op"] = op };
            if (!string.IsNullOrEmpty(arg)) doc["arg"] = arg;
            doc["mac"] = Convert.ToHexString(mac).ToLowerInvariant();
            return JsonSerializer.SerializeToUtf8Bytes(doc, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        }

        private int PrintAck(string terminalId, string op, string ack)
        {
            bool ok;
            foreach (string line in AckLines(terminalId, op, ack, out ok)) _out.WriteLine(line);
            return ok ? Ok : Refused;
        }

        /// <summary>What the tool prints for a terminal's ack (the operator guides print it too); ok: the terminal did it.</summary>
        public static List<string> AckLines(string terminalId, string op, string ack, out bool ok)
        {
            using JsonDocument doc = JsonDocument.Parse(ack);
            JsonElement root = doc.RootElement;
            ok = root.GetProperty("ok").GetBoolean();
            string code = root.GetProperty("code").GetString();
            string text = root.GetProperty("text").GetString();
            var lines = new List<string> { terminalId + " " + op + ": " + code + ": " + text };
            if (root.TryGetProperty("state", out JsonElement state)) lines.Add("  " + StateLine(state));
            return lines;
        }

        /// <summary>list: every terminal's retained state (online or the will's offline).</summary>
        public async Task<int> ListAsync()
        {
            var states = new ConcurrentDictionary<string, string>();
            using IMqttClient client = _factory.CreateMqttClient();
            DateTime last = DateTime.UtcNow;
            client.ApplicationMessageReceivedAsync += e =>
            {
                string[] parts = e.ApplicationMessage.Topic.Split('/');
                if (parts.Length == 3) states[parts[1]] = Encoding.UTF8.GetString(e.ApplicationMessage.Payload.ToArray());
                last = DateTime.UtcNow;
                return Task.CompletedTask;
            };
            int connected = await ConnectAsync(client, "fleet-list-" + Guid.NewGuid().ToString("N").Substring(0, 8), true);
            if (connected != Ok) return connected;
            await client.SubscribeAsync("pos/+/state", MqttQualityOfServiceLevel.AtLeastOnce);
            last = DateTime.UtcNow;
            await WaitQuiet(() => last);
            await TryDisconnect(client);
            _out.WriteLine(string.Format("{0,-16} {1,-7} {2,-7} {3,-8} {4}", "TERMINAL", "STATE", "ONLINE", "FIRMWARE", "LAST SEEN"));
            foreach (var pair in states.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                using JsonDocument doc = JsonDocument.Parse(pair.Value);
                JsonElement s = doc.RootElement;
                _out.WriteLine(string.Format("{0,-16} {1,-7} {2,-7} {3,-8} {4}", pair.Key, Text(s, "state"),
                    s.TryGetProperty("online", out JsonElement on) && on.GetBoolean() ? "online" : "offline",
                    Text(s, "firmware"), Text(s, "seen")));
            }
            _out.WriteLine("terminals: " + states.Count);
            return Ok;
        }

        /// <summary>
        /// events ID: takes what the broker kept for this desk's persistent session of the
        /// terminal's events (client id fleet-events-ID, clean session off: it queues events
        /// published while the tool was not running), records each id once in the local log,
        /// then prints the whole log, oldest first. The session must exist before the terminal's
        /// first event: enroll makes it at provisioning (an event the broker acknowledged with no
        /// such session is gone, and the terminal's outbox deleted it at that PUBACK).
        /// </summary>
        public async Task<int> EventsAsync(string terminalId)
        {
            var log = new EventLog(_options.DataFolder, terminalId);
            int before = log.Lines.Count;
            var (connected, duplicates) = await TakeEventsAsync(terminalId, log);
            if (connected != Ok) return connected;
            foreach (string line in log.Lines) _out.WriteLine(EventLine(line));
            _out.WriteLine("events: " + log.Lines.Count + " (" + (log.Lines.Count - before) + " new, " + duplicates + " duplicates ignored)");
            return Ok;
        }

        /// <summary>
        /// enroll ID, at provisioning (before the terminal first comes online): makes this desk's
        /// persistent session subscribed to the terminal's events, so the broker keeps every
        /// event from then on for the next events run. Running it again changes nothing; any
        /// event that arrives meanwhile goes into the log as events would record it.
        /// </summary>
        public async Task<int> EnrollAsync(string terminalId)
        {
            var log = new EventLog(_options.DataFolder, terminalId);
            int before = log.Lines.Count;
            var (connected, _) = await TakeEventsAsync(terminalId, log);
            if (connected != Ok) return connected;
            _out.WriteLine(terminalId + " enrolled: the broker keeps its events for this desk (session " + EventsClientId(terminalId)
                + ") until `events " + terminalId + "` takes them" + (log.Lines.Count > before ? "; " + (log.Lines.Count - before) + " recorded now" : ""));
            return Ok;
        }

        /// <summary>Connects as the desk's events session of the terminal, subscribes, records what arrives until quiet.</summary>
        private async Task<(int Code, int Duplicates)> TakeEventsAsync(string terminalId, EventLog log)
        {
            int duplicates = 0;
            DateTime last = DateTime.UtcNow;
            using IMqttClient client = _factory.CreateMqttClient();
            client.ApplicationMessageReceivedAsync += e =>
            {
                // Written and flushed before this handler returns, i.e. before MQTTnet sends the PUBACK.
                if (!log.Add(Encoding.UTF8.GetString(e.ApplicationMessage.Payload.ToArray()))) Interlocked.Increment(ref duplicates);
                last = DateTime.UtcNow;
                return Task.CompletedTask;
            };
            int connected = await ConnectAsync(client, EventsClientId(terminalId), false);
            if (connected != Ok) return (connected, 0);
            await client.SubscribeAsync("pos/" + terminalId + "/events", MqttQualityOfServiceLevel.AtLeastOnce);
            last = DateTime.UtcNow;
            await WaitQuiet(() => last);
            await TryDisconnect(client);
            return (Ok, duplicates);
        }

        public static string EventsClientId(string terminalId) => "fleet-events-" + terminalId;

        private async Task<int> ConnectAsync(IMqttClient client, string clientId, bool cleanSession)
        {
            MqttClientOptions options = new MqttClientOptionsBuilder()
                .WithTcpServer(_options.Host, _options.Port)
                .WithProtocolVersion(MqttProtocolVersion.V311)
                .WithClientId(clientId)
                .WithCredentials(_options.User, _options.Password)
                .WithCleanSession(cleanSession)
                .WithTimeout(_options.Timeout)
                .Build();
            try
            {
                MqttClientConnectResult result = await client.ConnectAsync(options);
                if (result.ResultCode == MqttClientConnectResultCode.Success) return Ok;
                _out.WriteLine("broker refused the login: " + result.ResultCode);
            }
            catch (Exception e)
            {
                _out.WriteLine("cannot reach the broker at " + _options.Host + ":" + _options.Port + ": " + e.Message);
            }
            return BrokerFailed;
        }

        private async Task WaitQuiet(Func<DateTime> lastMessage)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            while (watch.Elapsed < _options.Timeout && DateTime.UtcNow - lastMessage() < _options.Quiet) await Task.Delay(50);
        }

        private static async Task TryDisconnect(IMqttClient client)
        {
            try
            {
                if (client.IsConnected) await client.DisconnectAsync(new MqttClientDisconnectOptions());
            }
            catch (Exception)
            {
            }
        }

        private static string AckId(string ack)
        {
            try
            {
                using JsonDocument doc = JsonDocument.Parse(ack);
                return doc.RootElement.TryGetProperty("id", out JsonElement id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        public static string StateLine(JsonElement s)
        {
            return "state " + Text(s, "state") + ", locked " + Text(s, "locked") + (Text(s, "lockReason").Length > 0 ? " (" + Text(s, "lockReason") + ")" : "")
                + ", paused " + Text(s, "paused") + (Text(s, "waitingFor").Length > 0 ? " (waiting for the " + Text(s, "waitingFor") + ")" : "")
                + ", bindings " + Text(s, "bindings") + ", firmware " + Text(s, "firmware")
                + (Text(s, "merchantName").Length > 0 ? ", merchant " + Text(s, "merchantName") : "");
        }

        private static string EventLine(string payload)
        {
            using JsonDocument doc = JsonDocument.Parse(payload);
            JsonElement e = doc.RootElement;
            return Text(e, "id") + " " + Text(e, "type") + " " + Text(e, "detail") + " at " + Text(e, "at")
                + (Text(e, "dropped") != "0" && Text(e, "dropped").Length > 0 ? " (dropped before: " + Text(e, "dropped") + ")" : "");
        }

        private static string Text(JsonElement e, string name)
        {
            if (!e.TryGetProperty(name, out JsonElement v)) return "";
            switch (v.ValueKind)
            {
                case JsonValueKind.String: return v.GetString();
                case JsonValueKind.Null: return "-";
                case JsonValueKind.True: return "yes";
                case JsonValueKind.False: return "no";
                default: return v.GetRawText();
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PosTerminal.Firmware.Fleet;
using PosTerminal.Hal;

namespace PosTerminal.Tools.Checks.Security
{
    /// <summary>
    /// The fleet's side of a check, the broker left out: an in-memory IMessageLink that the
    /// terminal's FleetAgent connects to while it is plugged in, acknowledging every publish
    /// at once, and a desk that signs commands with the fleet key the way the service desk
    /// does (HMAC-SHA256 over the firmware's own FleetCommand.Canonical).
    /// </summary>
    public sealed class FleetWire : IMessageLink
    {
        private readonly Queue<KeyValuePair<string, byte[]>> _arrivals = new Queue<KeyValuePair<string, byte[]>>();
        private readonly Queue<int> _acks = new Queue<int>();
        private readonly List<KeyValuePair<string, string>> _published = new List<KeyValuePair<string, string>>();
        private int _tokens;

        /// <summary>False: the network is down; connecting fails and nothing is delivered.</summary>
        public bool Plugged { get; set; } = true;

        public LinkState State { get; private set; }

        public string LastError { get { return Plugged ? "" : "network down"; } }

        public LinkActivity Activity { get; set; }

        public void BeginConnect(string willTopic, byte[] willPayload)
        {
            if (!Plugged) return;
            State = LinkState.Online;
            Activity?.Invoke();
        }

        public void Disconnect()
        {
            State = LinkState.Offline;
        }

        /// <summary>The network goes down: the link drops at once.</summary>
        public void Unplug()
        {
            Plugged = false;
            State = LinkState.Offline;
            Activity?.Invoke();
        }

        public bool Subscribe(string topicFilter)
        {
            return State == LinkState.Online;
        }

        public int Publish(string topic, byte[] payload, bool retain)
        {
            if (State != LinkState.Online) return 0;
            _published.Add(new KeyValuePair<string, string>(topic, Encoding.UTF8.GetString(payload)));
            _acks.Enqueue(++_tokens);
            return _tokens;
        }

        public bool TryTakeMessage(out string topic, out byte[] payload)
        {
            topic = null;
            payload = null;
            if (State != LinkState.Online || _arrivals.Count == 0) return false;
            KeyValuePair<string, byte[]> next = _arrivals.Dequeue();
            topic = next.Key;
            payload = next.Value;
            return true;
        }

        public bool TryTakeAck(out int token)
        {
            token = 0;
            if (_acks.Count == 0) return false;
            token = _acks.Dequeue();
            return true;
        }

        /// <summary>A command arrives on pos/ID/cmd, as the broker delivers it.</summary>
        public void Deliver(string terminalId, byte[] command)
        {
            _arrivals.Enqueue(new KeyValuePair<string, byte[]>(new FleetTopics(terminalId).Command, command));
            Activity?.Invoke();
        }

        /// <summary>The "code" of the terminal's ack for command id ("done", "replayed", ...), or null when none was published.</summary>
        public string AckCode(string terminalId, string id)
        {
            string topic = new FleetTopics(terminalId).Ack;
            foreach (KeyValuePair<string, string> message in _published)
            {
                if (message.Key != topic) continue;
                using JsonDocument doc = JsonDocument.Parse(message.Value);
                JsonElement found;
                if (doc.RootElement.TryGetProperty("id", out found) && found.GetString() == id)
                    return doc.RootElement.GetProperty("code").GetString();
            }
            return null;
        }

        /// <summary>A command as the desk signs it: the MAC is HMAC-SHA256 under the fleet key over FleetCommand.Canonical.</summary>
        public static byte[] Signed(string terminalId, byte[] key, string id, long seq, long expires, string op, string arg)
        {
            byte[] mac = HMACSHA256.HashData(key, FleetCommand.Canonical(terminalId, id, seq, expires, op, arg ?? ""));
            var doc = new Dictionary<string, object> { ["v"] = 1, ["id"] = id, ["seq"] = seq, ["exp"] = expires, ["op"] = op };
            if (!string.IsNullOrEmpty(arg)) doc["arg"] = arg;
            doc["mac"] = Convert.ToHexString(mac).ToLowerInvariant();
            return JsonSerializer.SerializeToUtf8Bytes(doc);
        }
    }
}

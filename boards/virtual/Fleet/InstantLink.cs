using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using PosTerminal.Hal;

namespace PosTerminal.Virtual.Fleet
{
    /// <summary>
    /// A fleet link with the broker left out: the firmware's FleetAgent talks to it as to any
    /// IMessageLink, every publish is acknowledged at once, and whoever plays the desk hands it
    /// messages as the broker would deliver them and reads what the terminal published. Used by
    /// the check suites and the guides' runs; MqttLink is the real one.
    /// </summary>
    public class InstantLink : IMessageLink
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

        /// <summary>Everything the terminal published: topic and payload (UTF-8).</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Published { get { return _published; } }

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

        /// <summary>A message arrives on topic, as the broker delivers a subscribed one.</summary>
        public void Deliver(string topic, byte[] payload)
        {
            _arrivals.Enqueue(new KeyValuePair<string, byte[]>(topic, payload));
            Activity?.Invoke();
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

        /// <summary>The ack (its JSON) the terminal published on topic for command id, or null.</summary>
        public string AckFor(string topic, string id)
        {
            foreach (KeyValuePair<string, string> message in _published)
            {
                if (message.Key != topic) continue;
                using (JsonDocument doc = JsonDocument.Parse(message.Value))
                {
                    JsonElement found;
                    if (doc.RootElement.TryGetProperty("id", out found) && found.ValueKind == JsonValueKind.String && found.GetString() == id) return message.Value;
                }
            }
            return null;
        }
    }
}

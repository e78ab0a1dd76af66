using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using PosTerminal.Hal;

namespace PosTerminal.Tools.Guides
{
    /// <summary>
    /// The fleet link of a guide's board: the broker left out. The firmware's FleetAgent talks
    /// to it as to any IMessageLink (connect, subscribe, publish, acks); the guide hands it the
    /// desk's signed command as the broker would deliver it on pos/ID/cmd, and reads the ack
    /// the terminal publishes. Every publish is acknowledged at once.
    /// </summary>
    public sealed class DeskLink : IMessageLink
    {
        private readonly Queue<KeyValuePair<string, byte[]>> _arrivals = new Queue<KeyValuePair<string, byte[]>>();
        private readonly Queue<int> _acks = new Queue<int>();
        private readonly List<KeyValuePair<string, string>> _published = new List<KeyValuePair<string, string>>();
        private int _tokens;

        public LinkState State { get; private set; }

        public string LastError { get { return ""; } }

        public LinkActivity Activity { get; set; }

        /// <summary>Everything the terminal published: topic and payload (UTF-8).</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Published { get { return _published; } }

        public void BeginConnect(string willTopic, byte[] willPayload)
        {
            State = LinkState.Online;
            Activity?.Invoke();
        }

        public void Disconnect()
        {
            State = LinkState.Offline;
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
            if (_arrivals.Count == 0) return false;
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

        /// <summary>The ack the terminal published on topic for command id, or null.</summary>
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

using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using PosTerminal.Hal;

namespace PosTerminal.Virtual.Fleet
{
    /// <summary>
    /// The simulated boards' IMessageLink: an MQTTnet 5 client speaking MQTT 3.1.1 with a
    /// persistent session (clean session off), QoS 1 and a retained will, as the device does
    /// with nanoFramework.M2Mqtt. MQTTnet works on thread-pool threads; what it delivers waits
    /// in queues until the firmware's main loop takes it.
    ///
    /// NetDown models a cut network: the connection is dropped without an MQTT goodbye (the
    /// broker sees the socket close and publishes the will) and every attempt fails until
    /// NetUp. PowerOff drops it the same way and forgets what was waiting (RAM).
    /// </summary>
    public sealed class MqttLink : IMessageLink, IDisposable
    {
        private readonly FleetLinkSettings _settings;
        private readonly MqttClientFactory _factory = new MqttClientFactory();
        private readonly ConcurrentQueue<(string, byte[])> _messages = new ConcurrentQueue<(string, byte[])>();
        private readonly ConcurrentQueue<int> _acks = new ConcurrentQueue<int>();
        private readonly object _gate = new object();
        private IMqttClient _client;
        private int _state;
        private int _tokens;
        private int _attempt;
        private string _lastError = string.Empty;

        public MqttLink(FleetLinkSettings settings)
        {
            _settings = settings;
        }

        public FleetLinkSettings Settings { get { return _settings; } }

        public LinkState State { get { return (LinkState)Volatile.Read(ref _state); } }

        public string LastError { get { return _lastError; } }

        public LinkActivity Activity { get; set; }

        /// <summary>True between NetDown and NetUp.</summary>
        public bool NetworkDown { get; private set; }

        /// <summary>Bytes of payload published (events, acks, state), for the benchmark.</summary>
        public long PublishedBytes;

        public void BeginConnect(string willTopic, byte[] willPayload)
        {
            int attempt;
            lock (_gate)
            {
                if (State != LinkState.Offline) return;
                if (NetworkDown)
                {
                    _lastError = "network down";
                    return;
                }
                SetState(LinkState.Connecting);
                attempt = ++_attempt;
            }
            _ = ConnectAsync(attempt, willTopic, willPayload);
        }

        private async Task ConnectAsync(int attempt, string willTopic, byte[] willPayload)
        {
            IMqttClient client = _factory.CreateMqttClient();
            client.ApplicationMessageReceivedAsync += e =>
            {
                _messages.Enqueue((e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray()));
                Activity?.Invoke();
                return Task.CompletedTask;
            };
            client.DisconnectedAsync += e =>
            {
                lock (_gate)
                {
                    if (_client != client) return Task.CompletedTask;
                    _client = null;
                    _lastError = e.Reason.ToString();
                    SetState(LinkState.Offline);
                }
                Activity?.Invoke();
                return Task.CompletedTask;
            };
            MqttClientOptions options = new MqttClientOptionsBuilder()
                .WithTcpServer(_settings.Host, _settings.Port)
                .WithProtocolVersion(MqttProtocolVersion.V311)
                .WithClientId(_settings.Username)
                .WithCredentials(_settings.Username, _settings.Password)
                .WithCleanSession(false)
                .WithKeepAlivePeriod(_settings.KeepAlive)
                .WithTimeout(_settings.ConnectTimeout)
                .WithWillTopic(willTopic)
                .WithWillPayload(willPayload)
                .WithWillRetain(true)
                .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            try
            {
                MqttClientConnectResult result = await client.ConnectAsync(options, CancellationToken.None).ConfigureAwait(false);
                if (result.ResultCode != MqttClientConnectResultCode.Success) throw new InvalidOperationException("refused: " + result.ResultCode);
                lock (_gate)
                {
                    if (NetworkDown || attempt != _attempt || State != LinkState.Connecting)
                    {
                        // Cut (NetDown, PowerOff) while connecting: this attempt is void.
                        client.Dispose();
                        return;
                    }
                    _client = client;
                    _lastError = string.Empty;
                    SetState(LinkState.Online);
                }
            }
            catch (Exception e)
            {
                client.Dispose();
                lock (_gate)
                {
                    if (attempt != _attempt) return;
                    _lastError = e.Message;
                    if (State == LinkState.Connecting) SetState(LinkState.Offline);
                }
            }
            Activity?.Invoke();
        }

        public void Disconnect()
        {
            IMqttClient client = Detach();
            if (client == null) return;
            // A goodbye: the broker drops the will and keeps the session.
            _ = client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None)
                .ContinueWith(t => client.Dispose(), TaskScheduler.Default);
        }

        public bool Subscribe(string topicFilter)
        {
            IMqttClient client = _client;
            if (client == null || State != LinkState.Online) return false;
            MqttClientSubscribeOptions options = new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(f => f.WithTopic(topicFilter).WithAtLeastOnceQoS())
                .Build();
            _ = client.SubscribeAsync(options, CancellationToken.None);
            return true;
        }

        public int Publish(string topic, byte[] payload, bool retain)
        {
            IMqttClient client = _client;
            if (client == null || State != LinkState.Online) return 0;
            int token = Interlocked.Increment(ref _tokens);
            if (token <= 0) token = Interlocked.Exchange(ref _tokens, 1);
            Interlocked.Add(ref PublishedBytes, payload.Length);
            MqttApplicationMessage message = new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithRetainFlag(retain)
                .Build();
            _ = PublishAsync(client, message, token);
            return token;
        }

        private async Task PublishAsync(IMqttClient client, MqttApplicationMessage message, int token)
        {
            try
            {
                MqttClientPublishResult result = await client.PublishAsync(message, CancellationToken.None).ConfigureAwait(false);
                if (!result.IsSuccess) return;
                _acks.Enqueue(token);
                Activity?.Invoke();
            }
            catch (Exception)
            {
                // The link dropped before the PUBACK: never acknowledged, the firmware sends it again.
            }
        }

        public bool TryTakeMessage(out string topic, out byte[] payload)
        {
            if (_messages.TryDequeue(out (string, byte[]) item))
            {
                topic = item.Item1;
                payload = item.Item2;
                return true;
            }
            topic = null;
            payload = null;
            return false;
        }

        public bool TryTakeAck(out int token)
        {
            return _acks.TryDequeue(out token);
        }

        /// <summary>Cuts the network: the connection drops without a goodbye; attempts fail until NetUp.</summary>
        public void NetDown()
        {
            lock (_gate) NetworkDown = true;
            Drop("network down");
        }

        public void NetUp()
        {
            lock (_gate) NetworkDown = false;
        }

        /// <summary>The board lost power: the connection drops without a goodbye and what waited in RAM is gone.</summary>
        public void PowerOff()
        {
            Drop("power off");
            while (_messages.TryDequeue(out _)) { }
            while (_acks.TryDequeue(out _)) { }
        }

        public void Dispose()
        {
            Drop("disposed");
        }

        private void Drop(string why)
        {
            IMqttClient client = Detach();
            lock (_gate) _lastError = why;
            // Dispose closes the socket without an MQTT DISCONNECT: the broker publishes the will.
            client?.Dispose();
        }

        private IMqttClient Detach()
        {
            lock (_gate)
            {
                IMqttClient client = _client;
                _client = null;
                _attempt++;
                SetState(LinkState.Offline);
                return client;
            }
        }

        private void SetState(LinkState state)
        {
            Volatile.Write(ref _state, (int)state);
        }
    }
}

using System;
using System.Collections;
using System.Device.Wifi;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;
using nanoFramework.Networking;
using PosTerminal.Hal;

namespace PosTerminal.Esp32.Adapters
{
    /// <summary>
    /// The device's IMessageLink: Wi-Fi (refusing open networks, WifiGuard), a valid clock,
    /// then MQTT 3.1.1 over TLS 1.2 with the pinned CA, nanoFramework.M2Mqtt v5.1.220.
    /// Each attempt runs on its own thread (Wi-Fi join, DNS, the TLS handshake and CONNECT
    /// block for seconds) and builds a fresh MqttClient, so no state of a dead connection
    /// is reused (the reconnect hang of Home#1692 and the will failure of #1720 are fixed in
    /// this version; a fresh client keeps us clear of both). M2Mqtt raises its events on its
    /// own threads: they only queue and signal Activity; the main loop takes them.
    ///
    /// Calls, as read in the sources (nanoframework/nanoFramework.m2mqtt M2Mqtt/MqttClient.cs,
    /// M2Mqtt/Net/MqttNetworkChannel.cs, M2Mqtt/MqttSettings.cs):
    /// - new MqttClient(host, port, secure: true, caCert, clientCert: null, MqttSslProtocols.TLSv1_2):
    ///   the channel resolves the host by Dns.GetHostEntry in its constructor (so only after
    ///   Wi-Fi is up) and, on Connect, wraps the socket in SslStream and calls
    ///   AuthenticateAsClient(host, null, caCert, Tls12). SslStream's default SslVerification
    ///   is CertificateRequired (nanoframework/System.Net Security/SslStream.cs) and
    ///   MqttSettings.ValidateServerCertificate defaults to true: the broker must chain to our CA.
    /// - Connect(clientId, username, password, willRetain, willQosLevel, willFlag, willTopic,
    ///   willMessage (a string), cleanSession, keepAlivePeriod) returns MqttReasonCode
    ///   (Success = 0); client ids are at most 23 characters (MqttMsgConnect.CLIENT_ID_MAX_LENGTH):
    ///   the terminal id has at most 16.
    /// - Subscribe(string[], MqttQoSLevel[]) and Publish(topic, byte[], contentType, userProperties,
    ///   qos, retain) return a message id; MqttMsgPublished (MqttMsgPublishedEventArgs: MessageId,
    ///   IsPublished) reports the PUBACK; MqttMsgPublishReceived (Topic, Message) an arrival;
    ///   ConnectionClosed a drop. The message id is the link's token (1-65535).
    /// - X509Certificate(string) takes PEM and adds the terminating zero mbedTLS needs
    ///   (System.Net X509Certificates/X509Certificate.cs).
    /// - WifiNetworkHelper.ConnectDhcp(ssid, password, WifiReconnectionKind.Automatic,
    ///   requiresDateTime: true, wifiAdapterId: 0, token) waits for an IP and then for
    ///   DateTime.UtcNow.Year >= 2021 (System.Net NetworkHelper/NetworkHelper.cs,
    ///   InternalWaitNetworkAvailable); the ESP32 starts SNTP natively when the network comes up
    ///   (nf-interpreter targets/ESP32/_common/targetHAL_Network.cpp, esp_netif_sntp_init).
    ///   NetworkHelperStatus and HelperException say why it failed.
    /// </summary>
    internal sealed class Esp32MqttLink : IMessageLink
    {
        private const int WifiTimeoutMs = 60000;
        private const int ScanTimeoutMs = 15000;
        private const ushort KeepAliveSeconds = 60;

        private readonly FleetConfig _config;
        private readonly string _clientId;
        private readonly X509Certificate _ca;
        private readonly object _gate = new object();
        private readonly ArrayList _topics = new ArrayList();
        private readonly ArrayList _payloads = new ArrayList();
        private readonly ArrayList _acks = new ArrayList();
        private MqttClient _client;
        private LinkState _state = LinkState.Offline;
        private string _lastError = string.Empty;
        private string _willTopic;
        private byte[] _willPayload;

        public Esp32MqttLink(FleetConfig config, string terminalId)
        {
            _config = config;
            _clientId = terminalId;
            _ca = new X509Certificate(config.CaPem);
        }

        public LinkState State { get { return _state; } }

        public string LastError { get { return _lastError; } }

        public LinkActivity Activity { get; set; }

        public void BeginConnect(string willTopic, byte[] willPayload)
        {
            lock (_gate)
            {
                if (_state != LinkState.Offline) return;
                _state = LinkState.Connecting;
                _willTopic = willTopic;
                _willPayload = willPayload;
            }
            new Thread(Attempt).Start();
        }

        private void Attempt()
        {
            string problem = JoinWifi();
            if (problem == null && DateTime.UtcNow.Year < 2021) problem = "no valid time yet: TLS needs it";
            MqttClient client = null;
            if (problem == null)
            {
                try
                {
                    client = new MqttClient(_config.Broker, _config.Port, true, _ca, null, MqttSslProtocols.TLSv1_2);
                    client.MqttMsgPublishReceived += Received;
                    client.MqttMsgPublished += Published;
                    client.ConnectionClosed += Closed;
                    MqttReasonCode code = client.Connect(_clientId, _clientId, _config.BrokerPassword, true,
                        MqttQoSLevel.AtLeastOnce, true, _willTopic, Firmware.Fleet.Utf8.Decode(_willPayload), false, KeepAliveSeconds);
                    if (code != MqttReasonCode.Success) problem = "broker refused: " + ((int)code).ToString();
                }
                catch (Exception e)
                {
                    problem = "broker: " + e.Message;
                }
            }
            lock (_gate)
            {
                if (problem == null)
                {
                    _client = client;
                    _lastError = string.Empty;
                    _state = LinkState.Online;
                }
                else
                {
                    if (client != null) Dispose(client);
                    _lastError = problem;
                    _state = LinkState.Offline;
                }
            }
            Signal();
        }

        private string JoinWifi()
        {
            if (WifiNetworkHelper.Status == NetworkHelperStatus.NetworkIsReady) return null;
            WifiAdapter adapter = WifiAdapter.FindAllAdapters()[0];
            string refused = WifiGuard.Check(adapter, _config.Ssid, ScanTimeoutMs);
            if (refused != null) return refused;
            CancellationTokenSource timeout = new CancellationTokenSource(WifiTimeoutMs);
            bool ok = WifiNetworkHelper.ConnectDhcp(_config.Ssid, _config.WifiPassword, WifiReconnectionKind.Automatic, true, 0, timeout.Token);
            if (ok) return null;
            Exception e = WifiNetworkHelper.HelperException;
            return "wifi: status " + ((int)WifiNetworkHelper.Status).ToString() + (e != null ? " " + e.Message : "");
        }

        public void Disconnect()
        {
            MqttClient client;
            lock (_gate)
            {
                client = _client;
                _client = null;
                _state = LinkState.Offline;
            }
            if (client == null) return;
            try
            {
                client.Disconnect();
            }
            catch (Exception)
            {
            }
        }

        public bool Subscribe(string topicFilter)
        {
            MqttClient client = _client;
            if (client == null || _state != LinkState.Online) return false;
            try
            {
                client.Subscribe(new string[] { topicFilter }, new MqttQoSLevel[] { MqttQoSLevel.AtLeastOnce });
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }

        public int Publish(string topic, byte[] payload, bool retain)
        {
            MqttClient client = _client;
            if (client == null || _state != LinkState.Online) return 0;
            try
            {
                return client.Publish(topic, payload, null, null, MqttQoSLevel.AtLeastOnce, retain);
            }
            catch (Exception)
            {
                return 0;
            }
        }

        public bool TryTakeMessage(out string topic, out byte[] payload)
        {
            topic = null;
            payload = null;
            if (_topics.Count == 0) return false;
            lock (_gate)
            {
                if (_topics.Count == 0) return false;
                topic = (string)_topics[0];
                payload = (byte[])_payloads[0];
                _topics.RemoveAt(0);
                _payloads.RemoveAt(0);
                return true;
            }
        }

        public bool TryTakeAck(out int token)
        {
            token = 0;
            if (_acks.Count == 0) return false;
            lock (_gate)
            {
                if (_acks.Count == 0) return false;
                token = (int)_acks[0];
                _acks.RemoveAt(0);
                return true;
            }
        }

        private void Received(object sender, MqttMsgPublishEventArgs e)
        {
            lock (_gate)
            {
                _topics.Add(e.Topic);
                _payloads.Add(e.Message);
            }
            Signal();
        }

        private void Published(object sender, MqttMsgPublishedEventArgs e)
        {
            if (!e.IsPublished) return;
            lock (_gate) _acks.Add((int)e.MessageId);
            Signal();
        }

        private void Closed(object sender, EventArgs e)
        {
            lock (_gate)
            {
                if (sender != _client) return;
                _client = null;
                _state = LinkState.Offline;
                _lastError = "connection closed";
            }
            Signal();
        }

        private void Signal()
        {
            LinkActivity activity = Activity;
            if (activity != null) activity();
        }

        private static void Dispose(MqttClient client)
        {
            try
            {
                client.Dispose();
            }
            catch (Exception)
            {
            }
        }
    }
}

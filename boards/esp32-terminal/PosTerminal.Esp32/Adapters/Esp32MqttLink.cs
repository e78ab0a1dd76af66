using System;
using System.Collections;
using System.Device.Wifi;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;
using System.Net.NetworkInformation;
using nanoFramework.Networking;
using PosTerminal.Hal;
using PosTerminal.Hal.Net;

namespace PosTerminal.Esp32.Adapters
{
    /// <summary>
    /// The device's IMessageLink: Wi-Fi (refusing open networks before every join, WifiGuard),
    /// a valid clock, then MQTT 3.1.1 over TLS 1.2 with the pinned CA, nanoFramework.M2Mqtt
    /// 5.1.218 (packages.config). Each attempt runs on its own thread (Wi-Fi join, DNS, the
    /// TLS handshake and CONNECT block for seconds) and builds a fresh MqttClient, so no state
    /// of a dead connection is reused: 5.1.218 starts new worker threads on every Connect
    /// without stopping a previous connection's (fixed only in 5.1.220, #471), so reusing a
    /// client would leak threads. M2Mqtt raises its events on its own threads: they only queue
    /// and signal Activity; the main loop takes them. Which client is live, connecting or
    /// waiting to be disposed is Hal/Net/LinkSession (portable, tested on the desktop).
    ///
    /// Calls, as read in the sources (nanoframework/nanoFramework.m2mqtt, tag v5.1.218:
    /// M2Mqtt/MqttClient.cs, M2Mqtt/Net/MqttNetworkChannel.cs, M2Mqtt/MqttSettings.cs):
    /// - new MqttClient(host, port, secure: true, caCert, clientCert: null, MqttSslProtocols.TLSv1_2):
    ///   the channel resolves the host by Dns.GetHostEntry in its constructor (so only after
    ///   Wi-Fi is up) and, on Connect, wraps the socket in SslStream and calls
    ///   AuthenticateAsClient(host, null, caCert, Tls12). SslStream's default SslVerification
    ///   is CertificateRequired (nanoframework/System.Net Security/SslStream.cs) and
    ///   MqttSettings.ValidateServerCertificate defaults to true: the broker must chain to our CA.
    /// - Connect(clientId, username, password, willRetain, willQosLevel, willFlag, willTopic,
    ///   willMessage (a string), cleanSession, keepAlivePeriod) returns MqttReasonCode
    ///   (Success = 0) or throws MqttConnectionException when the socket or TLS fails. It starts
    ///   the receive thread before CONNECT and, on success, the keep-alive, dispatch and
    ///   inflight threads, then sets IsConnected; a drop meanwhile runs OnConnectionClosing
    ///   (IsConnected false), and the dispatch thread then runs Close() and raises
    ///   ConnectionClosed, possibly before Connect returns: LinkSession records it.
    ///   The will CONNECT of 3.1.1 is right since 5.1.209 (#442, Home#1720); client ids are at
    ///   most 23 characters (MqttMsgConnect.CLIENT_ID_MAX_LENGTH): the terminal id has at most 16.
    /// - Disconnect() sends DISCONNECT and runs OnConnectionClosing: the dispatch thread closes
    ///   the client itself. Dispose() is OnConnectionClosing() then Close(): stops the threads,
    ///   sleeps 200 ms, waits up to 1 s for the keep-alive thread, closes SslStream and socket
    ///   (MqttNetworkChannel.Close). It is safe on an already closed client (Close runs again on
    ///   nulled channel fields) but takes over a second, so it runs on an attempt's thread
    ///   (dropped clients are disposed before the next one is built), never the main loop.
    /// - Subscribe(string[], MqttQoSLevel[]) and Publish(topic, byte[], contentType, userProperties,
    ///   qos, retain) queue the message for the inflight thread and return its id (ushort, never 0:
    ///   GetMessageId skips it); MqttMsgPublished (MessageId, IsPublished) reports the PUBACK;
    ///   MqttMsgPublishReceived (Topic, Message) an arrival. The message id is the link's token.
    /// - X509Certificate(string) takes PEM and adds the terminating zero mbedTLS needs
    ///   (System.Net X509Certificates/X509Certificate.cs); it throws on text that is not a
    ///   certificate, so Program.OpenFleetLink turns that into "fleet link off".
    ///
    /// Wi-Fi (nanoframework/System.Device.Wifi tag v1.5.147, nf-interpreter targets/ESP32):
    /// - The native layer rejoins by itself whatever WifiReconnectionKind says:
    ///   NF_ESP32_Wireless_Start_Connect sets NF_ESP32_IsToConnect, and WIFI_EVENT_STA_DISCONNECTED
    ///   (_common/targetHAL_Network.cpp) calls esp_wifi_connect() again while it is set; only
    ///   WifiAdapter.Disconnect (NF_ESP32_Wireless_Disconnect) clears it. A stored configuration
    ///   with AutoConnect is joined at boot (NF_ESP32_Wireless_Open). So no join is left to it:
    ///   every join here starts with Disconnect, then WifiGuard, then
    ///   WifiAdapter.Connect(ssid, WifiReconnectionKind.Manual, password) (native wait up to 20 s,
    ///   WifiConnectionResult.ConnectionStatus), then WifiNetworkHelper.Reconnect(requiresDateTime:
    ///   true, 0, token), which only waits for an IPv4 address and DateTime.UtcNow.Year >= 2021
    ///   (System.Net NetworkHelper.InternalWaitNetworkAvailable; the ESP32 starts SNTP natively).
    ///   When the network goes away (NetworkChange.NetworkAvailabilityChanged, false) the
    ///   adapter is disconnected at once, ending the native rejoin; and after any failed attempt
    ///   or dropped link the next attempt joins through the guard again. Left: the native rejoin
    ///   may associate in the moment before that event is handled (an event during a join is
    ///   ignored, since the join's own Disconnect raises one); TLS pins the CA meanwhile.
    /// - WifiNetworkHelper.Status is not used to tell whether Wi-Fi is up: ConnectDhcp never
    ///   registers the helper's address-change callback, so it stays NetworkIsReady after a drop.
    /// </summary>
    internal sealed class Esp32MqttLink : IMessageLink
    {
        private const int WifiTimeoutMs = 60000;
        private const int ScanTimeoutMs = 15000;
        private const ushort KeepAliveSeconds = 60;

        /// <summary>Printed as "fleet link off: " + this (docs/flashing.md, step 10).</summary>
        public const string CaRefused = "fleet-ca.pem is not a certificate (PEM) TLS can use";

        private readonly FleetConfig _config;
        private readonly string _clientId;
        private readonly X509Certificate _ca;
        private readonly LinkSession _session = new LinkSession();
        private readonly object _gate = new object();
        private readonly ArrayList _topics = new ArrayList();
        private readonly ArrayList _payloads = new ArrayList();
        private readonly ArrayList _acks = new ArrayList();
        private string _willTopic;
        private byte[] _willPayload;
        private WifiAdapter _adapter;
        // Set by a guarded join, cleared when the network goes away; both under _gate.
        private bool _wifiJoined;
        private bool _joining;

        /// <summary>Throws when the CA is not a certificate (Program.OpenFleetLink reports it).</summary>
        public Esp32MqttLink(FleetConfig config, string terminalId)
        {
            _config = config;
            _clientId = terminalId;
            try
            {
                _ca = new X509Certificate(config.CaPem);
            }
            catch (Exception)
            {
                // The native parser's exception carries no text worth printing.
                throw new ArgumentException(CaRefused);
            }
            NetworkChange.NetworkAvailabilityChanged += NetworkAvailability;
        }

        public LinkState State { get { return _session.State; } }

        public string LastError { get { return _session.LastError; } }

        public LinkActivity Activity { get; set; }

        public void BeginConnect(string willTopic, byte[] willPayload)
        {
            if (!_session.Begin()) return;
            // Only the attempt thread reads these, and only one attempt runs at a time (Begin).
            _willTopic = willTopic;
            _willPayload = willPayload;
            new Thread(Attempt).Start();
        }

        /// <summary>The attempt's thread: nothing may escape it (an unhandled exception would end the app).</summary>
        private void Attempt()
        {
            MqttClient client = null;
            string problem = null;
            string stage = "wifi: ";
            try
            {
                DisposeRetired();
                problem = JoinWifi();
                if (problem == null && DateTime.UtcNow.Year < 2021) problem = "no valid time yet: TLS needs it";
                if (problem == null)
                {
                    stage = "broker: ";
                    client = new MqttClient(_config.Broker, _config.Port, true, _ca, null, MqttSslProtocols.TLSv1_2);
                    client.MqttMsgPublishReceived += Received;
                    client.MqttMsgPublished += Published;
                    client.ConnectionClosed += Closed;
                    _session.Attempting(client);
                    MqttReasonCode code = client.Connect(_clientId, _clientId, _config.BrokerPassword, true,
                        MqttQoSLevel.AtLeastOnce, true, _willTopic, Firmware.Fleet.Utf8.Decode(_willPayload), false, KeepAliveSeconds);
                    if (code != MqttReasonCode.Success) problem = "broker refused: " + ((int)code).ToString();
                }
            }
            catch (Exception e)
            {
                problem = stage + e.Message;
            }
            // IsConnected is read after Connect returned; a Closed after this read is still
            // recorded against the attempt until Finish (LinkSession.Finish).
            bool connected = client != null && client.IsConnected;
            object failed = _session.Finish(client, problem, connected);
            if (problem != null || failed != null) ForgetWifi();
            if (failed != null) Dispose((MqttClient)failed);
            Signal();
        }

        /// <summary>
        /// After a failed attempt or a dropped link the next attempt joins Wi-Fi again, through
        /// the guard: the drop may have been the network's, and the native layer may have
        /// rejoined on its own meanwhile (only a planned Disconnect keeps the joined network).
        /// </summary>
        private void ForgetWifi()
        {
            lock (_gate) _wifiJoined = false;
        }

        private string JoinWifi()
        {
            lock (_gate)
            {
                if (_wifiJoined) return null;
                _joining = true;
            }
            try
            {
                if (_adapter == null) _adapter = WifiAdapter.FindAllAdapters()[0];
                // End any join the native layer started on its own (boot AutoConnect, its rejoin).
                _adapter.Disconnect();
                string refused = WifiGuard.Check(_adapter, _config.Ssid, ScanTimeoutMs);
                if (refused != null) return refused;
                WifiConnectionResult joined = _adapter.Connect(_config.Ssid, WifiReconnectionKind.Manual, _config.WifiPassword);
                if (joined.ConnectionStatus != WifiConnectionStatus.Success)
                {
                    _adapter.Disconnect();
                    return "wifi: join failed (status " + ((int)joined.ConnectionStatus).ToString() + ")";
                }
                using (CancellationTokenSource timeout = new CancellationTokenSource(WifiTimeoutMs))
                {
                    if (!WifiNetworkHelper.Reconnect(true, 0, timeout.Token))
                    {
                        Exception e = WifiNetworkHelper.HelperException;
                        return "wifi: no address or time (status " + ((int)WifiNetworkHelper.Status).ToString() + ")" + (e != null ? " " + e.Message : "");
                    }
                }
                lock (_gate) _wifiJoined = true;
                return null;
            }
            finally
            {
                lock (_gate) _joining = false;
            }
        }

        /// <summary>
        /// The network went away: disconnect the adapter at once so the native layer does not
        /// rejoin without the guard. Ignored while a join runs (its own Disconnect raises it).
        /// Runs on the event thread; never throws.
        /// </summary>
        private void NetworkAvailability(object sender, NetworkAvailabilityEventArgs e)
        {
            if (e.IsAvailable) return;
            WifiAdapter adapter;
            lock (_gate)
            {
                if (_joining) return;
                _wifiJoined = false;
                adapter = _adapter;
            }
            if (adapter == null) return;
            try
            {
                adapter.Disconnect();
            }
            catch (Exception)
            {
            }
        }

        public void Disconnect()
        {
            MqttClient client = (MqttClient)_session.Drop();
            if (client == null) return;
            try
            {
                // DISCONNECT (a few bytes), then the client closes itself on its dispatch
                // thread; the next attempt disposes it (LinkSession.TakeRetired).
                client.Disconnect();
            }
            catch (Exception)
            {
            }
        }

        public bool Subscribe(string topicFilter)
        {
            MqttClient client = (MqttClient)_session.Live();
            if (client == null) return false;
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
            MqttClient client = (MqttClient)_session.Live();
            if (client == null) return 0;
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
            if (!_session.Accepts(sender)) return;
            lock (_gate)
            {
                _topics.Add(e.Topic);
                _payloads.Add(e.Message);
            }
            Signal();
        }

        private void Published(object sender, MqttMsgPublishedEventArgs e)
        {
            if (!e.IsPublished || !_session.Accepts(sender)) return;
            lock (_gate) _acks.Add((int)e.MessageId);
            Signal();
        }

        private void Closed(object sender, EventArgs e)
        {
            if (!_session.Closed(sender)) return;
            ForgetWifi();
            Signal();
        }

        private void DisposeRetired()
        {
            object client;
            while ((client = _session.TakeRetired()) != null) Dispose((MqttClient)client);
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

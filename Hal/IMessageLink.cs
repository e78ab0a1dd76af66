namespace PosTerminal.Hal
{
    /// <summary>Where a message link stands. Connecting: an attempt is under way in the background.</summary>
    public enum LinkState
    {
        Offline = 0,
        Connecting = 1,
        Online = 2
    }

    /// <summary>
    /// Called by a link from its own thread when something arrived (a message, an
    /// acknowledgement, a change of state), so a main loop that sleeps on wake events can wake.
    /// It must only signal: the firmware takes what arrived on its own thread.
    /// </summary>
    public delegate void LinkActivity();

    /// <summary>
    /// A publish/subscribe link to the fleet's broker (MQTT 3.1.1: MQTTnet in the simulator,
    /// nanoFramework.M2Mqtt over Wi-Fi and TLS on the ESP32). The board knows the broker, the
    /// credentials and the transport; the firmware knows only topics and payloads.
    ///
    /// Polled from the main loop: every member returns at once, and State, TryTakeMessage
    /// and TryTakeAck allocate nothing when nothing arrived. Connecting happens in the
    /// background; the firmware decides when to try again (its backoff). Every publish and
    /// subscription is QoS 1 ("at least once"), and the session is persistent (clean session
    /// off): the broker keeps the subscriptions and queues QoS 1 messages while offline.
    /// </summary>
    public interface IMessageLink
    {
        LinkState State { get; }

        /// <summary>Why the last attempt failed or the link dropped ("" when none); never holds a secret.</summary>
        string LastError { get; }

        /// <summary>
        /// Starts one connection attempt in the background when Offline (else does nothing). The
        /// broker publishes willPayload, retained, on willTopic when the link dies without a
        /// goodbye (power cut, network loss).
        /// </summary>
        void BeginConnect(string willTopic, byte[] willPayload);

        /// <summary>Ends the connection with a goodbye (the will is not published). Offline afterwards.</summary>
        void Disconnect();

        /// <summary>Subscribes (QoS 1) while Online; false when not online.</summary>
        bool Subscribe(string topicFilter);

        /// <summary>
        /// Queues a QoS 1 publish while Online: returns a token (1 or more) that TryTakeAck
        /// gives back once the broker acknowledged it (PUBACK), or 0 when not online. A publish
        /// whose link drops before the acknowledgement is never acknowledged: send it again.
        /// </summary>
        int Publish(string topic, byte[] payload, bool retain);

        /// <summary>The next message that arrived on a subscription, oldest first.</summary>
        bool TryTakeMessage(out string topic, out byte[] payload);

        /// <summary>The token of the next publish the broker acknowledged.</summary>
        bool TryTakeAck(out int token);

        /// <summary>Set by the board's main loop; may be null.</summary>
        LinkActivity Activity { get; set; }
    }
}

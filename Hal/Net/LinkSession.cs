using System.Collections;

namespace PosTerminal.Hal.Net
{
    /// <summary>
    /// The bookkeeping of an IMessageLink adapter whose MQTT client raises its events on its
    /// own threads and cannot be reused after a drop (the ESP32's nanoFramework.M2Mqtt): which
    /// client is live, which one an attempt is connecting, which dropped ones still wait to be
    /// disposed, and the state the firmware polls. Clients are opaque objects here; one lock
    /// guards everything, and every member returns at once (nothing here blocks or disposes).
    ///
    /// The cases it exists for:
    /// - a client that closes while Connect is still returning: its Closed fires before the
    ///   adapter knew it as live, so it is recorded against the attempt and Finish refuses it
    ///   (the link does not go Online with a dead client);
    /// - events from a client that already dropped or was let go: Accepts refuses them, so a
    ///   late PUBACK of an old client cannot pass for one of the new client's message ids;
    /// - a dropped client still holds a socket and wait handles until disposed, and disposing
    ///   takes over a second (M2Mqtt Close sleeps 200 ms and waits up to 1 s for its keep-alive
    ///   thread): Retired hands each one to the next attempt's thread, never to the main loop.
    /// </summary>
    public sealed class LinkSession
    {
        private readonly object _gate = new object();
        private readonly ArrayList _retired = new ArrayList();
        private LinkState _state = LinkState.Offline;
        private string _lastError = string.Empty;
        private object _live;
        private object _connecting;
        private bool _connectingClosed;

        public LinkState State { get { return _state; } }

        public string LastError { get { return _lastError; } }

        /// <summary>Offline to Connecting: true when the caller should start an attempt.</summary>
        public bool Begin()
        {
            lock (_gate)
            {
                if (_state != LinkState.Offline) return false;
                _state = LinkState.Connecting;
                return true;
            }
        }

        /// <summary>The client an attempt is about to connect: its events are accepted, its Closed recorded.</summary>
        public void Attempting(object client)
        {
            lock (_gate)
            {
                _connecting = client;
                _connectingClosed = false;
            }
        }

        /// <summary>
        /// Ends the attempt. Online only when there is no problem, the client still says it is
        /// connected (read by the caller after Connect returned) and no Closed came for it
        /// meanwhile: a Closed between that read and this call is still recorded, because the
        /// client stays the attempt's until here. Returns the client the caller must dispose
        /// now (the attempt failed), or null.
        /// </summary>
        public object Finish(object client, string problem, bool stillConnected)
        {
            lock (_gate)
            {
                bool closed = _connectingClosed && _connecting == client;
                _connecting = null;
                _connectingClosed = false;
                if (problem == null && client == null) problem = "no client";
                if (problem == null && (closed || !stillConnected)) problem = "connection closed while connecting";
                if (problem == null)
                {
                    _live = client;
                    _lastError = string.Empty;
                    _state = LinkState.Online;
                    return null;
                }
                _lastError = problem;
                _state = LinkState.Offline;
                return client;
            }
        }

        /// <summary>A client reports it closed: true when that took the link Offline (wake the main loop).</summary>
        public bool Closed(object sender)
        {
            lock (_gate)
            {
                if (sender != null && sender == _connecting)
                {
                    _connectingClosed = true;
                    return false;
                }
                if (sender == null || sender != _live) return false;
                Retire("connection closed");
                return true;
            }
        }

        /// <summary>
        /// The firmware ends the link: the live client (to say goodbye to), or null. Offline
        /// afterwards, unless an attempt is under way (it was never live; Finish decides).
        /// </summary>
        public object Drop()
        {
            lock (_gate)
            {
                object client = _live;
                if (client != null) Retire(string.Empty);
                return client;
            }
        }

        /// <summary>Whether an event from sender counts: the live client's, or the connecting one's (arrivals right after CONNACK).</summary>
        public bool Accepts(object sender)
        {
            lock (_gate)
            {
                return sender != null && (sender == _live || sender == _connecting);
            }
        }

        /// <summary>The live client while Online, else null.</summary>
        public object Live()
        {
            lock (_gate)
            {
                return _state == LinkState.Online ? _live : null;
            }
        }

        /// <summary>The next dropped client to dispose, oldest first, or null; for an attempt's thread.</summary>
        public object TakeRetired()
        {
            lock (_gate)
            {
                if (_retired.Count == 0) return null;
                object client = _retired[0];
                _retired.RemoveAt(0);
                return client;
            }
        }

        /// <summary>How many dropped clients wait to be disposed.</summary>
        public int RetiredCount
        {
            get { lock (_gate) return _retired.Count; }
        }

        private void Retire(string error)
        {
            _retired.Add(_live);
            _live = null;
            _state = LinkState.Offline;
            _lastError = error;
        }
    }
}

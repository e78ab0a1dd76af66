using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using PosTerminal.Virtual.Parts;

namespace PosTerminal.Virtual
{
    /// <summary>
    /// The maintenance console on a loopback TCP port (interactive mode, --console-port N):
    /// what a technician's serial cable is on the device. The client's bytes go onto the
    /// console's wire as they come (the firmware's line editor, with the device's line limit,
    /// makes lines of them); the bytes the firmware sends come back.
    /// <para>
    /// The firmware never waits for the client: what it sends is queued here, at most
    /// MaxQueuedBytes, and a writer thread of its own feeds the socket. A client that stops
    /// reading fills its socket, then the queue; past that output is dropped, counted, and the
    /// client is told how much when it reads again. One client at a time: a second one is told
    /// the console is busy and disconnected. Listens on 127.0.0.1 only: the console can unlock
    /// and factory-reset the terminal.
    /// </para>
    /// </summary>
    public sealed class ConsoleBridge : IDisposable
    {
        /// <summary>Output held for a client that is not reading, beyond what its socket holds; the rest is dropped.</summary>
        public const int MaxQueuedBytes = 16 * 1024;

        /// <summary>The kernel's send buffer asked for per client (Linux doubles it): the other bound on unread output.</summary>
        public const int SocketSendBuffer = 8 * 1024;

        public const string Banner = "PosTerminal maintenance console; type help";
        public const string BusyMessage = "error: console busy: another client is connected; try again later";

        private readonly SimConsolePort _port;
        private readonly TcpListener _listener;
        private readonly Thread _acceptThread;
        private readonly object _gate = new object();
        private Session _session;
        private volatile bool _stopping;

        private ConsoleBridge(SimConsolePort port, int tcpPort)
        {
            _port = port;
            _listener = new TcpListener(IPAddress.Loopback, tcpPort);
            _listener.Start();
            _port.Transmitted += Forward;
            _acceptThread = new Thread(Accept) { IsBackground = true, Name = "console bridge" };
            _acceptThread.Start();
        }

        /// <summary>Listens on 127.0.0.1:tcpPort (0 = any free port; see Port).</summary>
        public static ConsoleBridge Start(SimConsolePort port, int tcpPort)
        {
            return new ConsoleBridge(port, tcpPort);
        }

        public int Port { get { return ((IPEndPoint)_listener.LocalEndpoint).Port; } }

        /// <summary>Output bytes dropped because a client was not reading, since the bridge started.</summary>
        public long DroppedBytes { get { lock (_gate) return _dropped; } }

        /// <summary>Output bytes queued for the current client now (at most MaxQueuedBytes).</summary>
        public int QueuedBytes { get { lock (_gate) return _session == null ? 0 : _session.Queued; } }

        /// <summary>Clients turned away because one was already connected.</summary>
        public int BusyRefusals { get { lock (_gate) return _busy; } }

        /// <summary>True while a client is connected.</summary>
        public bool Connected { get { lock (_gate) return _session != null; } }

        private long _dropped;
        private int _busy;

        public void Dispose()
        {
            _stopping = true;
            _port.Transmitted -= Forward;
            _listener.Stop();
            Session session;
            lock (_gate)
            {
                session = _session;
                _session = null;
            }
            session?.Close();
            _acceptThread.Join(1000);
        }

        private void Accept()
        {
            while (!_stopping)
            {
                TcpClient client;
                try
                {
                    client = _listener.AcceptTcpClient();
                }
                catch (SocketException)
                {
                    return; // stopped
                }
                catch (ObjectDisposedException)
                {
                    return;
                }
                Session session = null;
                lock (_gate)
                {
                    if (_session == null) session = _session = new Session(this, client);
                    else _busy++;
                }
                if (session == null) TurnAway(client);
                else
                {
                    // Someone reads the console now: "back up first" may write (HasListener).
                    _port.Listening = true;
                    session.Start();
                }
            }
        }

        /// <summary>A second client: one line saying why, then the connection closes.</summary>
        private static void TurnAway(TcpClient client)
        {
            using (client)
            {
                try
                {
                    byte[] text = Encoding.UTF8.GetBytes(BusyMessage + "\r\n");
                    client.GetStream().Write(text, 0, text.Length);
                    client.Client.Shutdown(SocketShutdown.Both);
                }
                catch (IOException)
                {
                }
                catch (SocketException)
                {
                }
            }
        }

        /// <summary>On the firmware's thread: queue what it sent, never wait.</summary>
        private void Forward(byte[] bytes)
        {
            lock (_gate)
            {
                _session?.Enqueue(bytes);
            }
        }

        private void Ended(Session session)
        {
            lock (_gate)
            {
                if (_session != session) return;
                _session = null;
            }
            _port.Listening = false;
        }

        /// <summary>One client: a reader thread (client to wire) and a writer thread (queue to client).</summary>
        private sealed class Session
        {
            private readonly ConsoleBridge _bridge;
            private readonly TcpClient _client;
            private readonly NetworkStream _stream;
            private readonly Queue<byte[]> _queue = new Queue<byte[]>(); // a null entry marks a gap of dropped output
            private long _gapBytes;
            private bool _closed;

            public Session(ConsoleBridge bridge, TcpClient client)
            {
                _bridge = bridge;
                _client = client;
                _client.SendBufferSize = SocketSendBuffer;
                _client.NoDelay = true;
                _stream = client.GetStream();
            }

            /// <summary>Bytes queued (the bridge's lock held).</summary>
            public int Queued { get; private set; }

            public void Start()
            {
                lock (_bridge._gate) Enqueue(Encoding.UTF8.GetBytes(Banner + "\r\n"));
                new Thread(Read) { IsBackground = true, Name = "console bridge reader" }.Start();
                new Thread(Write) { IsBackground = true, Name = "console bridge writer" }.Start();
            }

            /// <summary>
            /// Called with the bridge's lock held: a write that fits is queued, one that does not is dropped and counted.
            /// Once output has been dropped, everything is dropped until the client has read what was
            /// queued before the gap and been told about it: the notice sits where the output is missing.
            /// </summary>
            public void Enqueue(byte[] bytes)
            {
                if (_closed) return;
                // Whole writes (a line each) or nothing, so the client never sees half a line.
                int fits = _gapBytes == 0 && bytes.Length <= MaxQueuedBytes - Queued ? bytes.Length : 0;
                if (fits > 0)
                {
                    _queue.Enqueue(bytes);
                    Queued += fits;
                }
                int dropped = bytes.Length - fits;
                if (dropped > 0)
                {
                    if (_gapBytes == 0) _queue.Enqueue(null);
                    _gapBytes += dropped;
                    _bridge._dropped += dropped;
                }
                Monitor.PulseAll(_bridge._gate);
            }

            public void Close()
            {
                lock (_bridge._gate)
                {
                    _closed = true;
                    Monitor.PulseAll(_bridge._gate);
                }
                try
                {
                    _client.Close();
                }
                catch (ObjectDisposedException)
                {
                }
            }

            private void Read()
            {
                var buffer = new byte[256];
                try
                {
                    int n;
                    while ((n = _stream.Read(buffer, 0, buffer.Length)) > 0)
                    {
                        var bytes = new byte[n];
                        Array.Copy(buffer, bytes, n);
                        _bridge._port.SendBytes(bytes);
                    }
                }
                catch (IOException)
                {
                }
                catch (ObjectDisposedException)
                {
                }
                _bridge.Ended(this);
                Close();
            }

            /// <summary>Takes queued output in order; at a gap, tells the client how much was dropped.</summary>
            private void Write()
            {
                while (true)
                {
                    byte[] next;
                    lock (_bridge._gate)
                    {
                        while (_queue.Count == 0 && !_closed) Monitor.Wait(_bridge._gate);
                        if (_closed) return;
                        next = _queue.Dequeue();
                        if (next == null)
                        {
                            next = Encoding.UTF8.GetBytes("\r\n[console: " + _gapBytes + " bytes of output dropped while this client was not reading]\r\n");
                            _gapBytes = 0;
                        }
                        else
                        {
                            Queued -= next.Length;
                        }
                    }
                    try
                    {
                        _stream.Write(next, 0, next.Length); // may wait for the client: only this thread does
                    }
                    catch (IOException)
                    {
                        Close();
                        return;
                    }
                    catch (ObjectDisposedException)
                    {
                        return;
                    }
                }
            }
        }
    }
}

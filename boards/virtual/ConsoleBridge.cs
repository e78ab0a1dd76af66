using System;
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
    /// what a technician's serial terminal is on the device. One client at a time; each line
    /// received goes to the console port, each line the firmware writes goes back.
    /// Listens on 127.0.0.1 only: the console can unlock and factory-reset the terminal.
    /// </summary>
    public sealed class ConsoleBridge : IDisposable
    {
        private readonly SimConsolePort _port;
        private readonly TcpListener _listener;
        private readonly Thread _thread;
        private readonly object _gate = new object();
        private StreamWriter _client;
        private volatile bool _stopping;

        private ConsoleBridge(SimConsolePort port, int tcpPort)
        {
            _port = port;
            _listener = new TcpListener(IPAddress.Loopback, tcpPort);
            _listener.Start();
            _port.LineWritten += Forward;
            _thread = new Thread(Serve) { IsBackground = true, Name = "console bridge" };
            _thread.Start();
        }

        /// <summary>Listens on 127.0.0.1:tcpPort (0 = any free port; see Port).</summary>
        public static ConsoleBridge Start(SimConsolePort port, int tcpPort)
        {
            return new ConsoleBridge(port, tcpPort);
        }

        public int Port { get { return ((IPEndPoint)_listener.LocalEndpoint).Port; } }

        public void Dispose()
        {
            _stopping = true;
            _port.LineWritten -= Forward;
            _listener.Stop();
            lock (_gate)
            {
                _client?.Dispose();
                _client = null;
            }
            _thread.Join(1000);
        }

        private void Serve()
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
                using (client)
                using (var reader = new StreamReader(client.GetStream(), Encoding.UTF8))
                {
                    lock (_gate)
                    {
                        _client = new StreamWriter(client.GetStream(), new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\r\n" };
                    }
                    _port.Listening = true;
                    Forward("PosTerminal maintenance console; type help");
                    try
                    {
                        string line;
                        while (!_stopping && (line = reader.ReadLine()) != null) _port.Send(line);
                    }
                    catch (IOException)
                    {
                    }
                    catch (ObjectDisposedException)
                    {
                        // Dispose closed the connection under the reader.
                    }
                    lock (_gate)
                    {
                        _client = null;
                    }
                    _port.Listening = false;
                }
            }
        }

        private void Forward(string line)
        {
            lock (_gate)
            {
                try
                {
                    _client?.WriteLine(line);
                }
                catch (IOException)
                {
                    _client = null;
                }
                catch (ObjectDisposedException)
                {
                    _client = null;
                }
            }
        }
    }
}

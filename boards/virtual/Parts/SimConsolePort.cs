using System;
using System.Collections.Generic;
using System.Text;
using PosTerminal.Hal;
using PosTerminal.Hal.Console;

namespace PosTerminal.Virtual.Parts
{
    /// <summary>
    /// The maintenance console's serial line, as bytes on a wire, with the device's own line
    /// handling on the firmware's end: the firmware reads and writes through Hal's
    /// SerialConsole (the class the ESP32 runs over its UART), so the line-length limit
    /// (board.json console.maxLineChars), CR/LF/CRLF and backspace behave as on the device.
    /// Bytes come in from a script (Send: a line and CR, as a terminal sends it) or the
    /// loopback TCP bridge (SendBytes), from any thread; bytes the firmware sends go out as
    /// Transmitted (raw) and, cut at CRLF, as lines (kept for scripts and announced through
    /// LineWritten), both on the firmware's thread.
    /// </summary>
    public sealed class SimConsolePort : IConsolePort, IPassTimer
    {
        /// <summary>Written lines kept for TakeOutput; older ones are dropped past this.</summary>
        public const int MaxKept = 1000;


        private readonly Wire _wire;
        private readonly bool _echo;
        private SerialConsole _console;
        private readonly Queue<string> _output = new Queue<string>();
        private readonly List<byte> _partial = new List<byte>();

        /// <summary>A line held to the ESP32 terminal's limit (board.json console.maxLineChars), no echo.</summary>
        public SimConsolePort() : this(BoardDescription.Default.Console.MaxLineChars, false)
        {
        }

        /// <param name="maxLineChars">The longest input line the firmware's end accepts.</param>
        /// <param name="echo">Echo typed characters (as the UART does for a serial terminal); scripts and line-mode clients leave it off.</param>
        public SimConsolePort(int maxLineChars, bool echo)
        {
            _wire = new Wire(this);
            _echo = echo;
            _console = new SerialConsole(_wire, maxLineChars, echo);
        }

        /// <summary>Each complete line the firmware's end sent (CRLF removed), on the firmware's thread.</summary>
        public event Action<string> LineWritten;

        /// <summary>Every byte the firmware's end sent, as sent (echo included), on the firmware's thread.</summary>
        public event Action<byte[]> Transmitted;

        /// <summary>The longest input line; setting it drops a half-typed line.</summary>
        public int MaxLineChars
        {
            get { return _console.MaxLineChars; }
            set { _console = new SerialConsole(_wire, value, _echo); }
        }

        /// <summary>
        /// Someone reads the console (IConsolePort.HasListener, for "back up first"). Set while a
        /// TCP client is connected (ConsoleBridge), from the first line a script or test types
        /// (SimBoard.SendConsoleLine), or by a test directly.
        /// </summary>
        public bool Listening { get; set; }

        public bool HasListener { get { return Listening; } }

        /// <summary>Input bytes the firmware has not consumed yet.</summary>
        public int PendingInput { get { return _wire.Pending + _console.Buffered; } }

        /// <summary>Types a line and Enter (CR), as a serial terminal sends it.</summary>
        public void Send(string line)
        {
            SendBytes(Encoding.UTF8.GetBytes(line + "\r"));
        }

        /// <summary>Raw bytes arriving on the line (the TCP bridge passes a client's bytes as they come).</summary>
        public void SendBytes(byte[] bytes)
        {
            _wire.Receive(bytes);
            BytesArrived?.Invoke();
        }

        /// <summary>Power-on: a UART keeps nothing that arrived while the board was off, nor a half-typed line.</summary>
        public void DropInput()
        {
            _wire.Clear();
            _console.Reset();
        }

        public bool TryReadLine(out string line)
        {
            return _console.TryReadLine(out line);
        }

        /// <summary>The firmware's end (SerialConsole) says when it needs a pass.</summary>
        public long NextPassMs { get { return _console.NextPassMs; } }

        /// <summary>Raised on any thread when bytes arrive: the board's wake signal (the UART's DataReceived).</summary>
        public event Action BytesArrived;

        public void WriteLine(string line)
        {
            _console.WriteLine(line);
        }

        /// <summary>The lines written since the last call.</summary>
        public string[] TakeOutput()
        {
            lock (_output)
            {
                string[] lines = _output.ToArray();
                _output.Clear();
                return lines;
            }
        }

        /// <summary>Bytes the firmware's end sent: raised raw, and cut into lines at CRLF.</summary>
        private void OnTransmit(byte[] buffer, int offset, int count)
        {
            var copy = new byte[count];
            Array.Copy(buffer, offset, copy, 0, count);
            Transmitted?.Invoke(copy);
            for (int i = 0; i < count; i++)
            {
                byte b = copy[i];
                if (b == 10 && _partial.Count > 0 && _partial[_partial.Count - 1] == 13)
                {
                    _partial.RemoveAt(_partial.Count - 1);
                    string line = Encoding.UTF8.GetString(_partial.ToArray());
                    _partial.Clear();
                    lock (_output)
                    {
                        _output.Enqueue(line);
                        while (_output.Count > MaxKept) _output.Dequeue();
                    }
                    LineWritten?.Invoke(line);
                }
                else
                {
                    _partial.Add(b);
                }
            }
        }

        /// <summary>The wire: a receive queue any thread fills, and the transmit side back to the port.</summary>
        private sealed class Wire : ISerialPort
        {
            private readonly SimConsolePort _port;
            private readonly Queue<byte> _received = new Queue<byte>();

            public Wire(SimConsolePort port)
            {
                _port = port;
            }

            public bool HasListener { get { return _port.Listening; } }

            public int Pending
            {
                get { lock (_received) return _received.Count; }
            }

            public void Receive(byte[] bytes)
            {
                lock (_received)
                {
                    foreach (byte b in bytes) _received.Enqueue(b);
                }
            }

            public void Clear()
            {
                lock (_received) _received.Clear();
            }

            public int Read(byte[] buffer, int offset, int count)
            {
                lock (_received)
                {
                    int n = 0;
                    while (n < count && _received.Count > 0) buffer[offset + n++] = _received.Dequeue();
                    return n;
                }
            }

            public void Write(byte[] buffer, int offset, int count)
            {
                _port.OnTransmit(buffer, offset, count);
            }
        }
    }
}

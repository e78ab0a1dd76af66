namespace PosTerminal.Hal.Console
{
    /// <summary>
    /// The maintenance console's lines over a byte-level serial line: input through the
    /// LineEditor (echo, CR/LF/CRLF, backspace, the line-length limit), output as UTF-8 with
    /// CRLF. The same class runs on the ESP32's UART and in the simulator, so the limit and
    /// the editing rules are the device's everywhere. An idle TryReadLine costs one Read that
    /// returns 0 and allocates nothing.
    /// </summary>
    public sealed class SerialConsole : IConsolePort, IPassTimer
    {
        private readonly ISerialPort _port;
        private readonly LineEditor _editor;
        private readonly byte[] _chunk = new byte[64];
        private readonly byte[] _echo = new byte[64 * 4];
        private byte[] _out = new byte[128];
        private int _chunkLength;
        private int _chunkPosition;
        private int _echoLength;
        private bool _mayHaveMore;

        /// <param name="port">The serial line.</param>
        /// <param name="maxLineChars">The longest input line (board.json console.maxLineChars).</param>
        /// <param name="echo">Echo typed characters back (a serial terminal); off for a line-mode client that shows its own.</param>
        public SerialConsole(ISerialPort port, int maxLineChars, bool echo)
        {
            if (port == null) throw new System.ArgumentNullException("port");
            _port = port;
            _editor = new LineEditor(maxLineChars, echo);
        }

        public int MaxLineChars { get { return _editor.MaxLineChars; } }

        public bool HasListener { get { return _port.HasListener; } }

        /// <summary>Bytes read from the port but not yet handled (a second line in the same chunk).</summary>
        public int Buffered { get { return _chunkLength - _chunkPosition; } }

        /// <summary>The answer to an over-long line (the line itself is dropped whole).</summary>
        public string TooLongMessage
        {
            get { return "error: line too long (at most " + MaxLineChars.ToString() + " characters); nothing was done"; }
        }

        /// <summary>
        /// After a line was taken more may be waiting (the reader stops after a few lines a pass,
        /// and the UART signalled once for all of them): the next pass at once. Otherwise only
        /// new bytes, which wake the loop, give the console work.
        /// </summary>
        public long NextPassMs { get { return _mayHaveMore ? 0 : long.MaxValue; } }

        public bool TryReadLine(out string line)
        {
            _mayHaveMore = ReadLine(out line);
            return _mayHaveMore;
        }

        private bool ReadLine(out string line)
        {
            line = null;
            while (true)
            {
                if (_chunkPosition == _chunkLength && !Refill())
                {
                    FlushEcho();
                    return false;
                }
                LineEvent e = _editor.Feed(_chunk[_chunkPosition++]);
                KeepEcho();
                if (e == LineEvent.Line)
                {
                    FlushEcho();
                    line = _editor.TakeLine();
                    if (line.Length > 0) return true; // an empty line only moves the terminal's cursor
                }
                else if (e == LineEvent.TooLong)
                {
                    FlushEcho();
                    WriteLine(TooLongMessage);
                }
            }
        }

        public void WriteLine(string line)
        {
            int n = Utf8.Encode(line, ref _out, 2);
            _out[n++] = 13;
            _out[n++] = 10;
            _port.Write(_out, 0, n);
        }

        /// <summary>Forgets a half-typed line and unread input (power-on: the UART kept nothing).</summary>
        public void Reset()
        {
            _editor.Reset();
            _chunkLength = 0;
            _chunkPosition = 0;
            _echoLength = 0;
            _mayHaveMore = false;
        }

        private bool Refill()
        {
            _chunkLength = _port.Read(_chunk, 0, _chunk.Length);
            _chunkPosition = 0;
            if (_chunkLength > 0) return true;
            _chunkLength = 0;
            return false;
        }

        private void KeepEcho()
        {
            int n = _editor.EchoCount;
            if (n == 0) return;
            if (_echoLength + n > _echo.Length) FlushEcho();
            System.Array.Copy(_editor.EchoBytes, 0, _echo, _echoLength, n);
            _echoLength += n;
        }

        /// <summary>Echo goes out once per chunk read, not per byte: each Write is a native call on the device.</summary>
        private void FlushEcho()
        {
            if (_echoLength == 0) return;
            _port.Write(_echo, 0, _echoLength);
            _echoLength = 0;
        }
    }
}

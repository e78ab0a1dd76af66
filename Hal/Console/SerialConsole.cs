namespace PosTerminal.Hal.Console
{
    /// <summary>
    /// The maintenance console's lines over a byte-level serial line: input through the
    /// LineEditor (echo, CR/LF/CRLF, backspace, the line-length limit), output as UTF-8 with
    /// CRLF. The same class runs on the ESP32's UART and in the simulator, so the limit and
    /// the editing rules are the device's everywhere. An idle TryReadLine costs one Read that
    /// returns 0 and allocates nothing. A chunk goes to the editor whole (LineEditor.Feed of a
    /// chunk: printable ASCII runs in one loop) and its echo out in one Write: a pasted backup
    /// must be read about as fast as 115200 baud brings it (UartConsole).
    /// </summary>
    public sealed class SerialConsole : IConsolePort, IPassTimer
    {
        private readonly ISerialPort _port;
        private readonly LineEditor _editor;
        private readonly byte[] _chunk = new byte[128];
        private byte[] _out = new byte[128];
        private int _chunkLength;
        private int _chunkPosition;
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
                if (_chunkPosition == _chunkLength && !Refill()) return false;
                LineEvent e = _editor.Feed(_chunk, _chunkPosition, _chunkLength);
                _chunkPosition += _editor.Used;
                if (_editor.EchoCount > 0) _port.Write(_editor.EchoBytes, 0, _editor.EchoCount);
                if (e == LineEvent.Line)
                {
                    line = _editor.TakeLine();
                    if (line.Length > 0) return true; // an empty line only moves the terminal's cursor
                }
                else if (e == LineEvent.TooLong)
                {
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
    }
}

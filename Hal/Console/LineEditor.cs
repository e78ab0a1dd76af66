namespace PosTerminal.Hal.Console
{
    /// <summary>What one received byte did to the line being typed.</summary>
    public enum LineEvent
    {
        /// <summary>Nothing finished yet.</summary>
        None = 0,

        /// <summary>A line ended (CR, LF or CRLF): take it with TakeLine.</summary>
        Line = 1,

        /// <summary>A line ended that was longer than MaxLineChars: it is dropped whole, nothing of it runs.</summary>
        TooLong = 2,
    }

    /// <summary>
    /// Turns the bytes a technician's serial terminal sends into lines, as a terminal
    /// program expects a device to: CR, LF or CRLF end a line (an LF right after a CR is
    /// the same line end, not an empty line); backspace (0x08) and DEL (0x7F) rub out the
    /// last character; input is UTF-8 (a character counts once however many bytes it has;
    /// a malformed sequence is '?'); other control bytes are ignored. Echo (when on) is what
    /// the terminal shows: printable characters as typed, "\b \b" for a rub-out, CRLF at a
    /// line end. A line longer than MaxLineChars is refused whole at its end (TooLong): its
    /// extra characters are not kept or echoed, so nothing of an over-long line is ever run.
    /// Portable and allocation-free per byte (TakeLine makes the one string).
    /// <para>
    /// Feed(data, offset, end) takes a chunk as the UART delivers it. Interpreted IL is slow on
    /// the device (0.3-0.93 µs per op), and a pasted backup is nearly all printable ASCII, so a
    /// run of printable ASCII is copied in one tight loop of locals and echoed with one
    /// Array.Copy; every other byte takes the one-byte path (Feed(byte)), with the same rules.
    /// </para>
    /// </summary>
    public sealed class LineEditor
    {
        private const byte Cr = 13;
        private const byte Lf = 10;
        private const byte Backspace = 8;
        private const byte Delete = 127;

        /// <summary>Echo bytes one chunk's Feed may produce before it returns for the caller to send them.</summary>
        public const int EchoCapacity = 128;

        // The most echo one byte adds on the one-byte path: the last byte of a 4-byte character (a rub-out is 3).
        private const int EchoPerByte = 4;

        private readonly char[] _line;
        private readonly byte[] _echo;
        private readonly bool _echoOn;
        private readonly int _maxLineChars;
        private int _echoCount;
        private int _length;
        private bool _tooLong;
        private bool _afterCr;
        private int _utf8Left;
        private int _utf8Value;
        private int _utf8Min;
        private bool _ready;

        /// <param name="maxLineChars">The longest line accepted (board.json console.maxLineChars).</param>
        /// <param name="echo">True to echo what is typed (a serial terminal shows only what the device sends back).</param>
        public LineEditor(int maxLineChars, bool echo)
        {
            if (maxLineChars < 1) throw new System.ArgumentOutOfRangeException("maxLineChars");
            _maxLineChars = maxLineChars;
            _line = new char[maxLineChars];
            _echo = new byte[EchoCapacity];
            _echoOn = echo;
        }

        public int MaxLineChars { get { return _maxLineChars; } }

        /// <summary>Characters typed on the current line so far.</summary>
        public int Length { get { return _length; } }

        /// <summary>Echo bytes produced by the last Feed (EchoCount of them from EchoBytes[0]).</summary>
        public byte[] EchoBytes { get { return _echo; } }

        public int EchoCount { get { return _echoCount; } }

        /// <summary>Bytes of data the last Feed(data, offset, end) took.</summary>
        public int Used { get; private set; }

        /// <summary>Feeds one received byte; see LineEvent. Echo for it is in EchoBytes/EchoCount.</summary>
        public LineEvent Feed(byte b)
        {
            _echoCount = 0;
            return Step(b);
        }

        /// <summary>
        /// Feeds data[offset..end) until a line ends (Line or TooLong: take it before the next
        /// Feed) or all of it is used, or the echo buffer is nearly full (None with Used &lt; the
        /// bytes given: send the echo and feed the rest). Used says how many bytes it took; their
        /// echo is in EchoBytes/EchoCount. The same lines and echo as feeding each byte alone.
        /// </summary>
        public LineEvent Feed(byte[] data, int offset, int end)
        {
            _echoCount = 0;
            int i = offset;
            while (i < end && _echoCount <= EchoCapacity - EchoPerByte)
            {
                int b = data[i];
                if (b >= 0x20 && b < Delete && _utf8Left == 0 && !_ready)
                {
                    i = AddAsciiRun(data, i, end);
                    continue;
                }
                i++;
                LineEvent e = Step((byte)b);
                if (e != LineEvent.None)
                {
                    Used = i - offset;
                    return e;
                }
            }
            Used = i - offset;
            return LineEvent.None;
        }

        private LineEvent Step(byte b)
        {
            if (_ready) Reset(); // the caller did not take the last line: it is gone
            bool afterCr = _afterCr;
            _afterCr = b == Cr;
            if (b == Cr || b == Lf)
            {
                _utf8Left = 0;
                if (b == Lf && afterCr) return LineEvent.None; // CRLF: the CR ended the line
                Echo(Cr);
                Echo(Lf);
                return EndLine();
            }
            if (b == Backspace || b == Delete)
            {
                RubOut();
                return LineEvent.None;
            }
            if (b < 0x20) return LineEvent.None; // other control bytes (ESC, Ctrl keys): ignored
            Decode(b);
            return LineEvent.None;
        }

        /// <summary>The line that just ended (after Feed answered Line).</summary>
        public string TakeLine()
        {
            string line = new string(_line, 0, _length);
            Reset();
            return line;
        }

        /// <summary>Forgets the line being typed (power-on, or a line the caller did not take).</summary>
        public void Reset()
        {
            _length = 0;
            _tooLong = false;
            _utf8Left = 0;
            _ready = false;
        }

        private LineEvent EndLine()
        {
            if (_tooLong)
            {
                Reset();
                return LineEvent.TooLong;
            }
            _ready = true;
            return LineEvent.Line;
        }

        /// <summary>UTF-8, one byte at a time: a character is added when its last byte arrives.</summary>
        private void Decode(byte b)
        {
            if (_utf8Left > 0)
            {
                if ((b & 0xC0) == 0x80)
                {
                    _utf8Value = (_utf8Value << 6) | (b & 0x3F);
                    if (--_utf8Left == 0) AddCodePoint(_utf8Value); // echoed whole, once all of it has come
                    return;
                }
                _utf8Left = 0;
                Add('?', (byte)'?'); // a sequence cut short
            }
            if (b < 0x80)
            {
                Add((char)b, b);
                return;
            }
            if ((b & 0xE0) == 0xC0) StartSequence(b & 0x1F, 1, 0x80);
            else if ((b & 0xF0) == 0xE0) StartSequence(b & 0x0F, 2, 0x800);
            else if ((b & 0xF8) == 0xF0) StartSequence(b & 0x07, 3, 0x10000);
            else Add('?', (byte)'?'); // a stray continuation byte or 0xF8-0xFF
        }

        /// <summary>
        /// The printable ASCII run that starts at data[start] (no UTF-8 sequence pending): the
        /// characters that fit are copied and echoed, the rest of an over-long line only skipped.
        /// Returns where the run stopped: a byte for the one-byte path, the end, or echo room.
        /// Fields are read once into locals: each field access is two IL ops per byte otherwise.
        /// </summary>
        private int AddAsciiRun(byte[] data, int start, int end)
        {
            _afterCr = false;
            int i = start;
            if (!_tooLong)
            {
                int stop = end;
                int room = _maxLineChars - _length;
                if (start + room < stop) stop = start + room;
                int echoRoom = EchoCapacity - _echoCount;
                if (_echoOn && start + echoRoom < stop) stop = start + echoRoom;
                char[] line = _line;
                int shift = _length - start; // line index = data index + shift
                while (i < stop)
                {
                    int b = data[i];
                    if (b < 0x20 || b >= Delete) break;
                    line[i + shift] = (char)b;
                    i++;
                }
                int kept = i - start;
                _length += kept;
                if (_echoOn && kept > 0)
                {
                    System.Array.Copy(data, start, _echo, _echoCount, kept);
                    _echoCount += kept;
                }
                if (i == end) return i;
                int next = data[i];
                if (next < 0x20 || next >= Delete) return i;
                if (_length < _maxLineChars) return i; // stopped for echo room: the caller sends it first
                _tooLong = true; // one more character than fits: refused at its end
            }
            while (i < end)
            {
                int b = data[i];
                if (b < 0x20 || b >= Delete) break;
                i++;
            }
            return i;
        }

        private void StartSequence(int bits, int more, int min)
        {
            _utf8Value = bits;
            _utf8Left = more;
            _utf8Min = min;
        }

        private void AddCodePoint(int cp)
        {
            if (cp < _utf8Min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            {
                Add('?', (byte)'?'); // overlong or not a character
                return;
            }
            if (!Room(cp >= 0x10000 ? 2 : 1)) return;
            if (cp >= 0x10000)
            {
                int high = cp - 0x10000;
                _line[_length++] = (char)(0xD800 + (high >> 10));
                _line[_length++] = (char)(0xDC00 + (high & 0x3FF));
            }
            else
            {
                _line[_length++] = (char)cp;
            }
            EchoUtf8(cp);
        }

        private void Add(char c, byte echo)
        {
            if (!Room(1)) return;
            _line[_length++] = c;
            Echo(echo);
        }

        /// <summary>True when chars more fit; otherwise the line is marked too long (refused at its end, not echoed).</summary>
        private bool Room(int chars)
        {
            if (!_tooLong && _length + chars <= _maxLineChars) return true;
            _tooLong = true;
            return false;
        }

        private void RubOut()
        {
            _utf8Left = 0;
            if (_tooLong || _length == 0) return; // an over-long line is refused whole: rubbing out cannot save it
            char last = _line[--_length];
            if (last >= 0xDC00 && last <= 0xDFFF && _length > 0) _length--; // the whole surrogate pair
            Echo(Backspace);
            Echo((byte)' ');
            Echo(Backspace);
        }

        private void Echo(byte b)
        {
            if (_echoOn) _echo[_echoCount++] = b;
        }

        private void EchoUtf8(int cp)
        {
            if (!_echoOn) return;
            if (cp < 0x800)
            {
                _echo[_echoCount++] = (byte)(0xC0 | (cp >> 6));
            }
            else if (cp < 0x10000)
            {
                _echo[_echoCount++] = (byte)(0xE0 | (cp >> 12));
                _echo[_echoCount++] = (byte)(0x80 | ((cp >> 6) & 0x3F));
            }
            else
            {
                _echo[_echoCount++] = (byte)(0xF0 | (cp >> 18));
                _echo[_echoCount++] = (byte)(0x80 | ((cp >> 12) & 0x3F));
                _echo[_echoCount++] = (byte)(0x80 | ((cp >> 6) & 0x3F));
            }
            _echo[_echoCount++] = (byte)(0x80 | (cp & 0x3F));
        }
    }
}

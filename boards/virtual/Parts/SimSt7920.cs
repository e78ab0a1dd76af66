using System;
using System.Collections.Generic;
using System.Text;

namespace PosTerminal.Virtual.Parts
{
    /// <summary>
    /// An ST7920 in serial text mode, decoded from its SPI byte stream: DDRAM (32 addresses
    /// of two bytes), the address counter and the display-on flag. It renders the 4 text
    /// rows as the glass shows them (GB2312 decoded back to Unicode) and reports what a real
    /// controller would silently get wrong:
    /// - protocol errors: a bad sync byte, a nibble byte whose low nibble is not zero,
    ///   an instruction cut short by chip select, instructions this model does not know;
    /// - misaligned Chinese: a GB2312 byte in the second half of an address;
    /// - timing violations: an instruction completing before the previous one has executed
    ///   (72 µs, clear 1.6 ms) or within 40 ms of power-on.
    /// </summary>
    public sealed class SimSt7920 : ISpiDevice
    {
        public const int ExecutionMicros = 72;
        public const int ClearMicros = 1600;
        public const int PowerUpMicros = 40000;

        /// <summary>DDRAM address of each text row's first cell.</summary>
        public static readonly int[] RowAddress = { 0x80, 0x90, 0x88, 0x98 };

        /// <summary>The CGROM's 16×16 glyphs by GB2312 code: index (first - 0xA1) * 94 + (second - 0xA1); '\0' where none.</summary>
        private static readonly char[] Glyphs;

        private readonly byte[] _ddram = new byte[64];
        private readonly List<string> _protocolErrors = new List<string>();
        private readonly List<string> _alignmentErrors = new List<string>();
        private readonly List<string> _timingViolations = new List<string>();

        /// <summary>An explicit static constructor builds the glyph table when the part is made, not inside a measured main-loop pass.</summary>
        static SimSt7920()
        {
            Glyphs = DecodeGb2312();
        }

        private bool _powered;
        private int _phase;             // 0: expecting a sync byte, 1: high nibble, 2: low nibble
        private bool _isData;
        private int _highNibble;
        private int _address;           // address counter, 0..31 (DDRAM 0x80..0x9F)
        private bool _secondByte;       // next data byte goes to the address's second half
        private long _readyAtNanos;
        private int _lastInstruction = -1;

        public bool Powered { get { return _powered; } }

        public bool DisplayOn { get; private set; }

        /// <summary>Address counter as the "set DDRAM address" value, 0x80..0x9F.</summary>
        public int AddressCounter { get { return 0x80 + _address; } }

        public long Instructions { get; private set; }

        public long DataWrites { get; private set; }

        public long Commands { get; private set; }

        /// <summary>Display Clear instructions (0x01) executed: the driver sends one at initialisation only.</summary>
        public long Clears { get; private set; }

        public IReadOnlyList<string> ProtocolErrors { get { return _protocolErrors; } }

        public IReadOnlyList<string> AlignmentErrors { get { return _alignmentErrors; } }

        public IReadOnlyList<string> TimingViolations { get { return _timingViolations; } }

        /// <summary>Every problem reported since creation, all kinds together.</summary>
        public IReadOnlyList<string> Problems
        {
            get
            {
                var all = new List<string>(_protocolErrors);
                all.AddRange(_alignmentErrors);
                all.AddRange(_timingViolations);
                return all;
            }
        }

        /// <summary>VDD rises at virtual time nowMicros: display off, DDRAM spaces, serial counter reset.</summary>
        public void PowerOn(long nowMicros)
        {
            _powered = true;
            DisplayOn = false;
            Array.Fill(_ddram, (byte)0x20);
            _phase = 0;
            _address = 0;
            _secondByte = false;
            _readyAtNanos = (nowMicros + PowerUpMicros) * 1000;
            _lastInstruction = -1;
        }

        public void PowerOff()
        {
            _powered = false;
        }

        /// <summary>Copy of DDRAM: byte 2 × (address - 0x80) and the next.</summary>
        public byte[] Ddram()
        {
            return (byte[])_ddram.Clone();
        }

        /// <summary>The 4 text rows as the glass shows them: 16 cells each, a Chinese character taking two.</summary>
        public string[] Render()
        {
            var rows = new string[RowAddress.Length];
            for (int r = 0; r < rows.Length; r++)
            {
                rows[r] = _powered && DisplayOn ? RenderRow(RowAddress[r] - 0x80) : new string(' ', 16);
            }
            return rows;
        }

        public void Select()
        {
            // Chip select high: the serial counter restarts at the first bit (datasheet).
            _phase = 0;
        }

        public void Deselect()
        {
            if (_phase != 0) ProtocolError("instruction cut short by chip select after " + _phase + " of 3 bytes");
            _phase = 0;
        }

        public void Receive(byte value, long endNanos)
        {
            if (!_powered) return;
            switch (_phase)
            {
                case 0:
                    if (value == 0xF8 || value == 0xFA)
                    {
                        _isData = value == 0xFA;
                        _phase = 1;
                    }
                    else
                    {
                        ProtocolError("bad sync byte 0x" + value.ToString("X2") + " (expected 0xF8 or 0xFA; reads are not possible in serial mode)");
                    }
                    return;
                case 1:
                    CheckNibbleByte(value, "high");
                    _highNibble = value & 0xF0;
                    _phase = 2;
                    return;
                default:
                    CheckNibbleByte(value, "low");
                    _phase = 0;
                    Execute(_highNibble | (value >> 4), endNanos);
                    return;
            }
        }

        private void CheckNibbleByte(byte value, string which)
        {
            if ((value & 0x0F) != 0)
                ProtocolError("the " + which + " nibble byte 0x" + value.ToString("X2") + " has a non-zero low nibble");
        }

        private void Execute(int value, long endNanos)
        {
            Instructions++;
            CheckTiming(value, endNanos);
            if (_isData)
            {
                DataWrites++;
                WriteData(value);
                _readyAtNanos = endNanos + ExecutionMicros * 1000L;
            }
            else
            {
                Commands++;
                _readyAtNanos = endNanos + Command(value) * 1000L;
            }
            _lastInstruction = (_isData ? 0x100 : 0) | value;
        }

        private void CheckTiming(int value, long endNanos)
        {
            if (endNanos >= _readyAtNanos) return;
            string what = (_isData ? "data 0x" : "command 0x") + value.ToString("X2");
            string before = _lastInstruction < 0
                ? "the 40 ms power-up time"
                : (_lastInstruction >= 0x100 ? "data 0x" : "command 0x") + (_lastInstruction & 0xFF).ToString("X2") + " had executed";
            _timingViolations.Add(what + " at " + endNanos / 1000.0 + " µs arrived " + (_readyAtNanos - endNanos) / 1000.0 + " µs before " + before);
        }

        /// <summary>Executes a command of the basic set; returns its execution time in µs.</summary>
        private int Command(int value)
        {
            if (value >= 0x80)
            {
                SetAddress(value);
                return ExecutionMicros;
            }
            if (value == 0x01)
            {
                Clears++;
                Array.Fill(_ddram, (byte)0x20);
                _address = 0;
                _secondByte = false;
                return ClearMicros;
            }
            if (value == 0x02 || value == 0x03)
            {
                _address = 0;
                _secondByte = false;
            }
            else if (value == 0x06)
            {
                // entry mode: increment, no shift (the only one modelled)
            }
            else if ((value & 0xF8) == 0x08)
            {
                DisplayOn = (value & 0x04) != 0;
            }
            else if ((value & 0xE0) == 0x20)
            {
                if ((value & 0x04) != 0) ProtocolError("function set 0x" + value.ToString("X2") + " selects the extended instruction set (not modelled)");
            }
            else
            {
                ProtocolError("command 0x" + value.ToString("X2") + " is not modelled (text mode, basic set only)");
            }
            return ExecutionMicros;
        }

        private void SetAddress(int value)
        {
            if (_secondByte) ProtocolError("address set after only one byte of DDRAM address 0x" + AddressCounter.ToString("X2") + ": both bytes must be written");
            if (value > 0x9F)
            {
                ProtocolError("DDRAM address 0x" + value.ToString("X2") + " is outside the text rows (0x80-0x9F)");
                return;
            }
            _address = value - 0x80;
            _secondByte = false;
        }

        private void WriteData(int value)
        {
            _ddram[_address * 2 + (_secondByte ? 1 : 0)] = (byte)value;
            if (!_secondByte)
            {
                _secondByte = true;
                return;
            }
            _secondByte = false;
            CheckPair(_address);
            _address = (_address + 1) & 31;
        }

        /// <summary>A 16×16 character is drawn only from both bytes of one address.</summary>
        private void CheckPair(int address)
        {
            byte first = _ddram[address * 2];
            byte second = _ddram[address * 2 + 1];
            if (first < 0x80 && second >= 0x80)
                _alignmentErrors.Add("GB2312 byte 0x" + second.ToString("X2") + " in the second half of " + Where(address) + ": a Chinese character must start on an even cell");
            else if (first >= 0x80 && Decode(first, second) == '\0')
                _alignmentErrors.Add("0x" + first.ToString("X2") + second.ToString("X2") + " at " + Where(address) + " is not a GB2312 character");
        }

        private string RenderRow(int firstAddress)
        {
            var text = new StringBuilder(16);
            for (int a = firstAddress; a < firstAddress + 8; a++)
            {
                byte first = _ddram[a * 2];
                byte second = _ddram[a * 2 + 1];
                char wide = first >= 0x80 ? Decode(first, second) : '\0';
                if (wide != '\0')
                {
                    text.Append(wide);
                    continue;
                }
                text.Append(HalfWidth(first));
                text.Append(HalfWidth(second));
            }
            return text.ToString();
        }

        private static char HalfWidth(byte b)
        {
            return b >= 0x20 && b <= 0x7E ? (char)b : '?';
        }

        /// <summary>The character the CGROM draws for a GB2312 pair, or '\0' when the pair is not GB2312.</summary>
        private static char Decode(byte first, byte second)
        {
            if (first < 0xA1 || first > 0xFE || second < 0xA1 || second > 0xFE) return '\0';
            return Glyphs[(first - 0xA1) * 94 + (second - 0xA1)];
        }

        private static string Where(int address)
        {
            return "DDRAM address 0x" + (0x80 + address).ToString("X2") + " (" + Place(address) + ")";
        }

        private static string Place(int address)
        {
            for (int r = 0; r < RowAddress.Length; r++)
            {
                int offset = address - (RowAddress[r] - 0x80);
                if (offset >= 0 && offset < 8) return "row " + r + ", cell " + offset * 2;
            }
            return "off screen";
        }

        private void ProtocolError(string message)
        {
            _protocolErrors.Add(message);
        }

        /// <summary>
        /// Decodes every GB2312 code once with .NET's code page 936 (GBK, a superset), keeping
        /// only GB2312's rows: symbols 0xA1-0xA9 and hanzi 0xB0-0xF7.
        /// </summary>
        private static char[] DecodeGb2312()
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            Encoding gbk = Encoding.GetEncoding(936, EncoderFallback.ExceptionFallback, DecoderFallback.ReplacementFallback);
            var glyphs = new char[94 * 94];
            var pair = new byte[2];
            for (int first = 0xA1; first <= 0xFE; first++)
            {
                if (first > 0xA9 && first < 0xB0 || first > 0xF7) continue;
                for (int second = 0xA1; second <= 0xFE; second++)
                {
                    pair[0] = (byte)first;
                    pair[1] = (byte)second;
                    string text = gbk.GetString(pair);
                    bool drawn = text.Length == 1 && text[0] != '\uFFFD' && (text[0] < '\uE000' || text[0] > '\uF8FF');
                    glyphs[(first - 0xA1) * 94 + (second - 0xA1)] = drawn ? text[0] : '\0';
                }
            }
            return glyphs;
        }
    }
}

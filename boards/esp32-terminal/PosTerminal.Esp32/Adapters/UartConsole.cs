using System.IO.Ports;
using nanoFramework.Hardware.Esp32;
using PosTerminal.Hal;

namespace PosTerminal.Esp32.Adapters
{
    /// <summary>
    /// The maintenance console on a UART (COM3 = UART2 here; COM1 carries nanoFramework's wire
    /// protocol). Input is polled from the main loop: BytesToRead, then Read of what is there,
    /// so nothing ever blocks. Lines end at CR or LF; backspace edits; commands are ASCII.
    /// Output goes through SerialPort.WriteLine, which the native side sends as UTF-8.
    /// The pins are assigned beforehand with Configuration.SetPinFunction (Program).
    /// </summary>
    public sealed class UartConsole : IConsolePort
    {
        private const int MaxLine = 200;

        // A pasted backup is up to about 6 KB. Each line costs est. 1.4-8.8 ms to check (4.7-9.5 k
        // IL ops, counted on nanoCLR), a little less than it takes to arrive, but a pass also
        // scans the keypad and the default receive buffer, 256 bytes
        // (System.IO.Ports SerialPort._bufferSize), is only 22 ms of input at 115200 baud.
        // 4 KB is allocated twice from the native heap (the driver's ring and
        // uart_driver_install's, nf-interpreter sys_io_ser_native_System_IO_Ports_SerialPort.cpp).
        // Not measured on a device: if a line is still lost, restore names it and changes
        // nothing, and a per-line paste delay in the terminal program helps.
        private const int ReceiveBuffer = 4096;

        // A UART has no carrier line: someone is taken to be there while bytes arrived lately.
        private const ulong ListenerWindowUs = 5UL * 60 * 1000 * 1000;
        private ulong _lastByteUs;
        private bool _anyByte;
        private readonly SerialPort _port;
        private readonly byte[] _chunk = new byte[64];
        private readonly char[] _line = new char[MaxLine];
        private int _chunkLength;
        private int _chunkPosition;
        private int _lineLength;
        private bool _tooLong;

        public UartConsole(string portName, int baudRate)
        {
            _port = new SerialPort(portName, baudRate);
            _port.WriteTimeout = 500;
            _port.NewLine = "\r\n";
            _port.ReadBufferSize = ReceiveBuffer;
            _port.Open();
        }

        public bool TryReadLine(out string line)
        {
            line = null;
            while (NextByte(out byte b))
            {
                if (b == '\r' || b == '\n')
                {
                    if (_tooLong)
                    {
                        _tooLong = false;
                        _lineLength = 0;
                        WriteLine("line too long (at most " + MaxLine + " characters)");
                    }
                    else if (_lineLength > 0)
                    {
                        line = new string(_line, 0, _lineLength);
                        _lineLength = 0;
                        return true;
                    }
                }
                else if (b == 8 || b == 127)
                {
                    if (_lineLength > 0) _lineLength--;
                }
                else if (_lineLength == MaxLine)
                {
                    _tooLong = true;
                }
                else
                {
                    // Anything outside printable ASCII is shown as '?' and refused by the command parser.
                    _line[_lineLength++] = b >= 0x20 && b < 0x7F ? (char)b : '?';
                }
            }
            return false;
        }

        /// <summary>True while a byte arrived in the last 5 minutes (the console session timeout).</summary>
        public bool HasListener
        {
            get { return _anyByte && HighResTimer.GetCurrent() - _lastByteUs < ListenerWindowUs; }
        }

        public void WriteLine(string line)
        {
            _port.WriteLine(line);
        }

        private bool NextByte(out byte b)
        {
            if (_chunkPosition == _chunkLength)
            {
                int available = _port.BytesToRead;
                if (available <= 0)
                {
                    b = 0;
                    return false;
                }
                _chunkLength = _port.Read(_chunk, 0, available < _chunk.Length ? available : _chunk.Length);
                _chunkPosition = 0;
                if (_chunkLength <= 0)
                {
                    _chunkLength = 0;
                    b = 0;
                    return false;
                }
                _lastByteUs = HighResTimer.GetCurrent();
                _anyByte = true;
            }
            b = _chunk[_chunkPosition++];
            return true;
        }
    }
}

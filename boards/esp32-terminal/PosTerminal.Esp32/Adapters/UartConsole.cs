using System.IO.Ports;
using nanoFramework.Hardware.Esp32;
using PosTerminal.Hal;
using PosTerminal.Hal.Console;

namespace PosTerminal.Esp32.Adapters
{
    /// <summary>
    /// The maintenance console's UART (COM3 = UART2 here; COM1 carries nanoFramework's wire
    /// protocol), as bytes only: line editing, echo and the line-length limit are Hal's
    /// SerialConsole, the same code the simulator runs. Read never blocks: it asks BytesToRead
    /// first, because SerialPort.Read throws TimeoutException when nothing is waiting
    /// (nanoframework/System.IO.Ports SerialPort.cs). DataReceived (raised on the event
    /// dispatcher thread) wakes the main loop. The pins are assigned beforehand with
    /// Configuration.SetPinFunction (Program).
    /// </summary>
    public sealed class UartConsole : ISerialPort
    {
        // A pasted backup is up to about 6 KB. Each line costs est. 1.4-8.8 ms to check (4.7-9.5 k
        // IL ops, counted on nanoCLR), a little less than it takes to arrive, but a pass also
        // scans the keypad and the default receive buffer, 256 bytes
        // (System.IO.Ports SerialPort._bufferSize), is only 22 ms of input at 115200 baud.
        // 4 KB is allocated twice from the native heap (the driver's ring and
        // uart_driver_install's, nf-interpreter sys_io_ser_native_System_IO_Ports_SerialPort.cpp).
        // Not measured on a device: if a line is still lost, restore names it and changes
        // nothing, and a per-line paste delay in the terminal program helps.
        private const int ReceiveBuffer = 4096;

        // A UART has no carrier line: someone is taken to be there while bytes arrived lately
        // (the console session's 5 minutes).
        private const ulong ListenerWindowUs = 5UL * 60 * 1000 * 1000;

        private readonly SerialPort _port;
        private readonly IWake _wake;
        private ulong _lastByteUs;
        private bool _anyByte;

        public UartConsole(string portName, int baudRate, IWake wake)
        {
            _wake = wake;
            _port = new SerialPort(portName, baudRate);
            _port.WriteTimeout = 500;
            _port.ReadBufferSize = ReceiveBuffer;
            _port.ReceivedBytesThreshold = 1;
            _port.DataReceived += OnDataReceived;
            _port.Open();
        }

        /// <summary>True while a byte arrived in the last 5 minutes.</summary>
        public bool HasListener
        {
            get { return _anyByte && HighResTimer.GetCurrent() - _lastByteUs < ListenerWindowUs; }
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            int available = _port.BytesToRead;
            if (available <= 0) return 0;
            int n = _port.Read(buffer, offset, available < count ? available : count);
            if (n > 0)
            {
                _lastByteUs = HighResTimer.GetCurrent();
                _anyByte = true;
            }
            return n;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            _port.Write(buffer, offset, count);
        }

        private void OnDataReceived(object sender, SerialDataReceivedEventArgs e)
        {
            _wake.Signal();
        }
    }
}

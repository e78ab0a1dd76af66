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
        // A pasted backup is up to 59 lines, about 7 KB, arriving at 115200 baud (86.8 µs a byte).
        // Reading a line costs less than its arrival (counted on nanoCLR, IL ops x 0.30-0.93 µs, the
        // firmware of commit 8a0b40f in harness2 with UART Read and Write one native copy each, as here):
        // SerialConsole takes 5,030 IL ops for a 180-character line with echo (est. 1.5-4.7 ms; it
        // arrives in 15.7 ms), and the whole pass that reads (echo off) and checks a pasted restore
        // line 7,154-13,598 (est. 2.1-12.6 ms for lines of 64-128 characters, which arrive in
        // 5.6-11.2 ms; the header line 20,819). Modelled over a 59-line paste from those counts
        // (scripts/full-restore of harness2: 25 lines; audit lines repeated), at most about
        // 1.4 KB waits here at the slow end (before LineEditor's chunked reading: 32,252 IL ops a
        // 180-character line and about 4 KB). The default buffer, 256 bytes (System.IO.Ports
        // SerialPort._bufferSize), is only 22 ms of input. The size is allocated twice from the native
        // heap (the driver's ring and uart_driver_install's, nf-interpreter targets/ESP32/_nanoCLR/
        // System.IO.Ports/sys_io_ser_native_System_IO_Ports_SerialPort.cpp, NativeInit), 8 KB for
        // 4 KB, so it is not raised. Input that finds it full is dropped (the ring keeps what fits):
        // restore then names the damaged line and changes nothing. Echo leaves as fast as input
        // arrives, and Write waits only while the 128-byte TX FIFO is full. Not measured on a device.
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

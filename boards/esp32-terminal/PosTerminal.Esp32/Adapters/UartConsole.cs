using System.IO.Ports;
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
        private readonly SerialPort _port;
        private readonly IWake _wake;

        public UartConsole(string portName, int baudRate, IWake wake)
        {
            _wake = wake;
            _port = new SerialPort(portName, baudRate);
            _port.WriteTimeout = 500;
            _port.ReceivedBytesThreshold = 1;
            _port.DataReceived += OnDataReceived;
            _port.Open();
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            int available = _port.BytesToRead;
            if (available <= 0) return 0;
            return _port.Read(buffer, offset, available < count ? available : count);
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

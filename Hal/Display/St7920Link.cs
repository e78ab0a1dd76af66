using PosTerminal.Hal.Pins;

namespace PosTerminal.Hal.Display
{
    /// <summary>
    /// The ST7920's serial protocol (PSB tied low) and its pacing.
    ///
    /// Framing (datasheet, "Timing Diagram of Serial Mode Data Transfer"): every instruction
    /// is 24 bits: a sync byte (five 1s, RW, RS, 0: 0xF8 for a command, 0xFA for data), then
    /// the high nibble in bits 7-4 of a second byte and the low nibble in bits 7-4 of a third.
    ///
    /// Pacing: serial mode cannot read the busy flag, and the controller has no instruction
    /// buffer, so an instruction must not complete before the previous one has executed
    /// (72 µs typical at fosc = 540 kHz; clear 1.6 ms). The controller acts on an
    /// instruction when its last bit arrives, so consecutive instructions on a continuous
    /// bus complete 24 bit times apart. At a bus clock of at most 24 bits / 72 µs
    /// (333 kHz) the bus itself is the wait: a whole update goes out in one transfer. At a
    /// faster clock each instruction is sent alone and followed by an explicit wait.
    /// </summary>
    internal sealed class St7920Link
    {
        /// <summary>Execution time of every instruction but clear (datasheet table, fosc = 540 kHz).</summary>
        public const int ExecutionMicros = 72;

        private const byte SyncCommand = 0xF8;
        private const byte SyncData = 0xFA;
        private const int BytesPerInstruction = 3;

        private readonly ISpiBus _bus;
        private readonly IClock _clock;
        private readonly bool _busPaces;
        private readonly byte[] _buffer = new byte[32 * BytesPerInstruction];
        private int _used;

        public St7920Link(ISpiBus bus, IClock clock)
        {
            _bus = bus;
            _clock = clock;
            _busPaces = MicrosPerInstruction(bus.ClockHz) >= ExecutionMicros;
        }

        /// <summary>True when the bus clock alone spaces instructions by at least their execution time.</summary>
        public bool BusPaces { get { return _busPaces; } }

        /// <summary>Time one 24-bit instruction takes on a bus clocked at clockHz.</summary>
        public static int MicrosPerInstruction(int clockHz)
        {
            return (int)(24L * 1000000 / clockHz);
        }

        /// <summary>Queues a command taking the normal execution time.</summary>
        public void Command(int value)
        {
            Queue(SyncCommand, value);
        }

        /// <summary>Queues one DDRAM data byte.</summary>
        public void Data(int value)
        {
            Queue(SyncData, value);
        }

        /// <summary>Sends what is queued.</summary>
        public void Flush()
        {
            if (_used == 0) return;
            _bus.Write(_buffer, 0, _used);
            _used = 0;
        }

        /// <summary>Sends one command on its own, then waits waitMicros (init and clear: waits longer than the bus gives).</summary>
        public void CommandThenWait(int value, int waitMicros)
        {
            Flush();
            Frame(SyncCommand, value);
            Flush();
            _clock.DelayMicroseconds(waitMicros);
        }

        private void Queue(byte sync, int value)
        {
            if (_busPaces)
            {
                if (_used == _buffer.Length) Flush();
                Frame(sync, value);
                return;
            }
            Frame(sync, value);
            Flush();
            _clock.DelayMicroseconds(ExecutionMicros);
        }

        private void Frame(byte sync, int value)
        {
            _buffer[_used++] = sync;
            _buffer[_used++] = (byte)(value & 0xF0);
            _buffer[_used++] = (byte)((value << 4) & 0xF0);
        }
    }
}

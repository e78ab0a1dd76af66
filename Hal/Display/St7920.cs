using System;
using PosTerminal.Hal.Pins;

namespace PosTerminal.Hal.Display
{
    /// <summary>
    /// ST7920 128×64 LCD in text mode over its write-only serial interface: 4 rows of
    /// 16 half-width cells (or 8 GB2312 characters) from the controller's font ROMs.
    ///
    /// The driver keeps a copy of the controller's DDRAM and sends only the addresses whose
    /// two bytes change: one "set DDRAM address" per run of changed addresses, then their
    /// data. A key press that changes one field costs a few instructions, not a redraw.
    /// </summary>
    public sealed class St7920 : ITextDisplay
    {
        public const int TextRows = 4;
        public const int TextColumns = 16;

        // Instructions of the basic set (datasheet "Instruction set 1", RE = 0).
        private const int FunctionSetBasic = 0x30;      // DL = 1 (8-bit), RE = 0 (basic set)
        private const int DisplayOnCursorOff = 0x0C;    // D = 1, C = 0, B = 0
        private const int Clear = 0x01;                 // fills DDRAM with 0x20, AC = 0
        private const int EntryModeIncrement = 0x06;    // I/D = 1, S = 0: AC moves right, no shift
        private const int SetDdramAddress = 0x80;

        // Waits of the datasheet's initialisation flowchart, each longer than the
        // instruction's execution time; paid once at power-on.
        private const int PowerUpMs = 40;               // > 40 ms after VDD rises
        private const int FunctionSetWaitMicros = 100;  // > 100 µs
        private const int SecondFunctionSetWaitMicros = 72; // flowchart: > 37 µs, less than its 72 µs execution time
        private const int DisplayOnWaitMicros = 100;    // > 100 µs
        private const int ClearWaitMicros = 10000;      // > 10 ms in the flowchart (1.6 ms in the execution table)

        /// <summary>DDRAM address of each text row's first cell: 0x80, 0x90, 0x88, 0x98.</summary>
        private static readonly int[] RowAddress = { 0x80, 0x90, 0x88, 0x98 };

        private readonly St7920Link _link;
        private readonly byte[] _shown = new byte[TextRows * DdramRow.Bytes];
        private readonly byte[] _wanted = new byte[DdramRow.Bytes];

        /// <summary>Initialises the controller (takes about 50 ms of the clock at power-on).</summary>
        /// <param name="bus">The LCD's SPI bus; the driver batches a whole update into one write when the clock allows.</param>
        /// <param name="clock">For the datasheet's waits.</param>
        public St7920(ISpiBus bus, IClock clock)
        {
            if (bus == null) throw new ArgumentNullException("bus");
            if (clock == null) throw new ArgumentNullException("clock");
            if (bus.ClockHz <= 0) throw new ArgumentOutOfRangeException("bus", "the bus clock must be positive");
            _link = new St7920Link(bus, clock);
            Initialise(clock);
        }

        public int Rows { get { return TextRows; } }

        public int Columns { get { return TextColumns; } }

        /// <summary>True when the bus clock spaces instructions by itself (see St7920Link).</summary>
        public bool BusPaces { get { return _link.BusPaces; } }

        public void WriteLine(int row, string text)
        {
            if (row < 0 || row >= TextRows) throw new ArgumentOutOfRangeException("row");
            DdramRow.Encode(text, _wanted);
            int shown = row * DdramRow.Bytes;
            int address = 0;
            while (address < DdramRow.Bytes / 2)
            {
                if (Same(shown, address))
                {
                    address++;
                    continue;
                }
                _link.Command(SetDdramAddress | (RowAddress[row] + address));
                while (address < DdramRow.Bytes / 2 && !Same(shown, address))
                {
                    SendAddress(shown, address);
                    address++;
                }
            }
            _link.Flush();
        }

        private void Initialise(IClock clock)
        {
            long sincePowerOn = clock.UptimeMs;
            if (sincePowerOn < PowerUpMs) clock.DelayMicroseconds((int)(PowerUpMs - sincePowerOn) * 1000);
            _link.CommandThenWait(FunctionSetBasic, FunctionSetWaitMicros);
            _link.CommandThenWait(FunctionSetBasic, SecondFunctionSetWaitMicros);
            _link.CommandThenWait(DisplayOnCursorOff, DisplayOnWaitMicros);
            _link.CommandThenWait(Clear, ClearWaitMicros);
            _link.CommandThenWait(EntryModeIncrement, St7920Link.ExecutionMicros);
            for (int i = 0; i < _shown.Length; i++)
            {
                _shown[i] = 0x20;
            }
        }

        /// <summary>True when DDRAM address 'address' of the row already holds the wanted two bytes.</summary>
        private bool Same(int shown, int address)
        {
            int b = address * 2;
            return _shown[shown + b] == _wanted[b] && _shown[shown + b + 1] == _wanted[b + 1];
        }

        /// <summary>Writes both bytes of one address: the controller advances its address counter per pair.</summary>
        private void SendAddress(int shown, int address)
        {
            int b = address * 2;
            _link.Data(_wanted[b]);
            _link.Data(_wanted[b + 1]);
            _shown[shown + b] = _wanted[b];
            _shown[shown + b + 1] = _wanted[b + 1];
        }
    }
}

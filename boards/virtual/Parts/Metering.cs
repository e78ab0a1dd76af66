using System;
using PosTerminal.Hal;
using PosTerminal.Hal.CardReader;
using PosTerminal.Hal.Pins;

namespace PosTerminal.Virtual.Parts
{
    /// <summary>
    /// Managed bytes allocated by simulated parts while the firmware calls into them, so a
    /// board can subtract them from a main-loop pass and report what the firmware itself
    /// allocated. Nested calls (the SPI bus feeding the LCD) are counted once.
    /// </summary>
    public sealed class AllocationMeter
    {
        private int _depth;
        private long _start;

        /// <summary>Bytes allocated inside metered parts since the meter was made.</summary>
        public long Bytes { get; private set; }

        public void Enter()
        {
            if (_depth++ == 0) _start = GC.GetAllocatedBytesForCurrentThread();
        }

        public void Exit()
        {
            if (--_depth == 0) Bytes += GC.GetAllocatedBytesForCurrentThread() - _start;
        }
    }

    /// <summary>A row line whose calls are metered as the part's allocation.</summary>
    public sealed class MeteredOutputLine : IOutputLine
    {
        private readonly IOutputLine _line;
        private readonly AllocationMeter _meter;

        public MeteredOutputLine(IOutputLine line, AllocationMeter meter)
        {
            _line = line;
            _meter = meter;
        }

        public void Write(bool high)
        {
            _meter.Enter();
            try { _line.Write(high); }
            finally { _meter.Exit(); }
        }
    }

    /// <summary>A column line whose calls are metered as the part's allocation.</summary>
    public sealed class MeteredInputLine : IInputLine
    {
        private readonly IInputLine _line;
        private readonly AllocationMeter _meter;

        public MeteredInputLine(IInputLine line, AllocationMeter meter)
        {
            _line = line;
            _meter = meter;
        }

        public int Edges
        {
            get
            {
                _meter.Enter();
                try { return _line.Edges; }
                finally { _meter.Exit(); }
            }
        }

        public bool Read()
        {
            _meter.Enter();
            try { return _line.Read(); }
            finally { _meter.Exit(); }
        }
    }

    /// <summary>The LCD's SPI bus (with the controller behind it), metered as the part's allocation.</summary>
    public sealed class MeteredSpiBus : ISpiBus
    {
        private readonly ISpiBus _bus;
        private readonly AllocationMeter _meter;

        public MeteredSpiBus(ISpiBus bus, AllocationMeter meter)
        {
            _bus = bus;
            _meter = meter;
        }

        public int ClockHz { get { return _bus.ClockHz; } }

        public void Write(byte[] buffer, int offset, int count)
        {
            _meter.Enter();
            try { _bus.Write(buffer, offset, count); }
            finally { _meter.Exit(); }
        }
    }

    /// <summary>The buzzer's PWM line (the part records each tone), metered as the part's allocation.</summary>
    public sealed class MeteredToneOutput : IToneOutput
    {
        private readonly IToneOutput _tone;
        private readonly AllocationMeter _meter;

        public MeteredToneOutput(IToneOutput tone, AllocationMeter meter)
        {
            _tone = tone;
            _meter = meter;
        }

        public void Start()
        {
            _meter.Enter();
            try { _tone.Start(); }
            finally { _meter.Exit(); }
        }

        public void Stop()
        {
            _meter.Enter();
            try { _tone.Stop(); }
            finally { _meter.Exit(); }
        }
    }

    /// <summary>The card reader's recorder, metered as the part's allocation.</summary>
    public sealed class MeteredSwipeCapture : ISwipeCapture
    {
        private readonly ISwipeCapture _capture;
        private readonly AllocationMeter _meter;

        public MeteredSwipeCapture(ISwipeCapture capture, AllocationMeter meter)
        {
            _capture = capture;
            _meter = meter;
        }

        public bool TryTakeSwipe(out SwipeRecording swipe)
        {
            _meter.Enter();
            try { return _capture.TryTakeSwipe(out swipe); }
            finally { _meter.Exit(); }
        }
    }

    /// <summary>
    /// Hands the firmware's keys through and notes when each is read (virtual µs): the
    /// moment the firmware learns of a key, for press-to-report latency.
    /// </summary>
    public sealed class KeyReportTap : IKeypad, IPassTimer
    {
        private readonly IKeypad _keypad;
        private readonly VirtualClock _clock;

        public KeyReportTap(IKeypad keypad, VirtualClock clock)
        {
            _keypad = keypad;
            _clock = clock;
        }

        /// <summary>Keys the firmware has read.</summary>
        public long Reports { get; private set; }

        public Key LastKey { get; private set; }

        public long LastReportMicros { get; private set; } = -1;

        /// <summary>When the first key after the last Mark was read (virtual µs), or -1.</summary>
        public long FirstReportSinceMarkMicros { get; private set; } = -1;

        /// <summary>Starts waiting for the next report (a finger goes down).</summary>
        public void Mark()
        {
            FirstReportSinceMarkMicros = -1;
        }

        /// <summary>The tapped driver's own timer (debounce, repeat), unchanged.</summary>
        public long NextPassMs { get { return _keypad is IPassTimer timer ? timer.NextPassMs : long.MaxValue; } }

        public bool TryReadKey(out Key key)
        {
            if (!_keypad.TryReadKey(out key)) return false;
            Reports++;
            LastKey = key;
            LastReportMicros = _clock.UptimeMicros;
            if (FirstReportSinceMarkMicros < 0) FirstReportSinceMarkMicros = LastReportMicros;
            return true;
        }
    }

    /// <summary>The firmware's display driver, timed: virtual time spent in updates is bus time plus the driver's waits.</summary>
    public sealed class TimedDisplay : ITextDisplay
    {
        private readonly ITextDisplay _display;
        private readonly VirtualClock _clock;

        public TimedDisplay(ITextDisplay display, VirtualClock clock)
        {
            _display = display;
            _clock = clock;
        }

        public int Rows { get { return _display.Rows; } }

        public int Columns { get { return _display.Columns; } }

        /// <summary>Virtual µs spent in WriteLine since power-on.</summary>
        public long Micros { get; private set; }

        public void WriteLine(int row, string text)
        {
            long start = _clock.UptimeMicros;
            _display.WriteLine(row, text);
            Micros += _clock.UptimeMicros - start;
        }
    }
}

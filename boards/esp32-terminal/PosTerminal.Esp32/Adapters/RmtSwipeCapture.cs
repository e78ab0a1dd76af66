using System;
using System.Device.Gpio;
using nanoFramework.Hardware.Esp32.Rmt;
using PosTerminal.Hal;
using PosTerminal.Hal.CardReader;

namespace PosTerminal.Esp32.Adapters
{
    /// <summary>
    /// Records a whole swipe natively with the ESP32's RMT receiver: one ReceiverChannel on
    /// /STROBE, one on /DATA, 2 µs ticks (80 MHz APB / ClockDivider 160). Both start on the /CLS
    /// falling edge (card present) and are read out after /CLS rises (150 ms after the last
    /// flux reversal, by when every recording has ended). Managed code never sees a bit.
    ///
    /// Skew between the two channels: both are started back to back from the /CLS event (a few
    /// tens of µs apart), but that hardly matters, because the RMT receiver starts a recording
    /// at the first edge it sees and does not record the idle time before it. /STROBE's
    /// recording starts within one bit of the start; /DATA's starts at the first 1 bit, an
    /// unknown number of bits later. So each PulseTrain is handed over as recorded, from its
    /// own first edge (the SwipeRecording contract), and the portable decoder (StrobeLatch)
    /// finds the offset at which /DATA changes only between strobe pulses.
    ///
    /// Limits (RMT on the original ESP32, legacy driver, nanoFramework.Hardware.Esp32.Rmt 2.0.x):
    /// - the channels start from a managed GPIO event; /CLS asserts after about 15 flux
    ///   reversals, leaving some 15 clocking zeros (3 ms at 60 in/s) before the start sentinel,
    ///   so the event must arrive within that (its latency is unmeasured; see README);
    /// - a level longer than IdleThreshold (25000 ticks = 50 ms) ends a recording. 2 µs ticks
    ///   are chosen because at 1 µs the 15-bit duration limit (32.7 ms) is shorter than the
    ///   longest /DATA level of a slow swipe (about 38 ms at 5 in/s − 15% wobble; see
    ///   Hal/CardReader/README.md), while 50 ms stays well inside the 150 ms /CLS hold;
    /// - a recording must fit the channel's RMT memory (64 items per block, 8 blocks shared by
    ///   all channels): /STROBE gets 5 blocks (320 pulses; Track 2 is at most 200 bits plus the
    ///   clocking zeros), /DATA the other 3 (192 pulses of 1 bits; at most about 120 in Track 2).
    /// </summary>
    public sealed class RmtSwipeCapture : ISwipeCapture
    {
        private const int StrobeChannel = 0;
        private const byte StrobeBlocks = 5;
        private const int DataChannel = 5;   // channel n with k blocks uses blocks n..n+k-1
        private const byte DataBlocks = 3;
        private const int MicrosPerTick = 2;

        private readonly GpioPin _cls;
        private readonly IWake _wake;
        private readonly ReceiverChannel _strobe;
        private readonly ReceiverChannel _data;
        private int[] _durations = new int[512];
        private bool _recording;
        private bool _complete;

        public RmtSwipeCapture(GpioController gpio, int clsPin, int strobePin, int dataPin, IWake wake)
        {
            _wake = wake;
            _strobe = new ReceiverChannel(Settings(StrobeChannel, strobePin, StrobeBlocks));
            _data = new ReceiverChannel(Settings(DataChannel, dataPin, DataBlocks));
            _cls = gpio.OpenPin(clsPin, PinMode.InputPullUp);
            _cls.ValueChanged += OnCardPresenceChanged;
        }

        public bool TryTakeSwipe(out SwipeRecording swipe)
        {
            swipe = null;
            if (!_complete) return false;
            PulseTrain strobe = Drain(_strobe);
            PulseTrain data = Drain(_data);
            _strobe.Stop();
            _data.Stop();
            _complete = false;
            swipe = new SwipeRecording(strobe, data);
            return true;
        }

        private static ReceiverChannelSettings Settings(int channel, int pin, byte blocks)
        {
            return new ReceiverChannelSettings(channel, pin)
            {
                ClockDivider = 160,           // 80 MHz APB / 160 = 2 µs per tick
                IdleThreshold = 25000,        // ticks (50 ms) of no edge that end a recording
                EnableFilter = true,
                FilterThreshold = 80,         // ignore pulses under 80 APB cycles = 1 µs
                EnableDemodulation = false,   // a plain TTL line, no IR carrier
                NumberOfMemoryBlocks = blocks,
                BufferSize = blocks * 64 + 16, // driver ring buffer, in items
                ReceiveTimeout = TimeSpan.FromMilliseconds(1), // read-out only: recordings are already complete
            };
        }

        // Runs on nanoFramework's event dispatch thread.
        private void OnCardPresenceChanged(object sender, PinValueChangedEventArgs e)
        {
            if (e.ChangeType == PinEventTypes.Falling && !_complete)
            {
                _strobe.Start(true);
                _data.Start(true);
                _recording = true;
            }
            else if (e.ChangeType == PinEventTypes.Rising && _recording)
            {
                _recording = false;
                _complete = true;
                _wake.Signal(); // the main loop takes and decodes it (in slices: CardReaderService)
            }
        }

        /// <summary>
        /// Every recording the channel holds, as one train from its first edge. RMT items are
        /// (duration, level) pairs; a zero duration ends a recording; equal neighbours merge.
        /// </summary>
        private PulseTrain Drain(ReceiverChannel channel)
        {
            int count = 0;
            bool firstLevel = false;
            bool last = false;
            RmtCommand[] items;
            while ((items = channel.GetAllItems()) != null)
            {
                for (int i = 0; i < items.Length; i++)
                {
                    Append(items[i].Duration0, items[i].Level0, ref count, ref firstLevel, ref last);
                    Append(items[i].Duration1, items[i].Level1, ref count, ref firstLevel, ref last);
                }
            }
            int[] durations = new int[count];
            Array.Copy(_durations, durations, count);
            return new PulseTrain(firstLevel, durations, count);
        }

        private void Append(int duration, bool level, ref int count, ref bool firstLevel, ref bool last)
        {
            if (duration == 0) return;
            duration *= MicrosPerTick;
            if (count > 0 && level == last)
            {
                _durations[count - 1] += duration;
                return;
            }
            if (count == 0) firstLevel = level;
            if (count == _durations.Length)
            {
                int[] bigger = new int[2 * count];
                Array.Copy(_durations, bigger, count);
                _durations = bigger;
            }
            _durations[count++] = duration;
            last = level;
        }
    }
}

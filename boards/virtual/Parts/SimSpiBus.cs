using System;
using PosTerminal.Hal.Pins;

namespace PosTerminal.Virtual.Parts
{
    /// <summary>
    /// A write-only SPI bus on virtual time: each Write is one chip-select frame; every byte
    /// reaches the device stamped with the time its last bit is clocked out, and the
    /// virtual clock advances by the whole transfer time (the ESP32's SpiDevice.Write blocks too).
    /// </summary>
    public sealed class SimSpiBus : ISpiBus
    {
        private readonly VirtualClock _clock;
        private readonly ISpiDevice _device;

        public SimSpiBus(VirtualClock clock, int clockHz, ISpiDevice device)
        {
            ArgumentNullException.ThrowIfNull(clock);
            ArgumentNullException.ThrowIfNull(device);
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clockHz);
            _clock = clock;
            ClockHz = clockHz;
            _device = device;
        }

        public int ClockHz { get; }

        /// <summary>Bytes clocked out since creation.</summary>
        public long BytesWritten { get; private set; }

        /// <summary>Write calls (chip-select frames) since creation.</summary>
        public long Transfers { get; private set; }

        public void Write(byte[] buffer, int offset, int count)
        {
            ArgumentNullException.ThrowIfNull(buffer);
            if (offset < 0 || count < 0 || offset + count > buffer.Length) throw new ArgumentOutOfRangeException(nameof(count));
            long startNanos = _clock.UptimeMicros * 1000;
            _device.Select();
            for (int i = 0; i < count; i++)
            {
                _device.Receive(buffer[offset + i], startNanos + BitsToNanos(8L * (i + 1)));
            }
            _device.Deselect();
            BytesWritten += count;
            Transfers++;
            long nanos = BitsToNanos(8L * count);
            _clock.AdvanceMicros((nanos + 999) / 1000);
        }

        private long BitsToNanos(long bits)
        {
            return bits * 1_000_000_000L / ClockHz;
        }
    }
}

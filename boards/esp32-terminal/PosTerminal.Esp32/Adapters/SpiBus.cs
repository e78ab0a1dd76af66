using System;
using System.Device.Gpio;
using System.Device.Spi;
using PosTerminal.Hal.Pins;

namespace PosTerminal.Esp32.Adapters
{
    /// <summary>
    /// The ST7920's write-only serial bus. Chip select is not the SPI peripheral's: nanoFramework's
    /// ESP32 driver adds the device with spics_io_num = -1 and drives the CS pin as a plain GPIO,
    /// to its active level before each transfer and back after it
    /// (nf-interpreter targets/ESP32/_nanoCLR/System.Device.Spi/cpu_spi.cpp), so
    /// ChipSelectLineActiveState = High gives the ST7920 the active-high CS it needs, framing
    /// each Write. Mode 3 as u8g2 drives the ST7920 (u8x8_d_st7920.c).
    /// The bus pins are assigned beforehand with Configuration.SetPinFunction (Program).
    /// </summary>
    public sealed class SpiBus : ISpiBus
    {
        private readonly SpiDevice _device;

        public SpiBus(int busId, int chipSelectPin, int clockHz)
        {
            var settings = new SpiConnectionSettings(busId, chipSelectPin)
            {
                ClockFrequency = clockHz,
                Mode = SpiMode.Mode3,
                DataFlow = DataFlow.MsbFirst,
                ChipSelectLineActiveState = PinValue.High,
                // Nothing to read: half duplex needs only SCLK and MOSI (cpu_spi.cpp).
                Configuration = SpiBusConfiguration.HalfDuplex,
            };
            _device = SpiDevice.Create(settings);
            ClockHz = clockHz;
        }

        public int ClockHz { get; }

        public void Write(byte[] buffer, int offset, int count)
        {
            // SpanByte is a struct over the caller's array: nothing is allocated per write.
            _device.Write(new SpanByte(buffer, offset, count));
        }
    }
}

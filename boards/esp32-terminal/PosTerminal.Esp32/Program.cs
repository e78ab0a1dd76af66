using System;
using System.Device.Gpio;
using System.Threading;
using nanoFramework.Hardware.Esp32;
using PosTerminal.Esp32.Adapters;
using PosTerminal.Firmware;
using PosTerminal.Hal;
using PosTerminal.Hal.Console;
using PosTerminal.Hal.Buzzer;
using PosTerminal.Hal.Display;
using PosTerminal.Hal.Keypad;
using PosTerminal.Hal.Pins;

namespace PosTerminal.Esp32
{
    /// <summary>
    /// The ESP32 terminal: wires the board's parts (pins from BoardPins, generated from
    /// board.json) to the portable drivers and firmware, then runs the terminal's main loop
    /// (Firmware/MainLoop): a pass, then a sleep on the wake event until an input (a keypad
    /// column edge, a console byte, a finished swipe) or the next timer, never under one
    /// FreeRTOS tick. An idle terminal passes once a second.
    /// </summary>
    public static class Program
    {
        public static void Main()
        {
            AssignPinFunctions();
            var wake = new Esp32Wake();
            var uart = new UartConsole(BoardPins.ConsoleUart, BoardPins.ConsoleBaud, wake);
            // Echo on: a serial terminal shows only what the device sends back.
            var console = new SerialConsole(uart, BoardPins.ConsoleMaxLineChars, true);
            Terminal terminal;
            var clock = new Esp32Clock();
            try
            {
                TerminalHardware hardware = OpenHardware(console, clock, wake);
                hardware.Buzzer = OpenBuzzer(clock, console);
                terminal = new Terminal(hardware);
                terminal.Boot();
            }
            catch (Exception e)
            {
                // Nothing else can tell the technician: the LCD may be what failed.
                console.WriteLine("boot failed: " + e.Message);
                Thread.Sleep(Timeout.Infinite);
                return;
            }
            new MainLoop(terminal, clock).Run(wake);
        }

        private static TerminalHardware OpenHardware(IConsolePort console, Esp32Clock clock, IWake wake)
        {
            var gpio = new GpioController();
            string terminalId = TerminalIdFromMac();
            IMessageLink link = OpenFleetLink(console, terminalId);
            // The link's arrivals, acks and state changes wake the main loop (any thread: Signal only).
            if (link != null) link.Activity = wake.Signal;
            return new TerminalHardware
            {
                TerminalId = terminalId,
                Clock = clock,
                Keypad = OpenKeypad(gpio, clock, wake),
                Display = OpenDisplay(clock),
                Flash = new FileFlash(BoardPins.FlashPath, BoardPins.FlashSectorSize, BoardPins.FlashSectorCount),
                Crypto = new Esp32Crypto(),
                // PBKDF2 rounds chosen for this board (board.json security.kdfRounds; docs/benchmarks.md, security).
                KdfRounds = BoardPins.KdfRounds,
                Swipe = new RmtSwipeCapture(gpio, BoardPins.CardCls, BoardPins.CardStrobe, BoardPins.CardData, wake),
                Console = console,
                ConsoleMaxLine = BoardPins.ConsoleMaxLineChars,
                Link = link,
            };
        }

        /// <summary>
        /// The fleet link when I:\fleet.json and I:\fleet-ca.pem are provisioned (FleetConfig);
        /// none otherwise, and the terminal works on its own. Nothing here may stop the boot: a
        /// file that cannot be read, or a CA that is not a certificate (the link's constructor
        /// parses it), is one more "fleet link off" line (docs/flashing.md, step 10).
        /// </summary>
        private static IMessageLink OpenFleetLink(IConsolePort console, string terminalId)
        {
            try
            {
                string problem;
                FleetConfig config = FleetConfig.Load(out problem);
                if (problem != null) console.WriteLine("fleet link off: " + problem);
                return config == null ? null : new Esp32MqttLink(config, terminalId);
            }
            catch (Exception e)
            {
                string reason = e.Message;
                console.WriteLine("fleet link off: " + (reason != null && reason.Length > 0 ? reason : "fleet files unreadable"));
                return null;
            }
        }

        /// <summary>
        /// "PT" + the last 3 bytes of the Wi-Fi station MAC in hex (8 characters of A-Z 0-9):
        /// NetworkInterface.PhysicalAddress (nanoframework/System.Net NetworkInformation/NetworkInterface.cs).
        /// </summary>
        private static string TerminalIdFromMac()
        {
            System.Net.NetworkInformation.NetworkInterface[] interfaces = System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces();
            byte[] mac = interfaces.Length > 0 ? interfaces[0].PhysicalAddress : null;
            if (mac == null || mac.Length < 3) return "PT000001";
            const string hex = "0123456789ABCDEF";
            string id = "PT";
            for (int i = mac.Length - 3; i < mac.Length; i++) id += hex[mac[i] >> 4].ToString() + hex[mac[i] & 15].ToString();
            return id;
        }

        /// <summary>Rows: open-drain outputs, released (high) until scanned. Columns: inputs with external pull-ups.</summary>
        private static IKeypad OpenKeypad(GpioController gpio, IClock clock, IWake wake)
        {
            var rows = new IOutputLine[BoardPins.KeypadRows.Length];
            for (int i = 0; i < rows.Length; i++)
            {
                rows[i] = new GpioOutputLine(gpio, BoardPins.KeypadRows[i], openDrain: true, initialHigh: true);
            }
            var columns = new IInputLine[BoardPins.KeypadColumns.Length];
            for (int i = 0; i < columns.Length; i++)
            {
                // GPIO 34-39 have no internal pull-ups: the board fits 10k resistors.
                columns[i] = new GpioInputLine(gpio, BoardPins.KeypadColumns[i], pullUp: false, wake: wake);
            }
            return new MatrixKeypad(rows, columns, BoardPins.KeypadLayout, clock);
        }

        /// <summary>
        /// The piezo on its PWM pin (pin function set in AssignPinFunctions), timed by the portable
        /// ToneBuzzer. A terminal without a working buzzer still works: it says so on the console.
        /// </summary>
        private static IBuzzer OpenBuzzer(IClock clock, UartConsole console)
        {
            try
            {
                return new ToneBuzzer(new PwmTone(BoardPins.Buzzer, BoardPins.BuzzerFrequencyHz), clock);
            }
            catch (Exception e)
            {
                console.WriteLine("buzzer unavailable: " + e.Message);
                return null;
            }
        }

        private static ITextDisplay OpenDisplay(IClock clock)
        {
            // The ST7920 wants 40 ms after power-up before its first instruction (datasheet);
            // the ESP32 boot alone takes longer, this only makes it explicit.
            Thread.Sleep(50);
            var bus = new SpiBus(BoardPins.LcdSpiBus, BoardPins.LcdCs, BoardPins.LcdClockHz);
            return new St7920(bus, clock);
        }

        /// <summary>
        /// The ESP32 routes SPI and UART signals to any pin through its GPIO matrix; nanoFramework
        /// sets the routing with Configuration.SetPinFunction before a device is opened.
        /// MISO is routed too, though nothing is wired to it: left alone, SPI1's default MISO is
        /// GPIO 25, a keypad row (nf-interpreter targets/ESP32/_common/ESP32_DeviceMapping.cpp).
        /// </summary>
        private static void AssignPinFunctions()
        {
            bool spi1 = BoardPins.LcdSpiBus == 1;
            Configuration.SetPinFunction(BoardPins.LcdSclk, spi1 ? DeviceFunction.SPI1_CLOCK : DeviceFunction.SPI2_CLOCK);
            Configuration.SetPinFunction(BoardPins.LcdMosi, spi1 ? DeviceFunction.SPI1_MOSI : DeviceFunction.SPI2_MOSI);
            Configuration.SetPinFunction(BoardPins.LcdMiso, spi1 ? DeviceFunction.SPI1_MISO : DeviceFunction.SPI2_MISO);

            // The buzzer's LEDC channel: PwmChannel.CreateFromPin only finds pins given a PWM function.
            Configuration.SetPinFunction(BoardPins.Buzzer, DeviceFunction.PWM1);

            bool com3 = BoardPins.ConsoleUart == "COM3";
            Configuration.SetPinFunction(BoardPins.ConsoleTx, com3 ? DeviceFunction.COM3_TX : DeviceFunction.COM2_TX);
            Configuration.SetPinFunction(BoardPins.ConsoleRx, com3 ? DeviceFunction.COM3_RX : DeviceFunction.COM2_RX);
        }
    }
}

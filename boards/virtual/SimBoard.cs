using PosTerminal.Firmware;
using PosTerminal.Firmware.Text;
using PosTerminal.Hal;
using PosTerminal.Hal.Buzzer;
using PosTerminal.Virtual.Flash;
using PosTerminal.Virtual.Parts;

namespace PosTerminal.Virtual
{
    /// <summary>
    /// A simulated terminal board: the firmware runs on virtual time. Subclasses decide
    /// how keys and the LCD are modelled (key events, or electrically at the pins).
    /// </summary>
    public abstract class SimBoard
    {
        /// <summary>Virtual time between two passes of the firmware's main loop.</summary>
        public const int LoopPeriodMicros = 5000;

        protected SimBoard(SimFlash flash)
        {
            Flash = flash;
            Clock = new VirtualClock();
            Crypto = new SimCrypto();
            CardReader = new SimCardReader(Clock);
            Buzzer = new SimBuzzer(Clock);
        }

        public VirtualClock Clock { get; }

        public SimFlash Flash { get; }

        public SimCrypto Crypto { get; }

        /// <summary>Every board has the magnetic-stripe reader; hand it to the firmware as TerminalHardware.Swipe.</summary>
        public SimCardReader CardReader { get; }

        public Terminal Terminal { get; private set; }

        /// <summary>The buzzer on its PWM pin, driven by the portable ToneBuzzer (records every tone).</summary>
        public SimBuzzer Buzzer { get; }

        /// <summary>The maintenance console's serial line (kept across power cycles, like the cable).</summary>
        public SimConsolePort ConsolePort { get; } = new SimConsolePort();

        /// <summary>False: the firmware gets no console (TerminalHardware.Console = null), as a board without the UART.</summary>
        public bool HasConsole { get; set; } = true;

        public bool PoweredOn { get { return Terminal != null; } }

        /// <summary>The id the board gives the firmware (TerminalHardware.TerminalId); --terminal-id sets it.</summary>
        public string TerminalId { get; set; } = "PT000001";

        /// <summary>
        /// --lang: the language every boot of this run shows, whatever the Settings record
        /// says. The record itself is left alone, so a flash file keeps the operator's
        /// choice; picking a language in the settings menu still stores and shows it.
        /// </summary>
        public Language? LanguageOverride { get; set; }

        public string ScreenId { get { return Terminal == null ? "off" : Terminal.ScreenId; } }

        /// <summary>Presses and releases a key, taking as much virtual time as the board needs.</summary>
        public abstract void PressKey(Key key);

        /// <summary>
        /// Holds a key down for 'micros' of virtual time, then releases it (script 'hold KEY S'):
        /// the keypad repeats UP/DOWN and reports CLEAR held (Key.ClearHeld) as the driver does.
        /// </summary>
        public abstract void PressAndHold(Key key, long micros);

        /// <summary>What the LCD shows now, one string per row (blank rows while off).</summary>
        public abstract string[] ScreenLines();

        /// <summary>The hardware set handed to the firmware at power-on.</summary>
        protected abstract TerminalHardware CreateHardware();

        /// <summary>The parts every simulated board shares; a board adds its keypad and display.</summary>
        protected TerminalHardware CommonHardware(IKeypad keypad, ITextDisplay display)
        {
            return new TerminalHardware
            {
                Keypad = keypad,
                Display = display,
                Clock = Clock,
                Flash = Flash,
                Crypto = Crypto,
                TerminalId = TerminalId,
                Swipe = CardReader,
                Console = HasConsole ? ConsolePort : null,
                Json = new SimJson(),
                Buzzer = new ToneBuzzer(BuzzerLine(), Clock),
            };
        }

        /// <summary>The buzzer's line as the firmware's driver gets it (a board may meter it).</summary>
        protected virtual Hal.Pins.IToneOutput BuzzerLine()
        {
            return Buzzer;
        }

        public void PowerOn()
        {
            Clock.PowerOn();
            Flash.PowerUp();
            CardReader.PowerOn();
            Terminal = new Terminal(CreateHardware());
            try
            {
                Terminal.Boot();
            }
            catch (PowerCutException)
            {
                PowerOff();
                return;
            }
            if (LanguageOverride.HasValue) Terminal.UseLanguage(LanguageOverride.Value);
            ConsolePort.DropInput();
            Advance(LoopPeriodMicros);
        }

        public void PowerOff()
        {
            Terminal = null;
            Buzzer.PowerOff();
        }

        public void Reboot()
        {
            PowerOff();
            PowerOn();
        }

        /// <summary>Presses keys by their script names (see Script.KeyNames), digit runs included: "MENU 123456 ENTER".</summary>
        public void PressKeys(string names)
        {
            foreach (string word in names.Split(' ', System.StringSplitOptions.RemoveEmptyEntries))
            {
                Key key;
                if (Script.KeyNames.TryParse(word, out key)) PressKey(key);
                else if (Script.KeyNames.IsDigitRun(word)) foreach (char c in word) PressKey(Key.D0 + (c - '0'));
                else throw new System.ArgumentException("not a key name: " + word);
            }
        }

        /// <summary>Types a line on the maintenance console, runs the board until it is handled, and returns what the console wrote.</summary>
        public string[] SendConsoleLine(string line)
        {
            ConsolePort.Send(line);
            for (int pass = 0; pass < 100 && ConsolePort.PendingInput > 0 && PoweredOn; pass++)
            {
                Advance(LoopPeriodMicros);
            }
            return ConsolePort.TakeOutput();
        }

        /// <summary>Swipes a card: the board runs for the whole swipe and the /CLS release after it.</summary>
        public void Swipe(SwipeWaveform waveform)
        {
            CardReader.Swipe(waveform);
            Advance(waveform.DurationUs);
        }

        /// <summary>Runs the board for us microseconds of virtual time.</summary>
        public void Advance(long us)
        {
            long end = Clock.UptimeMicros + us;
            while (Clock.UptimeMicros < end)
            {
                long step = end - Clock.UptimeMicros;
                if (step > LoopPeriodMicros) step = LoopPeriodMicros;
                Clock.AdvanceMicros(step);
                Tick();
            }
        }

        /// <summary>One loop pass: parts update, then the firmware polls.</summary>
        protected virtual void Tick()
        {
            if (Terminal == null) return;
            try
            {
                Terminal.Poll();
            }
            catch (PowerCutException)
            {
                // A scheduled cut (script 'cut N') hit a flash operation: the firmware
                // stops where it stands and the board stays off until it is powered on.
                PowerOff();
            }
        }
    }
}

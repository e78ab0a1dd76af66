using PosTerminal.Firmware;
using PosTerminal.Firmware.Text;
using PosTerminal.Hal;
using PosTerminal.Virtual.Fleet;
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
        }

        public VirtualClock Clock { get; }

        public SimFlash Flash { get; }

        public SimCrypto Crypto { get; }

        /// <summary>Every board has the magnetic-stripe reader; hand it to the firmware as TerminalHardware.Swipe.</summary>
        public SimCardReader CardReader { get; }

        public Terminal Terminal { get; private set; }

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

        /// <summary>The link to the fleet's broker (kept across power cycles, like the Wi-Fi settings); null until JoinFleet.</summary>
        public MqttLink FleetLink { get; private set; }

        /// <summary>
        /// --broker HOST:PORT --terminal-id ID: the board joins the fleet from its next power-on
        /// (call before PowerOn, or Reboot after). The user name is TerminalId; the password
        /// from FleetLinkSettings.PasswordFrom (a file or POSTERM_BROKER_PASSWORD).
        /// </summary>
        public void JoinFleet(string broker, string password)
        {
            JoinFleet(FleetLinkSettings.Parse(broker, TerminalId, password));
        }

        public void JoinFleet(FleetLinkSettings settings)
        {
            if (FleetLink != null) FleetLink.Dispose();
            FleetLink = new MqttLink(settings);
        }

        /// <summary>The status line's "online" / "offline" ("" when the board is not in a fleet).</summary>
        public string FleetStatus
        {
            get
            {
                if (FleetLink == null) return "";
                return FleetLink.State == LinkState.Online ? "online" : "offline";
            }
        }

        /// <summary>Script 'net down': the network is cut (the broker sees the link die and publishes the will).</summary>
        public void NetDown()
        {
            if (FleetLink == null) throw new System.InvalidOperationException("the board is not in a fleet (--broker)");
            FleetLink.NetDown();
        }

        /// <summary>Script 'net up': the network is back; the firmware reconnects on its own backoff.</summary>
        public void NetUp()
        {
            if (FleetLink == null) throw new System.InvalidOperationException("the board is not in a fleet (--broker)");
            FleetLink.NetUp();
        }

        /// <summary>
        /// Runs the board in virtual 5 ms passes, pausing ~1 ms of real time between them so the
        /// broker (real time) can answer, until condition holds (true) or realTimeout passes.
        /// </summary>
        public bool RunUntil(System.Func<bool> condition, System.TimeSpan realTimeout)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            while (true)
            {
                if (condition()) return true;
                if (watch.Elapsed > realTimeout) return false;
                Advance(LoopPeriodMicros);
                System.Threading.Thread.Sleep(1);
            }
        }

        /// <summary>Presses and releases a key, taking as much virtual time as the board needs.</summary>
        public abstract void PressKey(Key key);

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
                Link = FleetLink,
            };
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
            if (FleetLink != null) FleetLink.PowerOff();
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
            ConsolePort.Listening = true;
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
            // As SNTP on the device: once the network is up the board knows the time (not audited,
            // as no one set it). Fleet commands need it to check their expiry.
            if (FleetLink != null && !Clock.WallClockKnown && FleetLink.State == LinkState.Online)
            {
                Clock.SetWallClock(System.DateTime.UtcNow);
            }
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

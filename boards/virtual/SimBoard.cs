using PosTerminal.Firmware;
using PosTerminal.Firmware.Text;
using PosTerminal.Hal;
using PosTerminal.Virtual.Fleet;
using PosTerminal.Hal.Buzzer;
using PosTerminal.Virtual.Flash;
using PosTerminal.Virtual.Parts;

namespace PosTerminal.Virtual
{
    /// <summary>
    /// A simulated terminal board: the firmware runs on virtual time. Subclasses decide
    /// how keys and the LCD are modelled (key events, or electrically at the pins).
    /// <para>
    /// The main loop runs as on the ESP32 (Firmware/MainLoop): after each pass it sleeps
    /// MainLoop.NextWaitMs, on a simulated FreeRTOS tick: a wait of n ticks ends at the n-th
    /// tick boundary (10 ms) from the current tick, so timed passes land on tick boundaries;
    /// an input (a column edge as the event thread delivers it, console bytes, a finished
    /// swipe recording, a key event) ends the sleep at once, as the board's AutoResetEvent
    /// does. So the board does no pass while nothing is due, and never more than one per tick
    /// on a timer.
    /// </para>
    /// </summary>
    public abstract class SimBoard
    {
        /// <summary>One simulated FreeRTOS tick (100 Hz, as the ESP32 build): the shortest sleep of the main loop.</summary>
        public const int TickMicros = MainLoop.TickMs * 1000;

        /// <summary>A short step of virtual time (one tick): time enough for a pass that an input asked for.</summary>
        public const int LoopPeriodMicros = TickMicros;

        private MainLoop _loop;
        private long _nextTimedPass;
        private volatile bool _signalled;
        private int _readySeen;

        protected SimBoard(SimFlash flash)
        {
            Flash = flash;
            FaultyFlash = new FaultyFlash(flash);
            Clock = new VirtualClock();
            Crypto = new SimCrypto();
            CardReader = new SimCardReader(Clock);
            Buzzer = new SimBuzzer(Clock);
            ConsolePort.BytesArrived += Signal;
        }

        /// <summary>Main-loop passes the board ran since it was made.</summary>
        public long Passes { get; private set; }

        /// <summary>The shortest sleep the main loop asked for since the board was made (ms; never under a tick).</summary>
        public int ShortestWaitMs { get; private set; } = int.MaxValue;

        /// <summary>An input for the firmware arrived (any thread): the next pass runs at once, as the board's wake event.</summary>
        public void Signal()
        {
            _signalled = true;
        }

        /// <summary>
        /// The end of a FreeRTOS timeout: waitMs becomes waitMs / 10 ticks (pdMS_TO_TICKS), ending at
        /// that many tick boundaries after the current tick. 0 ticks (a wait under 10 ms) ends at
        /// once: the spin issue 9 found, which MainLoop never asks for.
        /// </summary>
        public static long TimeoutEnds(long nowMicros, int waitMs)
        {
            long ticks = waitMs / MainLoop.TickMs;
            if (ticks == 0) return nowMicros;
            return (nowMicros / TickMicros + ticks) * TickMicros;
        }

        public VirtualClock Clock { get; }

        public SimFlash Flash { get; }

        /// <summary>The flash as the firmware sees it: Flash, with I/O errors injected on demand (issue 9, never dead).</summary>
        public FaultyFlash FaultyFlash { get; }

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

        /// <summary>Key-derivation rounds handed to the firmware (TerminalHardware.KdfRounds): board.json's security.kdfRounds.</summary>
        public int KdfRounds { get; set; } = DefaultKdfRounds();

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
        /// from FleetLinkSettings.PasswordFromEnvironment (POSTERM_BROKER_PASSWORD).
        /// </summary>
        public void JoinFleet(string broker, string password)
        {
            JoinFleet(FleetLinkSettings.Parse(broker, TerminalId, password));
        }

        public void JoinFleet(FleetLinkSettings settings)
        {
            if (FleetLink != null) FleetLink.Dispose();
            FleetLink = new MqttLink(settings);
            // Arrivals, acks and state changes come on MQTTnet's threads: they wake the loop, as on the device.
            FleetLink.Activity = Signal;
        }

        private IMessageLink _ownLink;

        /// <summary>
        /// A fleet link of the caller's own instead of a broker's, from the next power-on (the
        /// operator guides hand the desk's signed commands to the firmware over one in memory).
        /// JoinFleet's link, when there is one, wins.
        /// </summary>
        public void UseLink(IMessageLink link)
        {
            _ownLink = link;
            link.Activity = Signal;
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

        /// <summary>
        /// Script 'wait N' (micros of virtual time). A board alone runs them at once. A board in
        /// a fleet (JoinFleet) runs them paced by the wall clock, N seconds over N real seconds:
        /// the broker lives in real time, so only then can a connection come up and what the
        /// broker sends (a command queued for this terminal) arrive during the wait, as on the device.
        /// </summary>
        public void Wait(long micros)
        {
            if (FleetLink == null)
            {
                Advance(micros);
                return;
            }
            var watch = System.Diagnostics.Stopwatch.StartNew();
            long done = 0;
            while (done < micros)
            {
                long real = watch.ElapsedTicks * 1000000 / System.Diagnostics.Stopwatch.Frequency;
                long target = real < micros ? real : micros;
                if (target > done)
                {
                    Advance(target - done);
                    done = target;
                }
                else
                {
                    System.Threading.Thread.Sleep(1);
                }
            }
        }

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
                Flash = FaultyFlash,
                Crypto = Crypto,
                TerminalId = TerminalId,
                KdfRounds = KdfRounds,
                ConsoleMaxLine = BoardDescription.Default.Console.MaxLineChars,
                Swipe = CardReader,
                Console = HasConsole ? ConsolePort : null,
                Link = FleetLink != null ? FleetLink : _ownLink,
                Buzzer = new ToneBuzzer(BuzzerLine(), Clock),
            };
        }

        private static int DefaultKdfRounds()
        {
            SecuritySection security = BoardDescription.Default.Security;
            return security != null && security.KdfRounds > 0 ? security.KdfRounds : Firmware.Security.PasswordHash.DefaultRounds;
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
            _loop = new MainLoop(Terminal, Clock);
            _readySeen = CardReader.ReadyBy(Clock.UptimeMicros);
            _nextTimedPass = Clock.UptimeMicros; // the first pass right after boot
            Advance(LoopPeriodMicros);
        }

        public void PowerOff()
        {
            Terminal = null;
            if (FleetLink != null) FleetLink.PowerOff();
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
            ConsolePort.Listening = true;
            ConsolePort.Send(line);
            for (int pass = 0; pass < 100 && ConsolePort.PendingInput > 0 && PoweredOn; pass++)
            {
                Advance(LoopPeriodMicros);
            }
            return ConsolePort.TakeOutput();
        }

        /// <summary>
        /// Swipes a card: the board runs for the whole swipe and the /CLS release after it, then
        /// on while the firmware decodes it in slices (CardReaderService), a pass per tick.
        /// </summary>
        public void Swipe(SwipeWaveform waveform)
        {
            CardReader.Swipe(waveform);
            Advance(waveform.DurationUs);
            for (int i = 0; i < MaxDecodeTicks && PoweredOn && Terminal.NextPassMs <= Clock.UptimeMs; i++)
            {
                Advance(TickMicros);
            }
        }

        /// <summary>Ticks Swipe waits at most for a decode to finish (a decode takes a few passes).</summary>
        public const int MaxDecodeTicks = 100;

        /// <summary>Runs the board for us microseconds of virtual time: a pass whenever an input arrives or the loop's timer ends.</summary>
        public void Advance(long us)
        {
            long end = Clock.UptimeMicros + us;
            // A test that changed the firmware from outside a pass (a screen shown, a swipe handed
            // in directly) made a pass due at once: on the device such a change only comes from a pass.
            if (Terminal != null && _loop != null && Terminal.NextPassMs <= Clock.UptimeMs) _signalled = true;
            while (true)
            {
                long now = Clock.UptimeMicros;
                bool input = InputArrived();
                long next = input ? now : System.Math.Min(_nextTimedPass, NextInputMicros(now));
                if (next > end || Terminal == null)
                {
                    if (end > now) Clock.AdvanceMicros(end - now);
                    return;
                }
                if (next > now) Clock.AdvanceMicros(next - now);
                if (!input && Clock.UptimeMicros < _nextTimedPass && !InputArrived()) continue; // a part event that raised no input
                Pass();
            }
        }

        private void Pass()
        {
            Passes++;
            Tick();
            if (Terminal == null || _loop == null) return;
            int wait = _loop.NextWaitMs();
            if (wait < ShortestWaitMs) ShortestWaitMs = wait;
            _nextTimedPass = TimeoutEnds(Clock.UptimeMicros, wait);
        }

        /// <summary>True once for each input since the last call: the wake event the board's handlers set.</summary>
        private bool InputArrived()
        {
            bool arrived = _signalled;
            _signalled = false;
            int ready = CardReader.ReadyBy(Clock.UptimeMicros);
            if (ready != _readySeen)
            {
                _readySeen = ready;
                arrived = true; // the /CLS rising handler: the recording is complete
            }
            return PartInputArrived() | arrived;
        }

        /// <summary>A board's own parts' inputs since the last call (PinBoard: column edges the event thread delivered).</summary>
        protected virtual bool PartInputArrived()
        {
            return false;
        }

        /// <summary>The next virtual time after nowMicros at which a part may raise an input (long.MaxValue: none known).</summary>
        protected virtual long NextInputMicros(long nowMicros)
        {
            return CardReader.NextReadyAfter(nowMicros);
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

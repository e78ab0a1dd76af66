using PosTerminal.Firmware;
using PosTerminal.Hal;
using PosTerminal.Simulator.Flash;

namespace PosTerminal.Simulator
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
        }

        public VirtualClock Clock { get; }

        public SimFlash Flash { get; }

        public SimCrypto Crypto { get; }

        public Terminal Terminal { get; private set; }

        public bool PoweredOn { get { return Terminal != null; } }

        public string ScreenId { get { return Terminal == null ? "off" : Terminal.ScreenId; } }

        /// <summary>Presses and releases a key, taking as much virtual time as the board needs.</summary>
        public abstract void PressKey(Key key);

        /// <summary>What the LCD shows now, one string per row (blank rows while off).</summary>
        public abstract string[] ScreenLines();

        /// <summary>The hardware set handed to the firmware at power-on.</summary>
        protected abstract TerminalHardware CreateHardware();

        public void PowerOn()
        {
            Clock.PowerOn();
            Flash.PowerUp();
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
            Advance(LoopPeriodMicros);
        }

        public void PowerOff()
        {
            Terminal = null;
        }

        public void Reboot()
        {
            PowerOff();
            PowerOn();
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

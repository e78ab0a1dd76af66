using PosTerminal.Hal;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>
    /// One screen: its stable id (scripts and tests name it), what it draws and what
    /// its keys do. A screen's whole behaviour lives in its own class.
    /// </summary>
    public abstract class Screen
    {
        protected Screen(Terminal terminal)
        {
            Terminal = terminal;
        }

        protected Terminal Terminal { get; }

        /// <summary>Stable screen id, e.g. "idle", "login", "deregister-confirm".</summary>
        public abstract string Id { get; }

        /// <summary>Draws the screen's 4 lines into frame.</summary>
        public abstract void Render(Frame frame);

        public abstract void OnKey(Key key);
    }
}

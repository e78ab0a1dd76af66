using PosTerminal.Firmware.Commands;
using PosTerminal.Firmware.Text;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>
    /// One screen: its stable id (scripts and tests name it), what it draws and what
    /// its keys do. A screen's whole behaviour lives in its own class; what it may change, it
    /// changes through Host.Commands (the command layer), which decides whether it may.
    /// </summary>
    public abstract class Screen
    {
        protected Screen(IScreenHost host)
        {
            Host = host;
        }

        protected IScreenHost Host { get; }

        /// <summary>The command layer (every call from a screen is Channel.Keypad).</summary>
        protected TerminalCommands Commands { get { return Host.Commands; } }

        /// <summary>Stable screen id, e.g. "idle", "login", "deregister-confirm".</summary>
        public abstract string Id { get; }

        /// <summary>False for screens that stay up without keys (idle); the others end the session after the key timeout.</summary>
        public virtual bool TimesOut { get { return true; } }

        /// <summary>
        /// Uptime (ms) at which OnTick has something to do without a key (a message's end, the
        /// idle clock's minute, a countdown's next second); long.MaxValue for none. The main loop
        /// sleeps until the earliest due time of all parts (Terminal.NextPassMs).
        /// </summary>
        public virtual long DueMs { get { return long.MaxValue; } }

        /// <summary>Draws the screen's 4 lines into frame.</summary>
        public abstract void Render(Frame frame);

        public abstract void OnKey(Key key);

        /// <summary>Called on every main-loop pass; a screen that shows time calls Host.Invalidate when it changes.</summary>
        public virtual void OnTick()
        {
        }

        /// <summary>A card was swiped and its account number (PAN) decoded.</summary>
        public virtual void OnCardSwiped(string accountNumber)
        {
        }

        /// <summary>A card was swiped but could not be decoded.</summary>
        public virtual void OnSwipeFailed()
        {
        }

        /// <summary>The text in the current language.</summary>
        protected string Text(TextId id)
        {
            return Host.Texts[id];
        }

        protected string Text(TextId id, string value)
        {
            return Host.Texts.Format(id, value);
        }

        /// <summary>
        /// Shows a message (title, detail) for MessageScreen.ShownMs or until a key, then returns
        /// to next. Anything but good news (MessageScreen.IsGoodNews) sounds the long beep.
        /// </summary>
        protected void ShowMessage(TextId title, string detail, Screen next)
        {
            if (!MessageScreen.IsGoodNews(title)) Host.Beep(BeepKind.Error);
            Host.Show(new MessageScreen(Host, title, detail, next));
        }

        /// <summary>"1 try left", "3 tries left": the one text for a count of 1, the other filled with n.</summary>
        protected string Counted(TextId many, TextId one, long n)
        {
            return n == 1 ? Text(one) : Text(many, n.ToString());
        }

        protected static int DigitOf(Key key)
        {
            return key >= Key.D0 && key <= Key.D9 ? key - Key.D0 : -1;
        }
    }
}

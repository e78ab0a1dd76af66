using PosTerminal.Firmware.Text;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>
    /// checking: 验证中... / Checking... while a password or code is derived (up to about half a
    /// second on the ESP32). The terminal draws it, then runs the work in the same pass
    /// (IScreenHost.Check); the work shows the result. Keys that arrive meanwhile are ignored.
    /// </summary>
    public sealed class CheckingScreen : Screen
    {
        private DeferredWork _work;

        public CheckingScreen(IScreenHost host, DeferredWork work) : base(host)
        {
            _work = work;
        }

        public override string Id { get { return "checking"; } }

        /// <summary>Never counts toward the session warning or timeout: the derivation is the terminal's time, not the operator's.</summary>
        public override bool TimesOut { get { return false; } }

        /// <summary>Due at once: the work runs in the pass that drew this screen (a pass that ended before it needs another now).</summary>
        public override long DueMs { get { return 0; } }

        public override void Render(Frame frame)
        {
            frame[1] = Text(TextId.Checking);
        }

        public override void OnKey(Key key)
        {
        }

        /// <summary>Runs the work once (the terminal calls it after drawing this screen).</summary>
        public void Run()
        {
            DeferredWork work = _work;
            _work = null;
            if (work != null) work();
        }
    }
}

using PosTerminal.Firmware.Text;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>
    /// system-error: 系统错误 / System error after a main-loop pass threw (Terminal's fault
    /// handler recorded it). Goes back to idle after ShownMs, or at any key.
    /// </summary>
    public sealed class SystemErrorScreen : Screen
    {
        public const long ShownMs = 3000;

        private readonly long _since;

        public SystemErrorScreen(IScreenHost host, long sinceUptimeMs) : base(host)
        {
            _since = sinceUptimeMs;
        }

        public override string Id { get { return "system-error"; } }

        public override bool TimesOut { get { return false; } }

        public override void Render(Frame frame)
        {
            frame[0] = Text(TextId.SystemError);
            frame[1] = Text(TextId.BackToIdle);
        }

        /// <summary>Back to idle at ShownMs: the main loop wakes for it (Terminal.NextPassMs).</summary>
        public override long DueMs { get { return _since + ShownMs; } }

        public override void OnTick()
        {
            if (Commands.Clock.UptimeMs - _since >= ShownMs) Host.EndSession();
        }

        public override void OnKey(Key key)
        {
            Host.EndSession();
        }
    }
}

using PosTerminal.Firmware.Text;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>
    /// session-warning: shown over any screen that times out, WarningMs before the session
    /// timeout (Terminal.FollowSessionTimer), counting the seconds down. Any key keeps the
    /// session and returns to the screen as it was left (a half-typed entry included); that
    /// key does nothing else, because the operator could not see what it would act on. A
    /// swipe is not a key: it returns to the screen and is handed to it.
    /// </summary>
    public sealed class SessionWarningScreen : Screen
    {
        /// <summary>How long before the session timeout the warning shows.</summary>
        public const long WarningMs = 10000;

        private readonly Screen _under;
        private readonly long _endsAtMs;
        private long _shownSeconds;

        public SessionWarningScreen(IScreenHost host, Screen under, long endsAtMs) : base(host)
        {
            _under = under;
            _endsAtMs = endsAtMs;
        }

        public override string Id { get { return "session-warning"; } }

        public override void Render(Frame frame)
        {
            _shownSeconds = SecondsLeft();
            frame[0] = Text(TextId.SessionEndingTitle);
            frame[1] = Text(TextId.SessionEndsIn, _shownSeconds.ToString());
            frame[3] = Text(TextId.SessionKeep);
        }

        /// <summary>The countdown's next second: when SecondsLeft drops by one.</summary>
        public override long DueMs
        {
            get
            {
                long seconds = SecondsLeft();
                return seconds <= 0 ? long.MaxValue : _endsAtMs - (seconds - 1) * 1000;
            }
        }

        public override void OnTick()
        {
            // Every main-loop pass: a clock read and a compare; the countdown redraws once a second.
            if (SecondsLeft() != _shownSeconds) Host.Invalidate();
        }

        public override void OnKey(Key key)
        {
            Host.Show(_under);
        }

        public override void OnCardSwiped(string accountNumber)
        {
            Host.Show(_under);
            _under.OnCardSwiped(accountNumber);
        }

        public override void OnSwipeFailed()
        {
            Host.Show(_under);
            _under.OnSwipeFailed();
        }

        private long SecondsLeft()
        {
            long left = _endsAtMs - Commands.Clock.UptimeMs;
            return left <= 0 ? 0 : (left + 999) / 1000;
        }
    }
}

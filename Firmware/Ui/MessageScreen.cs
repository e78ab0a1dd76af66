using PosTerminal.Firmware.Text;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>
    /// message: a title and a detail line for ShownMs of virtual time, or until a key; then the
    /// next screen (as it was left). When the next screen is an entry (a refused password, card
    /// or length goes back to its field), a digit or CLEAR (or CLEAR held) typed over the message
    /// also goes into that entry, so nothing typed is lost; any other key only dismisses
    /// (ENTER would submit the refused entry again unseen, CANCEL would leave the field).
    /// </summary>
    public sealed class MessageScreen : Screen
    {
        /// <summary>How long a message stays without a key.</summary>
        public const long ShownMs = 2000;

        private readonly TextId _title;
        private readonly string _detail;
        private readonly Screen _next;
        private readonly IClock _clock;
        private readonly long _shownAtMs;

        public MessageScreen(IScreenHost host, TextId title, string detail, Screen next) : base(host)
        {
            _title = title;
            _detail = detail;
            _next = next;
            _clock = host.Commands.Clock;
            _shownAtMs = _clock.UptimeMs;
        }

        public override string Id { get { return "message"; } }

        /// <summary>The messages that report success; every other one says something was refused (the long beep).</summary>
        public static bool IsGoodNews(TextId title)
        {
            switch (title)
            {
                case TextId.Saved:
                case TextId.Deregistered:
                case TextId.PasswordChanged:
                case TextId.SettingSaved:
                case TextId.BackupWritten:
                case TextId.Unlocked:
                case TextId.Paused:
                case TextId.Reactivated:
                case TextId.TechnicianCodeSet:
                    return true;
                default:
                    return false;
            }
        }

        public override void Render(Frame frame)
        {
            frame[0] = Text(_title);
            frame[1] = _detail;
            frame[3] = Text(TextId.AnyKey);
        }

        public override long DueMs { get { return _shownAtMs + ShownMs; } }

        public override void OnTick()
        {
            // Runs on every main-loop pass: a clock read and a compare, nothing allocated.
            if (_clock.UptimeMs - _shownAtMs >= ShownMs) Host.Show(_next);
        }

        public override void OnKey(Key key)
        {
            Host.Show(_next);
            if (_next is EntryScreen && (DigitOf(key) >= 0 || key == Key.Clear || key == Key.ClearHeld)) _next.OnKey(key);
        }
    }
}

using PosTerminal.Firmware.Audit;
using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Text;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>
    /// audit-log: both audit rings, newest first, one entry a screen in words: "#12" (with ↑ / ↓
    /// while newer / older entries exist), the time ("11-25 10:00 UTC", or the boot and the
    /// time since it when the clock was unknown), the event, its outcome. UP/DOWN move by one
    /// entry; CANCEL or ENTER goes back. The entries are read once on opening (48 records at
    /// most); details (masked) are on the console's `log`.
    /// </summary>
    public sealed class AuditLogScreen : Screen
    {
        private readonly Screen _back;
        private readonly AuditEntry[] _entries;
        private int _top;

        public AuditLogScreen(IScreenHost host, Screen back) : base(host)
        {
            _back = back;
            _entries = host.Commands.LogEntries(PosTerminal.Firmware.Commands.Channel.Keypad);
        }

        public override string Id { get { return "audit-log"; } }

        public override void Render(Frame frame)
        {
            if (_entries.Length == 0)
            {
                frame[0] = Text(TextId.ItemAuditLog);
                frame[1] = Text(TextId.AuditEmpty);
                return;
            }
            AuditEntry entry = _entries[_top];
            frame[0] = Frame.WithScrollMarks(Frame.Cut("#" + entry.Sequence.ToString(), Frame.Columns - 4),
                _top > 0, _top + 1 < _entries.Length);
            frame[1] = Frame.Cut(When(entry), Frame.Columns);
            frame[2] = Text(AuditTexts.Event(entry.Event));
            frame[3] = Text(AuditTexts.Outcome(entry.Outcome));
        }

        public override void OnKey(Key key)
        {
            switch (key)
            {
                case Key.Up:
                    if (_top > 0) _top--;
                    break;
                case Key.Down:
                    if (_top + 1 < _entries.Length) _top++;
                    break;
                case Key.Cancel:
                case Key.Enter:
                    Host.Show(_back);
                    break;
            }
        }

        /// <summary>"11-25 10:00 UTC", or "Boot 7 +0:01:23" (开机7 +0:01:23) when the wall clock was unknown.</summary>
        private string When(AuditEntry entry)
        {
            if (entry.WallClockKnown) return UtcTime.FormatShort(entry.UnixSeconds) + " UTC";
            uint s = entry.UptimeSeconds;
            return Text(TextId.AuditBoot, entry.BootCount.ToString()) + " +" + (s / 3600).ToString()
                + ":" + TwoDigits(s / 60 % 60) + ":" + TwoDigits(s % 60);
        }

        private static string TwoDigits(uint n)
        {
            return (n < 10 ? "0" : "") + n.ToString();
        }
    }
}

using PosTerminal.Firmware.Audit;
using PosTerminal.Firmware.Text;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>
    /// audit-log: the audit ring, newest first, two entries at a time and two rows each:
    /// "#12 11-25 10:00" (or boot and uptime when the clock was unknown), then the event and
    /// its outcome. UP/DOWN move by one entry; CANCEL or ENTER goes back. The entries are read
    /// once on opening (32 records at most); details (masked) are on the console's `log`.
    /// </summary>
    public sealed class AuditLogScreen : Screen
    {
        private const int EntriesShown = Frame.Rows / 2;

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
            for (int i = 0; i < EntriesShown && _top + i < _entries.Length; i++)
            {
                AuditEntry entry = _entries[_top + i];
                frame[2 * i] = Cut("#" + entry.Sequence.ToString() + " " + entry.ShortTime());
                // Always a space (Join leaves it out next to CJK): "登录成功 成功" must not read as one word.
                frame[2 * i + 1] = Text(AuditTexts.Event(entry.Event)) + " " + Text(AuditTexts.Outcome(entry.Outcome));
            }
        }

        public override void OnKey(Key key)
        {
            switch (key)
            {
                case Key.Up:
                    if (_top > 0) _top--;
                    break;
                case Key.Down:
                    if (_top + EntriesShown < _entries.Length) _top++;
                    break;
                case Key.Cancel:
                case Key.Enter:
                    Host.Show(_back);
                    break;
            }
        }

        // Times and sequence numbers are ASCII: one cell per character.
        private static string Cut(string line)
        {
            return line.Length <= Frame.Columns ? line : line.Substring(0, Frame.Columns);
        }
    }
}

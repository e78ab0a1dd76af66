using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Text;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>
    /// idle: who this terminal is and when; MENU opens the login.
    /// Row 0: the merchant: its name when the fleet set one (set-merchant-name), else the first
    /// merchant binding's number, else the product name.
    /// Row 1: the terminal id the board gives (TerminalHardware.TerminalId), labelled when it fits.
    /// Row 2: 已暂停 / Paused while paused (the card reader is off); else the wall clock as
    /// "MM-DD hh:mm UTC" once it is known (console set-time), else "Ready".
    /// Row 3: 需要维护 / Service needed while security state is damaged (a technician must set it
    /// again); else, after a boot that repaired the store or found damage, that notice until
    /// the first key; else the hint.
    /// The clock row is redrawn once a minute, at the minute: between, a pass costs two clock reads.
    /// Setting the clock (console set-time, through the command layer) redraws it at once
    /// (ITerminalHost.StateChanged), which also arms the next minute from the new time.
    /// </summary>
    public sealed class IdleScreen : Screen
    {
        private readonly IClock _clock;
        private bool _clockShown;
        private long _redrawAtMs = long.MaxValue;

        public IdleScreen(IScreenHost host) : base(host)
        {
            _clock = host.Commands.Clock;
        }

        public override string Id { get { return "idle"; } }

        public override bool TimesOut { get { return false; } }

        public override void Render(Frame frame)
        {
            frame[0] = Merchant();
            frame[1] = TerminalIdLine();
            frame[2] = Commands.IsPaused ? PausedLine() : ClockLine();
            if (Commands.ServiceNeeded) frame[3] = Text(TextId.ServiceNeeded);
            else frame[3] = Text(Host.StorageNotice != TextId.Count ? Host.StorageNotice : TextId.IdleHint);
        }

        /// <summary>The minute's turn while the clock is shown (setting the clock comes with a console line, which wakes the loop and redraws).</summary>
        public override long DueMs { get { return _redrawAtMs; } }

        public override void OnTick()
        {
            // Every main-loop pass: no allocation, no redraw until the minute turns or the clock is set.
            if (_clock.WallClockKnown != _clockShown || _clock.UptimeMs >= _redrawAtMs) Host.Invalidate();
        }

        public override void OnKey(Key key)
        {
            if (key == Key.Menu) Host.Show(new LoginScreen(Host));
        }

        private string Merchant()
        {
            string name = Commands.Merchant.Name;
            if (name.Length > 0) return name;
            BindingList bindings = Commands.Bindings;
            for (int i = 0; i < bindings.Count; i++)
            {
                Binding binding = bindings[i];
                if (binding.Kind == BindingKind.Merchant) return binding.Primary;
            }
            return Text(TextId.AppName);
        }

        private string TerminalIdLine()
        {
            string id = Commands.TerminalId;
            if (id == null || id.Length == 0) return string.Empty;
            string labelled = Text(TextId.IdleTerminalId, id);
            return TextCells.Width(Frame.Align(labelled)) <= Frame.Columns ? labelled : id;
        }

        /// <summary>Paused: no clock to follow (noted as drawn, so OnTick does not ask for a redraw every pass).</summary>
        private string PausedLine()
        {
            _clockShown = _clock.WallClockKnown;
            _redrawAtMs = long.MaxValue;
            return Text(TextId.Paused);
        }

        /// <summary>"11-25 10:00 UTC" (the wall clock is kept in UTC), noting when the minute turns.</summary>
        private string ClockLine()
        {
            _clockShown = _clock.WallClockKnown;
            if (!_clockShown)
            {
                _redrawAtMs = long.MaxValue;
                return Text(TextId.Ready);
            }
            System.DateTime now = _clock.UtcNow;
            long unix = UtcTime.ToUnixSeconds(now);
            _redrawAtMs = _clock.UptimeMs + (60 - unix % 60) * 1000 - now.Millisecond;
            return UtcTime.FormatShort(unix) + " UTC";
        }
    }
}

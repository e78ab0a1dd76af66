using PosTerminal.Firmware.Commands;
using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Text;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>
    /// locked: the terminal is locked as lost or stolen. Everything is refused but the unlock
    /// code typed on the keypad: digits (shown as stars), CLEAR, ENTER to try it (behind
    /// Checking...), CANCEL to clear the entry. Swipes are ignored and it never times out. A
    /// wrong code is said on the screen itself (with the tries left) until the next key; an
    /// entry shorter than any code gets the length rule and costs no try; while wrong codes
    /// have earned a wait, the remaining time counts down and digits are refused. Row 4 says
    /// 存储损坏 / Storage damaged for a lock record the store reported damaged, 需要维护 /
    /// Service needed while other security state waits for a technician, and the boot's
    /// storage notice (repaired, damaged) until the first key.
    /// Terminal.Poll shows this screen whenever the lock is set (no other screen, not even a
    /// message, stays up while locked), and idle once it is lifted.
    /// </summary>
    public sealed class LockedScreen : EntryScreen
    {
        private long _shownSeconds;
        private bool _wrongCode;
        private bool _tooShort;
        private string _pending;

        public LockedScreen(IScreenHost host) : base(host, TerminalLock.MaxCodeLength)
        {
        }

        public override string Id { get { return "locked"; } }

        public override bool TimesOut { get { return false; } }

        public override void Render(Frame frame)
        {
            long wait = Commands.UnlockRetryMs;
            _shownSeconds = (wait + 999) / 1000;
            frame[0] = Text(TextId.TerminalLockedTitle);
            if (wait > 0) frame[1] = Text(TextId.LockedWait, LoginGuard.FormatRemaining(wait));
            else frame[1] = Text(_wrongCode ? TextId.WrongCode : TextId.UnlockPrompt);
            frame[2] = Stars();
            if (_tooShort) frame[3] = Text(TextId.DigitsRule, CodeLengths());
            else if (!_wrongCode) frame[3] = Text(Notice());
            else frame[3] = wait > 0 ? Text(TextId.WrongCode) : Counted(TextId.TriesLeft, TextId.OneTryLeft, Commands.UnlockTriesBeforeLock);
        }

        /// <summary>
        /// Row 4 while no code was tried: why it is locked, if the storage is the reason;
        /// else what a technician must set again; else what the boot found in the store (until
        /// the first key, as on idle: damage that spared the lock record must be said here too,
        /// a locked terminal shows no other screen); else whom to call.
        /// </summary>
        private TextId Notice()
        {
            if (Commands.LockDamaged) return TextId.StorageDamaged;
            if (Commands.ServiceNeeded) return TextId.ServiceNeeded;
            return Host.StorageNotice != TextId.Count ? Host.StorageNotice : TextId.CallSupport;
        }

        public override void OnTick()
        {
            if ((Commands.UnlockRetryMs + 999) / 1000 != _shownSeconds) Host.Invalidate();
        }

        public override void OnKey(Key key)
        {
            if (Commands.UnlockRetryMs > 0 && key != Key.Cancel) return;
            _wrongCode = false;
            _tooShort = false;
            base.OnKey(key);
        }

        protected override void Submit(string entry)
        {
            if (entry.Length == 0) return;
            ClearEntry();
            if (entry.Length < TerminalLock.MinCodeLength)
            {
                // Not a code at all: say the rule instead of spending one of the tries on it.
                _tooShort = true;
                return;
            }
            _pending = entry;
            Host.Check(TryCode);
        }

        private void TryCode()
        {
            string code = _pending;
            _pending = null;
            switch (Commands.Unlock(Channel.Keypad, code))
            {
                case CommandStatus.Done:
                case CommandStatus.NotLocked:
                    ShowMessage(TextId.Unlocked, string.Empty, new IdleScreen(Host));
                    break;
                case CommandStatus.WrongSecret:
                    // Said on this screen, not in a message: the long beep goes with it.
                    _wrongCode = true;
                    Host.Beep(BeepKind.Error);
                    Host.Show(this);
                    break;
                default:
                    // TryLater: the countdown is on this screen. A damaged code matches nothing (row 4 says why).
                    Host.Show(this);
                    break;
            }
        }

        private static string CodeLengths()
        {
            return TerminalLock.MinCodeLength.ToString() + "-" + TerminalLock.MaxCodeLength.ToString();
        }

        protected override void Back()
        {
            ClearEntry();
        }
    }
}

using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Text;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>
    /// locked: the terminal is locked as lost or stolen (TerminalLock). Everything is refused
    /// but the technician unlock code typed on the keypad: digits (shown as stars), CLEAR,
    /// ENTER to try it, CANCEL to clear the entry. Swipes are ignored and it never times out.
    /// A wrong code is said on the screen itself (with the tries left) until the next key; an
    /// entry shorter than any code gets the length rule and costs no try; while
    /// wrong codes have earned a wait, the remaining time counts down and digits are refused.
    /// Terminal.Poll shows this screen whenever the lock is set (no other screen, not even a
    /// message, stays up while locked), and idle once it is lifted.
    /// </summary>
    public sealed class LockedScreen : EntryScreen
    {
        private long _shownSeconds;
        private bool _wrongCode;
        private bool _tooShort;

        public LockedScreen(Terminal terminal) : base(terminal, TerminalLock.MaxCodeLength)
        {
        }

        public override string Id { get { return "locked"; } }

        public override bool TimesOut { get { return false; } }

        private TerminalLock Lock { get { return Terminal.Security.Lock; } }

        public override void Render(Frame frame)
        {
            long wait = Lock.UnlockRetryMs;
            _shownSeconds = (wait + 999) / 1000;
            frame[0] = Text(TextId.TerminalLockedTitle);
            if (wait > 0) frame[1] = Text(TextId.LockedWait, LoginGuard.FormatRemaining(wait));
            else frame[1] = Text(_wrongCode ? TextId.WrongCode : TextId.UnlockPrompt);
            frame[2] = Stars();
            if (_tooShort) frame[3] = Text(TextId.DigitsRule, CodeLengths());
            else if (!_wrongCode) frame[3] = Text(TextId.CallSupport);
            else frame[3] = wait > 0 ? Text(TextId.WrongCode) : Counted(TextId.TriesLeft, TextId.OneTryLeft, Lock.UnlockTriesBeforeLock);
        }

        public override void OnTick()
        {
            if ((Lock.UnlockRetryMs + 999) / 1000 != _shownSeconds) Terminal.Invalidate();
        }

        public override void OnKey(Key key)
        {
            if (Lock.UnlockRetryMs > 0 && key != Key.Cancel) return;
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
            switch (Lock.Unlock(LockSource.Keypad, entry))
            {
                case UnlockResult.Unlocked:
                case UnlockResult.NotLocked:
                    ShowMessage(TextId.Unlocked, string.Empty, new IdleScreen(Terminal));
                    break;
                case UnlockResult.WrongCode:
                    // Said on this screen, not in a message: the long beep goes with it.
                    _wrongCode = true;
                    Terminal.Beep(BeepKind.Error);
                    break;
                default:
                    // TryLater: the countdown is on this screen. NoUnlockCode cannot happen: Lock refuses without a code.
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

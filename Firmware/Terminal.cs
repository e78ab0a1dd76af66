using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Fleet;
using PosTerminal.Firmware.Lifecycle;
using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Service;
using PosTerminal.Firmware.Settings;
using PosTerminal.Firmware.Storage;
using PosTerminal.Firmware.Text;
using PosTerminal.Firmware.Ui;
using PosTerminal.Hal;
using PosTerminal.Hal.CardReader;

namespace PosTerminal.Firmware
{
    /// <summary>
    /// The terminal application: owns the current screen, the operator session, the store,
    /// the security services (one per power-on) and, when the board has one, the maintenance
    /// console. A board calls Boot once after power-on, then Poll from its main loop.
    /// </summary>
    public sealed class Terminal
    {
        public const string FirmwareVersion = "0.2.0";

        /// <summary>Without a key for this long, any screen but idle returns to idle and the session ends.</summary>
        public const long SessionTimeoutMs = 60000;

        private readonly TerminalHardware _hw;
        private readonly Frame _frame = new Frame();
        private readonly string[] _shown = (string[])RefArrays.Nulls(new string[Frame.Rows]);
        private Screen _screen;
        private bool _dirty;
        private long _lastActivityMs;
        private CardReaderService _cardReader;

        public Terminal(TerminalHardware hardware)
        {
            _hw = hardware;
        }

        public TerminalHardware Hardware { get { return _hw; } }

        public IRecordStore Store { get; private set; }

        public TerminalSettings Settings { get; private set; }

        public Texts Texts { get; private set; }

        /// <summary>Passwords, lockout, lost/stolen lock, audit log: the one instance for this power-on.</summary>
        public SecurityServices Security { get; private set; }

        public BindingList Bindings { get; private set; }

        /// <summary>Active, paused or locked (issue 11): paused turns the card reader off.</summary>
        public TerminalLifecycle Lifecycle { get; private set; }

        /// <summary>The merchant name on the idle screen ("" when none).</summary>
        public MerchantName Merchant { get; private set; }

        /// <summary>The fleet agent (commands, state, outbox); null when the board has no link.</summary>
        public FleetAgent Fleet { get; private set; }

        /// <summary>The secret that signs this terminal's backups (made at first boot; see TerminalSecret for its damaged state).</summary>
        public TerminalSecret Secret { get; private set; }

        /// <summary>The maintenance console; null when the board has none (TerminalHardware.Console).</summary>
        public MaintenanceConsole Console { get; private set; }

        /// <summary>True from a successful login until the operator leaves settings or the session times out.</summary>
        public bool SessionOpen { get; private set; }

        public string ScreenId { get { return _screen == null ? "off" : _screen.Id; } }

        public Language Language { get { return Texts.Language; } }

        /// <summary>
        /// One line per binding, as a freshly booted store reads them from flash
        /// (the simulator's 'bindings' script token). Identifiers are masked.
        /// </summary>
        public static string[] DescribeStoredBindings(IFlash flash)
        {
            BindingList bindings = new BindingList(OpenStore(flash));
            string[] lines = (string[])RefArrays.Nulls(new string[bindings.Count]);
            for (int i = 0; i < lines.Length; i++)
            {
                lines[i] = bindings[i].Describe();
            }
            return lines;
        }

        /// <summary>The record store over the board's flash region: the one place that picks the store.</summary>
        private static LogStore OpenStore(IFlash flash)
        {
            return new LogStore(flash);
        }

        public void Boot()
        {
            LogStore store = OpenStore(_hw.Flash);
            Store = store;
            Security = new SecurityServices(Store, _hw.Clock, _hw.Crypto);
            Secret = new TerminalSecret(Store, _hw.Crypto);
            ReportStoreRecovery(store.MountReport);
            Settings = TerminalSettings.Load(Store);
            Texts = new Texts(Settings.Language);
            Bindings = new BindingList(Store);
            Lifecycle = new TerminalLifecycle(Store, Security.Audit, Security.Lock);
            Merchant = new MerchantName(Store, Security.Audit);
            _cardReader = new CardReaderService(_hw.Swipe);
            if (_hw.Link != null)
            {
                Fleet = new FleetAgent(_hw.TerminalId, _hw.Link, Store, _hw.Clock, _hw.Crypto, Security.Audit,
                    Security.Boot, new TerminalFleetOperations(this));
            }
            OpenConsole();
            _lastActivityMs = _hw.Clock.UptimeMs;
            if (Security.Lock.IsLocked) Show(new LockedScreen(this));
            else Show(new IdleScreen(this));
        }

        /// <summary>
        /// What the store's boot recovery found, said once: to the audit log, and on the idle
        /// screen until the first key. A write dropped because the plug was pulled is normal
        /// (Clean) and says nothing; flipped bits corrected or new damage (Recovered: damaged
        /// keys fail closed, IsDamaged) and damage with nothing readable left (Formatted) are told.
        /// </summary>
        private void ReportStoreRecovery(MountReport report)
        {
            if (report.Outcome == MountOutcome.Recovered) StorageNotice = TextId.StorageRecovered;
            else if (report.Outcome == MountOutcome.Formatted) StorageNotice = TextId.StorageFactory;
            else return;
            // The counts fit the audit detail's 20 characters ("fix 1 lost 2 keys 9");
            // the outcome says whether data was lost (damage found: keys fail closed).
            string detail = "fix " + report.Repaired.ToString() + " lost " + report.DamageSites.ToString()
                + " keys " + report.DamagedKeys.ToString();
            Security.StorageRecovered(detail, report.DamageSites > 0);
        }

        /// <summary>StorageRecovered or StorageFactory after a boot that repaired the store, until the first key; else TextId.Count.</summary>
        public TextId StorageNotice { get; private set; } = TextId.Count;

        /// <summary>The maintenance console over this terminal's own security services (never a second instance).</summary>
        private void OpenConsole()
        {
            if (_hw.Console == null) return;
            var operatorData = new OperatorData(this);
            int maxLine = _hw.ConsoleMaxLine > 0 ? _hw.ConsoleMaxLine : TerminalHardware.DefaultConsoleMaxLine;
            var backup = new BackupService(Security, _hw.Crypto, Secret, _hw.TerminalId, maxLine, operatorData);
            Console = new MaintenanceConsole(_hw.Console, Security, backup, operatorData, operatorData);
            if (Fleet != null) Console.FleetKeys = Fleet.Guard;
        }

        /// <summary>Shows the texts in language until the next boot, leaving the stored setting alone.</summary>
        public void UseLanguage(Language language)
        {
            Texts.Language = language;
            _dirty = true;
        }

        /// <summary>The operator's choice: stored and shown. False, changing nothing, when the store is full.</summary>
        public bool ChangeLanguage(Language language)
        {
            Language stored = Settings.Language;
            Settings.Language = language;
            try
            {
                Settings.Save(Store);
            }
            catch (StoreFullException)
            {
                Settings.Language = stored;
                return false;
            }
            UseLanguage(language);
            return true;
        }

        /// <summary>Reads the Settings record again and shows its language (after a restore's batch committed).</summary>
        public void ReloadSettings()
        {
            Settings = TerminalSettings.Load(Store);
            UseLanguage(Settings.Language);
        }

        /// <summary>Factory reset of the operator settings: the record goes, the language is 中文 again.</summary>
        public void ResetSettings()
        {
            Store.Delete(RecordKeys.Settings);
            Settings = TerminalSettings.Load(Store);
            UseLanguage(Settings.Language);
        }

        /// <summary>One pass of the main loop: security timers, the console and the fleet, keys, swipes, timers, then the display.</summary>
        public void Poll()
        {
            Security.Poll();
            if (Console != null) Console.Poll();
            if (Fleet != null && Fleet.Poll()) _dirty = true;
            FollowLock();
            Key key;
            while (_hw.Keypad.TryReadKey(out key))
            {
                NoteActivity();
                StorageNotice = TextId.Count;
                // A click for every key taken (a hold's second report is not a new key); a
                // refusal the key causes replaces it with the long beep (Screen.ShowMessage).
                if (key != Key.ClearHeld) Beep(BeepKind.Key);
                _screen.OnKey(key);
            }
            TakeSwipe();
            FollowSessionTimer();
            _screen.OnTick();
            if (_hw.Buzzer != null) _hw.Buzzer.Poll();
            Render();
        }

        /// <summary>
        /// Uptime (ms) by which the terminal needs its next Poll even if no input arrives (an
        /// input wakes the main loop by itself, see MainLoop): the drivers' own timers (keypad
        /// debounce and repeat, a swipe decoded in slices, a console line already received, the
        /// buzzer's end of tone, the fleet link's retry), the screen's own (a message's 2 s, the
        /// idle clock's minute, the warning's countdown), the session warning and timeout, and
        /// the next second of a lockout countdown the screen shows.
        /// </summary>
        public long NextPassMs
        {
            get
            {
                long now = _hw.Clock.UptimeMs;
                if (_dirty) return now;
                long due = _cardReader.NextPassMs;
                due = Earliest(due, _hw.Keypad as IPassTimer);
                due = Earliest(due, _hw.Console as IPassTimer);
                due = Earliest(due, Fleet);
                due = Earliest(due, _hw.Buzzer as IPassTimer);
                if (_screen.DueMs < due) due = _screen.DueMs;
                if (_screen.TimesOut)
                {
                    // The warning first, then the timeout itself (FollowSessionTimer).
                    long warnAt = _lastActivityMs + SessionTimeoutMs - SessionWarningScreen.WarningMs;
                    long session = warnAt > now ? warnAt : _lastActivityMs + SessionTimeoutMs;
                    if (session < due) due = session;
                }
                long countdown = Security.Guard.RemainingLockMs > 0 ? Security.Guard.RemainingLockMs : Security.Lock.UnlockRetryMs;
                if (countdown > 0 && now + (countdown - 1) % 1000 + 1 < due) due = now + (countdown - 1) % 1000 + 1;
                return due;
            }
        }

        private static long Earliest(long due, IPassTimer part)
        {
            return part != null && part.NextPassMs < due ? part.NextPassMs : due;
        }

        /// <summary>
        /// Without a key for SessionTimeoutMs, any screen but idle returns to idle and the
        /// session ends; SessionWarningScreen.WarningMs before that, the warning is shown over
        /// the screen (which is kept as it was, a half-typed entry included).
        /// </summary>
        private void FollowSessionTimer()
        {
            if (!_screen.TimesOut) return;
            long quietMs = _hw.Clock.UptimeMs - _lastActivityMs;
            if (quietMs >= SessionTimeoutMs) EndSession();
            else if (quietMs >= SessionTimeoutMs - SessionWarningScreen.WarningMs && !(_screen is SessionWarningScreen))
            {
                Beep(BeepKind.Key);
                Show(new SessionWarningScreen(this, _screen, _lastActivityMs + SessionTimeoutMs));
            }
        }

        /// <summary>Sounds the board's buzzer, unless it has none or the operator turned it off (settings).</summary>
        public void Beep(BeepKind kind)
        {
            if (_hw.Buzzer != null && Settings.BuzzerOn) _hw.Buzzer.Beep(kind);
        }

        /// <summary>
        /// A locked terminal (console, keypad or fleet) shows only the locked screen: the
        /// session ends at once. Unlocked (by the console, or the keypad), it goes back to idle.
        /// </summary>
        private void FollowLock()
        {
            bool onLockedScreen = _screen is LockedScreen;
            if (Security.Lock.IsLocked && !onLockedScreen)
            {
                SessionOpen = false;
                Show(new LockedScreen(this));
            }
            else if (!Security.Lock.IsLocked && onLockedScreen)
            {
                Show(new IdleScreen(this));
            }
        }

        /// <summary>A swipe the board recorded natively is decoded here and handed to the screen.</summary>
        private void TakeSwipe()
        {
            if (Lifecycle.IsPaused)
            {
                // Paused: the reader is off. The recording is taken and dropped undecoded.
                SwipeRecording ignored;
                if (_hw.Swipe != null) _hw.Swipe.TryTakeSwipe(out ignored);
                return;
            }
            Track2Data card = _cardReader.TakeSwipe();
            if (card == null) return;
            if (card.Ok) CardSwiped(card.AccountNumber);
            else SwipeFailed();
        }

        /// <summary>A swipe decoded to accountNumber: handed to the current screen.</summary>
        public void CardSwiped(string accountNumber)
        {
            NoteActivity();
            _screen.OnCardSwiped(accountNumber);
        }

        /// <summary>A swipe that could not be decoded: the current screen may ask for another.</summary>
        public void SwipeFailed()
        {
            NoteActivity();
            _screen.OnSwipeFailed();
        }

        public void Show(Screen screen)
        {
            _screen = screen;
            _dirty = true;
        }

        /// <summary>The current screen's content changed without a key (a countdown).</summary>
        public void Invalidate()
        {
            _dirty = true;
        }

        public void StartSession()
        {
            SessionOpen = true;
        }

        /// <summary>Back to idle: the password is needed again.</summary>
        public void EndSession()
        {
            SessionOpen = false;
            Show(new IdleScreen(this));
        }

        private void NoteActivity()
        {
            _lastActivityMs = _hw.Clock.UptimeMs;
            _dirty = true;
        }

        private void Render()
        {
            if (!_dirty) return;
            _dirty = false;
            _frame.Clear();
            _screen.Render(_frame);
            for (int row = 0; row < Frame.Rows; row++)
            {
                if (_frame[row] != _shown[row])
                {
                    _shown[row] = _frame[row];
                    _hw.Display.WriteLine(row, _frame[row]);
                }
            }
        }
    }
}

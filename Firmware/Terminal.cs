using PosTerminal.Firmware.Bindings;
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
        private readonly string[] _shown = new string[Frame.Rows];
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
            string[] lines = new string[bindings.Count];
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
            ReportStoreRecovery(store.MountReport);
            Settings = TerminalSettings.Load(Store);
            Texts = new Texts(Settings.Language);
            Bindings = new BindingList(Store);
            _cardReader = new CardReaderService(_hw.Swipe);
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
            BackupService backup = _hw.Json != null ? new BackupService(Security, _hw.Crypto, _hw.Json, operatorData) : null;
            Console = new MaintenanceConsole(_hw.Console, Security, backup, operatorData, operatorData);
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

        /// <summary>Factory reset of the operator settings: the record goes, the language is 中文 again.</summary>
        public void ResetSettings()
        {
            Store.Delete(RecordKeys.Settings);
            Settings = TerminalSettings.Load(Store);
            UseLanguage(Settings.Language);
        }

        /// <summary>One pass of the main loop: security timers and the console, keys, swipes, timers, then the display.</summary>
        public void Poll()
        {
            Security.Poll();
            if (Console != null) Console.Poll();
            FollowLock();
            Key key;
            while (_hw.Keypad.TryReadKey(out key))
            {
                NoteActivity();
                StorageNotice = TextId.Count;
                _screen.OnKey(key);
            }
            TakeSwipe();
            if (_screen.TimesOut && _hw.Clock.UptimeMs - _lastActivityMs >= SessionTimeoutMs)
            {
                EndSession();
            }
            _screen.OnTick();
            Render();
        }

        /// <summary>
        /// A locked terminal (console now, network later) shows only the locked screen: the
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

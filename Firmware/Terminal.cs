using System;
using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Commands;
using PosTerminal.Firmware.Fleet;
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
    /// The terminal application: owns the current screen, the store, the command layer (every
    /// operation, its authorization and its audit entry: TerminalCommands) and, when the board
    /// has them, the maintenance console and the fleet agent. A board calls Boot once after
    /// power-on, then Poll from its main loop (MainLoop: a pass, then a sleep until NextPassMs).
    ///
    /// Never dead (issue 9): an exception in a main-loop pass is caught (Poll), recorded (an
    /// audit entry and the LastFault record the console's status shows), the operator sees
    /// 系统错误 / System error briefly and the terminal goes back to idle. The same fault
    /// FaultsForService times within FaultWindowMs shows the service screen instead, until a
    /// reboot; the console and the fleet keep working (see Fault for what counts as the same).
    /// A power loss (Hal.PowerLossException) is never caught: it is the end of the program, not
    /// a fault.
    /// </summary>
    public sealed class Terminal : IScreenHost, ITerminalHost
    {
        public const string FirmwareVersionText = "0.2.0";

        /// <summary>Without a key for this long, any screen but idle returns to idle and the session ends.</summary>
        public const long SessionTimeoutMs = 60000;

        /// <summary>The same fault this many times within FaultWindowMs: the service screen.</summary>
        public const int FaultsForService = 3;
        public const long FaultWindowMs = 60000;

        /// <summary>
        /// The most recent faults the service rule looks back on: a fault repeated behind more
        /// than five others within the minute is not seen as repeating (each still shows System
        /// error and is recorded). A fixed ring: no allocation per fault for the bookkeeping.
        /// </summary>
        public const int FaultsRemembered = 8;

        /// <summary>Fault places that are not a screen: the console's and the fleet's guards in Poll.</summary>
        public const string ConsolePlace = "console", FleetPlace = "fleet";

        private readonly TerminalHardware _hw;
        private readonly Frame _frame = new Frame();
        private readonly string[] _shown = (string[])RefArrays.Nulls(new string[Frame.Rows]);
        // The last FaultsRemembered faults, a ring: when, the exception type, where (Fault).
        private readonly long[] _faultTimes = new long[FaultsRemembered];
        private readonly string[] _faultTypes = (string[])RefArrays.Nulls(new string[FaultsRemembered]);
        private readonly string[] _faultPlaces = (string[])RefArrays.Nulls(new string[FaultsRemembered]);
        private int _faults;
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

        public Texts Texts { get; private set; }

        /// <summary>The command layer: the one place that decides who may do what, and audits it.</summary>
        public TerminalCommands Commands { get; private set; }

        /// <summary>The security state (read-only use: changes go through Commands).</summary>
        public SecurityServices Security { get { return Commands.Security; } }

        public BindingList Bindings { get { return Commands.Bindings; } }

        public TerminalSettings Settings { get { return Commands.Settings; } }

        /// <summary>Active, paused or locked (read-only use: pause and reactivate go through Commands).</summary>
        public Lifecycle.TerminalLifecycle Lifecycle { get { return Commands.Lifecycle; } }

        /// <summary>The merchant name on the idle screen (read-only use).</summary>
        public Lifecycle.MerchantName Merchant { get { return Commands.Merchant; } }

        /// <summary>The maintenance console; null when the board has none (TerminalHardware.Console).</summary>
        public MaintenanceConsole Console { get; private set; }

        /// <summary>The fleet agent (commands, state, outbox); null when the board has no link.</summary>
        public FleetAgent Fleet { get; private set; }

        /// <summary>True from a successful login until the operator leaves settings or the session times out.</summary>
        public bool SessionOpen { get { return Commands != null && Commands.OperatorSessionOpen; } }

        public string ScreenId { get { return _screen == null ? "off" : _screen.Id; } }

        /// <summary>Where the last caught fault was raised (ConsolePlace, FleetPlace or a screen id); null before the first.</summary>
        public string LastFaultPlace { get; private set; }

        public Language Language { get { return Texts.Language; } }

        public string FirmwareVersion { get { return FirmwareVersionText; } }

        public int FlashKilobytes { get { return _hw.Flash.SectorSize / 1024 * _hw.Flash.SectorCount; } }

        /// <summary>StorageRecovered, StorageFactory or StorageDamaged after boot, until the first key; else TextId.Count.</summary>
        public TextId StorageNotice { get; private set; } = TextId.Count;

        /// <summary>
        /// One line per binding, as a freshly booted store reads them from flash
        /// (the simulator's 'bindings' script token). Identifiers are masked.
        /// </summary>
        public static string[] DescribeStoredBindings(IFlash flash)
        {
            BindingList bindings = new BindingList(OpenStore(flash));
            string[] lines = (string[])RefArrays.Nulls(new string[bindings.EntryCount]);
            for (int i = 0; i < lines.Length; i++)
            {
                Binding binding = bindings.AtSlot(bindings.EntrySlot(i));
                lines[i] = binding != null ? binding.Describe() : "damaged";
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
            int rounds = _hw.KdfRounds > 0 ? _hw.KdfRounds : PasswordHash.DefaultRounds;
            SecurityServices security = new SecurityServices(store, _hw.Clock, _hw.Crypto, rounds);
            TerminalSettings settings = TerminalSettings.Load(store);
            Texts = new Texts(settings.Language);
            int maxLine = _hw.ConsoleMaxLine > 0 ? _hw.ConsoleMaxLine : TerminalHardware.DefaultConsoleMaxLine;
            Commands = new TerminalCommands(store, security, new BindingList(store), settings, _hw.TerminalId, maxLine, this);
            if (_hw.Link != null)
            {
                CommandGuard guard = new CommandGuard(store, _hw.Clock, _hw.Crypto, _hw.TerminalId);
                Fleet = new FleetAgent(_hw.TerminalId, _hw.Link, store, _hw.Clock, _hw.Crypto, security.Boot, guard, Commands);
                Commands.JoinFleet(Fleet);
            }
            ReportStoreRecovery(store.MountReport);
            if (Commands.ReportDamage()) StorageNotice = TextId.StorageDamaged;
            _cardReader = new CardReaderService(_hw.Swipe);
            if (_hw.Console != null) Console = new MaintenanceConsole(_hw.Console, Commands);
            _lastActivityMs = _hw.Clock.UptimeMs;
            if (Commands.IsLocked) Show(new LockedScreen(this));
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
            Commands.ReportStoreRecovery(detail, report.DamageSites > 0);
        }

        /// <summary>Shows the texts in language until the next boot, leaving the stored setting alone.</summary>
        public void UseLanguage(Language language)
        {
            Texts.Language = language;
            _dirty = true;
        }

        /// <summary>
        /// One pass of the main loop: the console's lines, the fleet, then security timers, keys,
        /// swipes, timers and the display. Any exception but a power loss is caught and reported
        /// (see the class comment); the console and the fleet are guarded on their own, so they
        /// keep answering while the rest of the pass keeps failing.
        /// </summary>
        public void Poll()
        {
            try
            {
                if (Console != null) Console.Poll();
            }
            catch (PowerLossException)
            {
                throw;
            }
            catch (Exception e)
            {
                Fault(e, ConsolePlace);
            }
            try
            {
                if (Fleet != null && Fleet.Poll()) _dirty = true;
            }
            catch (PowerLossException)
            {
                throw;
            }
            catch (Exception e)
            {
                Fault(e, FleetPlace);
            }
            try
            {
                PollScreen();
            }
            catch (PowerLossException)
            {
                throw;
            }
            catch (Exception e)
            {
                // The screen at the throw: the one a key, tick or deferred derivation (checking) ran on.
                Fault(e, _screen.Id);
            }
        }

        // Security timers, keys, swipes, timers, the buzzer, the display, then deferred work.
        private void PollScreen()
        {
            Commands.Poll();
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
            RunDeferred();
        }

        /// <summary>
        /// Uptime (ms) by which the terminal needs its next Poll even if no input arrives (an
        /// input wakes the main loop by itself, see MainLoop): the drivers' own timers (keypad
        /// debounce and repeat, a swipe decoded in slices, a console line already received, the
        /// buzzer's end of tone, the fleet link's retry), the screen's own (Screen.DueMs: a
        /// message's 2 s, the idle clock's minute, the warning's countdown, the system error's
        /// return, Checking... at once), the session warning and timeout, the technician's
        /// console timeout, and the next second of a lockout countdown the screen shows.
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
                if (Commands.NextPassMs < due) due = Commands.NextPassMs;
                if (_screen.TimesOut)
                {
                    // The warning first, then the timeout itself (FollowSessionTimer).
                    long warnAt = _lastActivityMs + SessionTimeoutMs - SessionWarningScreen.WarningMs;
                    long session = warnAt > now ? warnAt : _lastActivityMs + SessionTimeoutMs;
                    if (session < due) due = session;
                }
                long countdown = Commands.LoginLockoutMs > 0 ? Commands.LoginLockoutMs : Commands.UnlockRetryMs;
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
        /// the screen (which is kept as it was, a half-typed entry included). Screens that do
        /// not time out (idle, locked, Checking..., the system error) never get either, and the
        /// time a derivation behind Checking... takes is not counted (RunDeferred).
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

        /// <summary>
        /// After Checking... is on the LCD: the derivation runs, its result screen is drawn, and
        /// the time it took does not count against the operator's key timeout.
        /// </summary>
        private void RunDeferred()
        {
            CheckingScreen checking = _screen as CheckingScreen;
            if (checking == null) return;
            checking.Run();
            NoteActivity();
            FollowLock();
            Render();
        }

        /// <summary>
        /// A caught fault: recorded, the session ended, System error or the service screen.
        /// The same fault is the same exception type raised in the same place: the Poll guard
        /// that caught it (console, fleet) or, for the screen's part of the pass, the screen it
        /// was raised on. Not the message: it carries details that differ between repeats of
        /// one failure (a flash address, a path); not the stack trace: nanoCLR builds without
        /// stack traces return none. So a flash that fails on every login is one fault that
        /// comes back, while three unrelated faults in a minute are each only System error.
        /// Only this path allocates (the type's name); a pass without a fault does not.
        /// </summary>
        private void Fault(Exception e, string place)
        {
            long now = _hw.Clock.UptimeMs;
            string type = e.GetType().Name;
            int slot = _faults % FaultsRemembered;
            _faultTimes[slot] = now;
            _faultTypes[slot] = type;
            _faultPlaces[slot] = place;
            _faults++;
            LastFaultPlace = place;
            bool service = _screen is ServiceScreen || SameFaultsWithinWindow(now, type, place) >= FaultsForService;
            try
            {
                Commands.RecordFault(type, e.Message);
            }
            catch (PowerLossException)
            {
                throw;
            }
            catch (Exception)
            {
                // The report failed the same way (the flash): the screen still says it.
            }
            Commands.EndOperatorSession();
            if (!(_screen is ServiceScreen)) Show(service ? (Screen)new ServiceScreen(this) : new SystemErrorScreen(this, now));
            try
            {
                Render();
            }
            catch (PowerLossException)
            {
                throw;
            }
            catch (Exception)
            {
                // The display itself failed: the next pass tries again.
                _dirty = true;
            }
        }

        /// <summary>How many of the remembered faults (this one included) are type in place within FaultWindowMs of now.</summary>
        private int SameFaultsWithinWindow(long now, string type, string place)
        {
            int remembered = _faults < FaultsRemembered ? _faults : FaultsRemembered;
            int same = 0;
            for (int i = 0; i < remembered; i++)
            {
                if (now - _faultTimes[i] < FaultWindowMs && _faultTypes[i] == type && _faultPlaces[i] == place) same++;
            }
            return same;
        }

        /// <summary>Sounds the board's buzzer, unless it has none or the operator turned it off (settings).</summary>
        public void Beep(BeepKind kind)
        {
            if (_hw.Buzzer != null && Commands.Settings.BuzzerOn) _hw.Buzzer.Beep(kind);
        }

        /// <summary>
        /// A locked terminal (console, keypad or fleet) shows only the locked screen: the
        /// session ends at once. Unlocked (by the console, the keypad or the fleet), it goes back to idle.
        /// </summary>
        private void FollowLock()
        {
            bool onLockedScreen = _screen is LockedScreen;
            if (Commands.IsLocked && !onLockedScreen && !(_screen is CheckingScreen))
            {
                Commands.EndOperatorSession();
                Show(new LockedScreen(this));
            }
            else if (!Commands.IsLocked && onLockedScreen)
            {
                Show(new IdleScreen(this));
            }
        }

        /// <summary>A swipe the board recorded natively is decoded here and handed to the screen.</summary>
        private void TakeSwipe()
        {
            if (Commands.IsPaused)
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

        public void Invalidate()
        {
            _dirty = true;
        }

        public void Check(DeferredWork work)
        {
            Show(new CheckingScreen(this, work));
        }

        /// <summary>Back to idle: the password is needed again.</summary>
        public void EndSession()
        {
            Commands.EndOperatorSession();
            Show(new IdleScreen(this));
        }

        // ---- ITerminalHost: what the command layer tells the terminal ----

        void ITerminalHost.LanguageChanged(Language language)
        {
            UseLanguage(language);
        }

        void ITerminalHost.OperatorDataReplaced()
        {
            if (!(_screen is LockedScreen)) EndSession();
        }

        void ITerminalHost.Notice(TextId title)
        {
            Show(new MessageScreen(this, title, string.Empty, _screen));
        }

        void ITerminalHost.StateChanged()
        {
            _dirty = true;
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

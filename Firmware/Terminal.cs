using System;
using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Commands;
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
    /// has one, the maintenance console. A board calls Boot once after power-on, then Poll from
    /// its main loop.
    ///
    /// Never dead (issue 9): an exception in a main-loop pass is caught (Poll), recorded (an
    /// audit entry and the LastFault record the console's status shows), the operator sees
    /// 系统错误 / System error briefly and the terminal goes back to idle. FaultsForService
    /// faults within FaultWindowMs show the service screen instead; the console keeps working.
    /// </summary>
    public sealed class Terminal : IScreenHost, ITerminalHost
    {
        public const string FirmwareVersionText = "0.2.0";

        /// <summary>Without a key for this long, any screen but idle returns to idle and the session ends.</summary>
        public const long SessionTimeoutMs = 60000;

        public const int FaultsForService = 3;
        public const long FaultWindowMs = 60000;

        private readonly TerminalHardware _hw;
        private readonly Frame _frame = new Frame();
        private readonly string[] _shown = (string[])RefArrays.Nulls(new string[Frame.Rows]);
        private readonly long[] _faultTimes = new long[FaultsForService];
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

        /// <summary>The maintenance console; null when the board has none (TerminalHardware.Console).</summary>
        public MaintenanceConsole Console { get; private set; }

        /// <summary>True from a successful login until the operator leaves settings or the session times out.</summary>
        public bool SessionOpen { get { return Commands != null && Commands.OperatorSessionOpen; } }

        public string ScreenId { get { return _screen == null ? "off" : _screen.Id; } }

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
            Commands = new TerminalCommands(store, security, new BindingList(store), settings, _hw.Json, _hw.TerminalId, this);
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
        /// (Clean) and says nothing; unreadable records (Recovered) and content with nothing
        /// intact (Formatted: factory state) are told.
        /// </summary>
        private void ReportStoreRecovery(MountReport report)
        {
            if (report.Outcome == MountOutcome.Recovered) StorageNotice = TextId.StorageRecovered;
            else if (report.Outcome == MountOutcome.Formatted) StorageNotice = TextId.StorageFactory;
            else return;
            // The counts fit the audit detail's 20 characters; the outcome says whether data was lost.
            string detail = "records " + report.CorruptRecords.ToString() + " sectors " + report.BadSectors.ToString();
            Commands.ReportStoreRecovery(detail, report.Outcome == MountOutcome.Formatted);
        }

        /// <summary>Shows the texts in language until the next boot, leaving the stored setting alone.</summary>
        public void UseLanguage(Language language)
        {
            Texts.Language = language;
            _dirty = true;
        }

        /// <summary>
        /// One pass of the main loop: the console's lines, then security timers, keys, swipes,
        /// timers and the display. Any exception but a power loss is caught and reported (see
        /// the class comment); the console is guarded on its own, so it keeps answering while
        /// the rest of the pass keeps failing.
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
                Fault(e);
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
                Fault(e);
            }
        }

        // Security timers, keys, swipes, timers, the display, then deferred work.
        private void PollScreen()
        {
            Commands.Poll();
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
            RunDeferred();
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

        private void Fault(Exception e)
        {
            long now = _hw.Clock.UptimeMs;
            _faultTimes[_faults % FaultsForService] = now;
            _faults++;
            bool repeating = _faults >= FaultsForService && now - _faultTimes[_faults % FaultsForService] < FaultWindowMs;
            try
            {
                Commands.RecordFault(e.GetType().Name, e.Message);
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
            Show(repeating ? (Screen)new ServiceScreen(this) : new SystemErrorScreen(this, now));
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

        /// <summary>
        /// A locked terminal (console now, network later) shows only the locked screen: the
        /// session ends at once. Unlocked (by the console, or the keypad), it goes back to idle.
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

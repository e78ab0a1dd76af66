using PosTerminal.Firmware.Lifecycle;
using PosTerminal.Firmware.Security;

namespace PosTerminal.Firmware.Fleet
{
    /// <summary>
    /// TEMPORARY: the place the command layer takes over. A thin adapter from verified fleet
    /// commands to today's TerminalLock, TerminalLifecycle and MerchantName. It decides nothing
    /// about who may ask (FleetAgent's CommandGuard verified the command before calling it) and
    /// adds no rule of its own: each call does what the command asks under the terminal's rules,
    /// with LockSource.Network / PauseSource.Fleet as the caller, and the services audit.
    /// When Firmware/Commands lands, its command layer implements IFleetOperations and this
    /// class goes.
    /// </summary>
    public sealed class TerminalFleetOperations : IFleetOperations
    {
        private readonly Terminal _terminal;

        public TerminalFleetOperations(Terminal terminal)
        {
            _terminal = terminal;
        }

        private TerminalLock TerminalLock { get { return _terminal.Security.Lock; } }

        private TerminalLifecycle Lifecycle { get { return _terminal.Lifecycle; } }

        public FleetResult Status()
        {
            return new FleetResult(FleetCode.Done, "terminal " + Lifecycle.State);
        }

        public FleetResult Lock(string reason)
        {
            switch (TerminalLock.Lock(LockSource.Network, reason))
            {
                case LockResult.Locked: return new FleetResult(FleetCode.Done, "terminal locked");
                case LockResult.AlreadyLocked: return new FleetResult(FleetCode.Already, "terminal is already locked");
                default: return new FleetResult(FleetCode.Refused, "no unlock code set");
            }
        }

        public FleetResult Unlock()
        {
            if (TerminalLock.UnlockAuthorized(LockSource.Network) == UnlockResult.Unlocked)
            {
                return new FleetResult(FleetCode.Done, "terminal unlocked");
            }
            return new FleetResult(FleetCode.Already, "terminal is not locked");
        }

        public FleetResult Pause()
        {
            switch (Lifecycle.Pause(PauseSource.Fleet))
            {
                case LifecycleResult.Done: return new FleetResult(FleetCode.Done, "terminal paused: card reader off, bindings kept");
                case LifecycleResult.Already: return new FleetResult(FleetCode.Already, "terminal is already paused");
                default: return new FleetResult(FleetCode.Failed, "store full: not paused");
            }
        }

        public FleetResult Reactivate()
        {
            switch (Lifecycle.Reactivate(PauseSource.Fleet))
            {
                case LifecycleResult.Done: return new FleetResult(FleetCode.Done, "terminal active again");
                case LifecycleResult.Already: return new FleetResult(FleetCode.Already, "terminal is not paused");
                default: return new FleetResult(FleetCode.Failed, "store full: still paused");
            }
        }

        public FleetResult SetMerchantName(string name)
        {
            string problem = MerchantName.Check(name);
            if (problem != null) return new FleetResult(FleetCode.Refused, "merchant name refused: " + problem);
            if (name == _terminal.Merchant.Name) return new FleetResult(FleetCode.Already, "merchant name unchanged");
            if (!_terminal.Merchant.Set(name)) return new FleetResult(FleetCode.Failed, "store full: name not changed");
            return new FleetResult(FleetCode.Done, name.Length == 0 ? "merchant name cleared" : "merchant name set");
        }

        public FleetState State()
        {
            TerminalLock terminalLock = TerminalLock;
            FleetState state = new FleetState();
            state.Lifecycle = Lifecycle.State;
            state.Locked = terminalLock.IsLocked;
            state.LockReason = terminalLock.Reason;
            state.Paused = Lifecycle.IsPaused;
            state.PausedBy = Lifecycle.IsPaused ? TerminalLifecycle.SourceName(Lifecycle.PausedBy) : string.Empty;
            state.Bindings = _terminal.Bindings.Count;
            state.Firmware = Terminal.FirmwareVersion;
            state.MerchantName = _terminal.Merchant.Name;
            return state;
        }
    }
}

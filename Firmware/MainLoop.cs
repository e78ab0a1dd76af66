using PosTerminal.Hal;

namespace PosTerminal.Firmware
{
    /// <summary>
    /// The terminal's main loop: a pass (Terminal.Poll), then a sleep on the board's wake
    /// signal until an input arrives or the next timer is due (Terminal.NextPassMs).
    /// The sleep is never under one FreeRTOS tick (the ESP32 build runs it at 100 Hz: a
    /// wait under 10 ms is 0 ticks, Events_WaitForEvents returns at once and the CLR task
    /// spins), and at most MaxSleepMs, so a lost signal costs a second, never a hang.
    /// The simulated boards schedule their passes with NextWaitMs too.
    /// </summary>
    public sealed class MainLoop
    {
        /// <summary>One FreeRTOS tick on the ESP32 build (CONFIG_FREERTOS_HZ = 100): the shortest wait that sleeps.</summary>
        public const int TickMs = 10;

        /// <summary>The longest sleep: an idle terminal still passes once a second (est. well under 1 ms of CPU).</summary>
        public const int MaxSleepMs = 1000;

        private readonly Terminal _terminal;
        private readonly IClock _clock;

        public MainLoop(Terminal terminal, IClock clock)
        {
            _terminal = terminal;
            _clock = clock;
        }

        /// <summary>How long to sleep after a pass: until the next timer, within [TickMs, MaxSleepMs].</summary>
        public int NextWaitMs()
        {
            return WaitFor(_terminal.NextPassMs, _clock.UptimeMs);
        }

        /// <summary>The rule itself: due - now, at least one tick, at most MaxSleepMs.</summary>
        public static int WaitFor(long dueMs, long nowMs)
        {
            long wait = dueMs - nowMs;
            if (wait < TickMs) return TickMs;
            if (wait > MaxSleepMs) return MaxSleepMs;
            return (int)wait;
        }

        /// <summary>The device's loop: never returns.</summary>
        public void Run(IWake wake)
        {
            while (true)
            {
                _terminal.Poll();
                wake.Wait(NextWaitMs());
            }
        }
    }
}

using System;
using System.Diagnostics;
using PosTerminal.Virtual;

namespace PosTerminal.Simulator
{
    /// <summary>
    /// Keeps a board's virtual time with the wall clock (interactive and web terminals), so
    /// the session timeout and message times are real. A key press or swipe runs its own
    /// virtual time at once; the pacer then waits until real time has caught up.
    /// </summary>
    public sealed class RealTimePacer
    {
        /// <summary>The most one catch-up runs: after a stall (a debugger, a suspended laptop) the board does not race.</summary>
        public const long MaxCatchUpMicros = 250_000;

        private readonly Stopwatch _wall = Stopwatch.StartNew();
        private long _lastWallMicros;
        private long _aheadMicros;

        /// <summary>Runs the board up to real time.</summary>
        public void CatchUp(SimBoard board)
        {
            long now = _wall.ElapsedTicks * 1_000_000 / Stopwatch.Frequency;
            long run = now - _lastWallMicros - _aheadMicros;
            _lastWallMicros = now;
            if (run <= 0)
            {
                _aheadMicros = -run;
                return;
            }
            _aheadMicros = 0;
            board.Advance(Math.Min(run, MaxCatchUpMicros));
        }

        /// <summary>Runs an action that takes virtual time of its own (a key press, a swipe), counting that time as already run.</summary>
        public void Act(SimBoard board, Action action)
        {
            long before = board.Clock.UptimeMicros;
            action();
            long after = board.Clock.UptimeMicros;
            if (after > before) _aheadMicros += after - before;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Threading;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Script;

namespace PosTerminal.Simulator.Web
{
    /// <summary>
    /// Owns a pin-level board for the web terminal: one thread runs it on real time, and
    /// requests (keys, swipes, console lines, power) run under the same lock, one at a time,
    /// as on the device. Every change a browser can see (DDRAM, display on, screen, uptime
    /// second, console output) raises Version, which the page's long poll waits for.
    /// </summary>
    public sealed class BoardHost : IDisposable
    {
        /// <summary>Console lines kept for pages that (re)connect.</summary>
        public const int ConsoleKept = 200;

        private readonly PinBoard _board;
        private readonly object _gate = new object();
        private readonly RealTimePacer _pacer = new RealTimePacer();
        private readonly Queue<string> _console = new Queue<string>();
        private readonly Thread _thread;
        private volatile bool _stopping;
        private long _consoleTotal;
        private long _version;
        private byte[] _ddram = new byte[0];
        private string _seen = "";

        public BoardHost(PinBoard board)
        {
            _board = board;
            _board.ConsolePort.LineWritten += Remember;
            lock (_gate)
            {
                Observe();
            }
            _thread = new Thread(Loop) { IsBackground = true, Name = "web board" };
            _thread.Start();
        }

        public PinBoard Board { get { return _board; } }

        /// <summary>Runs action on the board under the lock (real time paused for it); the page sees the result.</summary>
        public void Act(Action<PinBoard> action)
        {
            lock (_gate)
            {
                _pacer.Act(_board, () => action(_board));
                Observe();
            }
        }

        /// <summary>Reads the board under the lock.</summary>
        public T Read<T>(Func<PinBoard, T> read)
        {
            lock (_gate)
            {
                return read(_board);
            }
        }

        /// <summary>Swipes a test card (kind: clean, noisy or reverse).</summary>
        public void Swipe(string track2, bool reverse, bool noisy)
        {
            Act(board => board.Swipe(ScriptParser.CardSwipe(board, track2, reverse, noisy)));
        }

        /// <summary>Types a line on the console; the firmware reads it on a later loop pass.</summary>
        public void SendConsoleLine(string line)
        {
            lock (_gate)
            {
                Remember("> " + line);
                _board.ConsolePort.Send(line);
            }
        }

        /// <summary>Waits up to timeoutMs for Version to pass 'after'; returns the state then.</summary>
        public WebState WaitForState(long after, int timeoutMs)
        {
            lock (_gate)
            {
                long deadline = Environment.TickCount64 + timeoutMs;
                while (_version <= after && !_stopping)
                {
                    long left = deadline - Environment.TickCount64;
                    if (left <= 0) break;
                    Monitor.Wait(_gate, (int)left);
                }
                return State();
            }
        }

        public void Dispose()
        {
            _stopping = true;
            lock (_gate)
            {
                Monitor.PulseAll(_gate);
            }
            _thread.Join(2000);
            _board.ConsolePort.LineWritten -= Remember;
        }

        private void Loop()
        {
            while (!_stopping)
            {
                lock (_gate)
                {
                    _pacer.CatchUp(_board);
                    Observe();
                }
                Thread.Sleep(10);
            }
        }

        /// <summary>Raises Version (and wakes the waiting polls) when anything a page shows has changed. Caller holds the lock.</summary>
        private void Observe()
        {
            byte[] ddram = _board.PoweredOn && _board.Lcd.DisplayOn ? _board.Lcd.Ddram() : new byte[0];
            string seen = _board.ScreenId + "|" + _board.Clock.UptimeMs / 1000 + "|" + _consoleTotal;
            if (seen == _seen && ddram.AsSpan().SequenceEqual(_ddram)) return;
            _seen = seen;
            _ddram = ddram;
            _version++;
            Monitor.PulseAll(_gate);
        }

        /// <summary>What the page draws. Caller holds the lock.</summary>
        private WebState State()
        {
            return new WebState
            {
                Version = _version,
                Ddram = Convert.ToHexString(_ddram),
                ScreenId = _board.ScreenId,
                UptimeSeconds = _board.Clock.UptimeMs / 1000,
                ConsoleTotal = _consoleTotal,
                Console = _console.ToArray(),
            };
        }

        private void Remember(string line)
        {
            lock (_gate)
            {
                _console.Enqueue(line);
                while (_console.Count > ConsoleKept) _console.Dequeue();
                _consoleTotal++;
                Observe();
            }
        }
    }

    /// <summary>GET /api/state: what the page shows. Ddram is empty while the display is off or the board has no power.</summary>
    public sealed class WebState
    {
        public long Version { get; set; }

        /// <summary>The ST7920's 64 DDRAM bytes in hex (2 × (address - 0x80) and the next), or "" when the glass is dark.</summary>
        public string Ddram { get; set; }

        public string ScreenId { get; set; }
        public long UptimeSeconds { get; set; }

        /// <summary>Console lines ever written (typed lines included, as "> line"); Console holds the last ConsoleKept.</summary>
        public long ConsoleTotal { get; set; }

        public string[] Console { get; set; }

        /// <summary>The status line (StatusInfo.Line: screen, uptime, id, board, flash file, later the fleet link).</summary>
        public string Status { get; set; }
    }
}

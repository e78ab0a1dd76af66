using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using PosTerminal.Hal;

namespace PosTerminal.Virtual.Parts
{
    /// <summary>
    /// The maintenance console's serial line: lines typed in (by a script or the loopback TCP
    /// bridge, from any thread) and lines the firmware wrote (kept for scripts, and announced
    /// through LineWritten on the firmware's thread).
    ///
    /// Held to the device UART's line length (MaxLineChars, board.json console.maxLineChars):
    /// a longer line is dropped with the message UartConsole gives, so whatever works here
    /// (a backup pasted back) works on the device.
    /// </summary>
    public sealed class SimConsolePort : IConsolePort
    {
        /// <summary>Written lines kept for TakeOutput; older ones are dropped past this.</summary>
        public const int MaxKept = 1000;

        private readonly ConcurrentQueue<string> _input = new ConcurrentQueue<string>();
        private readonly Queue<string> _output = new Queue<string>();

        public event Action<string> LineWritten;

        public int PendingInput { get { return _input.Count; } }

        /// <summary>The longest input line taken, as on the device's UART (200).</summary>
        public int MaxLineChars { get; set; } = 200;

        /// <summary>
        /// HasListener: someone reads the console. Set while a TCP client is connected
        /// (ConsoleBridge), from the first line a script or test types (SimBoard.SendConsoleLine),
        /// or by a test directly.
        /// </summary>
        public bool Listening { get; set; }

        public bool HasListener { get { return Listening; } }

        public void Send(string line)
        {
            _input.Enqueue(line);
        }

        /// <summary>Power-on: a UART keeps nothing that arrived while the board was off.</summary>
        public void DropInput()
        {
            while (_input.TryDequeue(out _)) { }
        }

        /// <summary>The next line; a line over MaxLineChars is dropped with UartConsole's message, on the firmware's thread as there.</summary>
        public bool TryReadLine(out string line)
        {
            while (_input.TryDequeue(out line))
            {
                if (line == null || line.Length <= MaxLineChars) return true;
                WriteLine("line too long (at most " + MaxLineChars + " characters)");
            }
            return false;
        }

        public void WriteLine(string line)
        {
            lock (_output)
            {
                _output.Enqueue(line);
                while (_output.Count > MaxKept) _output.Dequeue();
            }
            LineWritten?.Invoke(line);
        }

        /// <summary>The lines written since the last call.</summary>
        public string[] TakeOutput()
        {
            lock (_output)
            {
                string[] lines = _output.ToArray();
                _output.Clear();
                return lines;
            }
        }
    }
}

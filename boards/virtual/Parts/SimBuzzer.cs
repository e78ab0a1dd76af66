using System.Collections.Generic;
using PosTerminal.Hal.Pins;

namespace PosTerminal.Virtual.Parts
{
    /// <summary>
    /// The piezo buzzer on its PWM pin: it only knows when the tone starts and stops, and
    /// records each tone with its virtual start and end times, so tests (and the script token
    /// 'beeps') can tell a key click from an error beep by how long it sounded. Power-off ends
    /// a tone that is still on. Kept across power cycles, like the part on the board.
    /// </summary>
    public sealed class SimBuzzer : IToneOutput
    {
        private readonly VirtualClock _clock;
        private readonly List<Tone> _tones = new List<Tone>();
        private long _startedMicros = -1;
        private int _taken;

        public SimBuzzer(VirtualClock clock)
        {
            _clock = clock;
        }

        /// <summary>True while the tone is on.</summary>
        public bool Sounding { get { return _startedMicros >= 0; } }

        /// <summary>Every finished tone so far.</summary>
        public IReadOnlyList<Tone> Tones { get { return _tones; } }

        /// <summary>Start calls while the tone was already on (the driver never does that).</summary>
        public int RedundantStarts { get; private set; }

        public void Start()
        {
            if (Sounding)
            {
                RedundantStarts++;
                return;
            }
            _startedMicros = _clock.UptimeMicros;
        }

        public void Stop()
        {
            if (!Sounding) return;
            _tones.Add(new Tone(_startedMicros, _clock.UptimeMicros));
            _startedMicros = -1;
        }

        /// <summary>The board loses power: a tone still on ends now.</summary>
        public void PowerOff()
        {
            Stop();
        }

        /// <summary>The tones finished since the last call (the 'beeps' script token).</summary>
        public Tone[] TakeNew()
        {
            var fresh = new Tone[_tones.Count - _taken];
            for (int i = 0; i < fresh.Length; i++) fresh[i] = _tones[_taken + i];
            _taken = _tones.Count;
            return fresh;
        }
    }

    /// <summary>One tone of the buzzer, in virtual µs since the power-on it started in.</summary>
    public readonly struct Tone
    {
        public Tone(long startMicros, long endMicros)
        {
            StartMicros = startMicros;
            EndMicros = endMicros;
        }

        public long StartMicros { get; }
        public long EndMicros { get; }
        public long DurationMs { get { return (EndMicros - StartMicros) / 1000; } }

        /// <summary>"short" for a key click, "long" for an error beep: anything past 100 ms is long.</summary>
        public string Kind { get { return DurationMs > 100 ? "long" : "short"; } }

        public override string ToString()
        {
            return "beep " + Kind + " " + DurationMs + " ms";
        }
    }
}

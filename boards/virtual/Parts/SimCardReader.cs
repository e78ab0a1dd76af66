using System.Collections.Generic;
using PosTerminal.Hal.CardReader;

namespace PosTerminal.Virtual.Parts
{
    /// <summary>
    /// The board's magnetic-stripe reader with its native recorder (on the ESP32: one RMT
    /// receiver channel per line). A swipe moves the lines over virtual time; its recording
    /// can be taken once /CLS has gone high again. Like the board's RMT memory it holds only
    /// a few recordings; a swipe beyond that drops the oldest.
    /// </summary>
    public sealed class SimCardReader : ISwipeCapture
    {
        public const int MaxWaiting = 4;

        private readonly VirtualClock _clock;
        private readonly Queue<Held> _waiting = new Queue<Held>();
        private readonly List<long> _readyTimes = new List<long>();
        private SwipeWaveform _current;
        private long _currentStart;

        public SimCardReader(VirtualClock clock)
        {
            _clock = clock;
        }

        /// <summary>Swipes since the board was built (also seeds swipe-noise in scripts).</summary>
        public int Swipes { get; private set; }

        /// <summary>The last swipe's recording, whether or not the firmware took it.</summary>
        public SwipeRecording LastRecording { get; private set; }

        /// <summary>The last swipe's line waveforms.</summary>
        public SwipeWaveform LastWaveform { get; private set; }

        /// <summary>Recordings waiting for the firmware.</summary>
        public int Waiting { get { return _waiting.Count; } }

        /// <summary>A card starts through the slot now; the board must then run for waveform.DurationUs.</summary>
        public void Swipe(SwipeWaveform waveform)
        {
            _current = waveform;
            LastWaveform = waveform;
            _currentStart = _clock.UptimeMicros;
            LastRecording = waveform.ToRecording();
            Swipes++;
            if (_waiting.Count == MaxWaiting) _waiting.Dequeue();
            _waiting.Enqueue(new Held(_currentStart + waveform.DurationUs, LastRecording));
            _readyTimes.Add(_currentStart + waveform.DurationUs);
        }

        /// <summary>Recordings since power-on complete by virtual time micros (/CLS back high): each one wakes the main loop once.</summary>
        public int ReadyBy(long micros)
        {
            int n = 0;
            foreach (long t in _readyTimes) if (t <= micros) n++;
            return n;
        }

        /// <summary>The first time after micros a recording completes (long.MaxValue: none pending).</summary>
        public long NextReadyAfter(long micros)
        {
            long next = long.MaxValue;
            foreach (long t in _readyTimes) if (t > micros && t < next) next = t;
            return next;
        }

        public bool TryTakeSwipe(out SwipeRecording swipe)
        {
            swipe = null;
            if (_waiting.Count == 0 || _waiting.Peek().ReadyAt > _clock.UptimeMicros) return false;
            swipe = _waiting.Dequeue().Recording;
            return true;
        }

        /// <summary>A line's level now (true = high, idle): the pins as a pin-level board would read them.</summary>
        public bool Level(SwipeLine line)
        {
            if (_current == null) return true;
            return _current.Level(line, _clock.UptimeMicros - _currentStart);
        }

        /// <summary>Power-on: the recorder's memory is lost and virtual time restarts.</summary>
        public void PowerOn()
        {
            _waiting.Clear();
            _readyTimes.Clear();
            _current = null;
        }

        private sealed class Held
        {
            public Held(long readyAt, SwipeRecording recording)
            {
                ReadyAt = readyAt;
                Recording = recording;
            }

            public long ReadyAt { get; }
            public SwipeRecording Recording { get; }
        }
    }
}

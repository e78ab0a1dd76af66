using System;
using PosTerminal.Hal.Pins;

namespace PosTerminal.Hal.Buzzer
{
    /// <summary>
    /// A piezo buzzer on a PWM channel, timed from the main loop: Beep starts the tone and
    /// notes when it is due to end; Poll stops it once that time has come. The tone's length
    /// is therefore exact to one FreeRTOS tick (10 ms): the main loop wakes for NextPassMs. Nothing here allocates.
    /// </summary>
    public sealed class ToneBuzzer : IBuzzer, IPassTimer
    {
        /// <summary>A key click: long enough to hear, short enough not to blur fast typing (8 keys/s).</summary>
        public const int KeyMs = 40;

        /// <summary>A refusal: ten times a click, so it is never mistaken for one.</summary>
        public const int ErrorMs = 400;

        private readonly IToneOutput _tone;
        private readonly IClock _clock;
        private bool _sounding;
        private long _endsAtMs;

        public ToneBuzzer(IToneOutput tone, IClock clock)
        {
            if (tone == null) throw new ArgumentNullException("tone");
            if (clock == null) throw new ArgumentNullException("clock");
            _tone = tone;
            _clock = clock;
        }

        /// <summary>While a tone is on, the pass that stops it is due at its end (the main loop sleeps until then).</summary>
        public long NextPassMs { get { return _sounding ? _endsAtMs : long.MaxValue; } }

        /// <summary>True while a tone is on.</summary>
        public bool Sounding { get { return _sounding; } }

        public void Beep(BeepKind kind)
        {
            long endsAt = _clock.UptimeMs + (kind == BeepKind.Error ? ErrorMs : KeyMs);
            // A key click never cuts an error beep short: the refusal is what must be heard.
            if (_sounding && endsAt < _endsAtMs) return;
            _endsAtMs = endsAt;
            if (_sounding) return;
            _sounding = true;
            _tone.Start();
        }

        public void Poll()
        {
            if (!_sounding || _clock.UptimeMs < _endsAtMs) return;
            _sounding = false;
            _tone.Stop();
        }
    }
}

using System.Collections.Generic;
using PosTerminal.Hal;
using PosTerminal.Hal.Keypad;

namespace PosTerminal.Virtual.Parts
{
    /// <summary>
    /// Key-event keypad for fast flow tests: presses arrive already debounced. A key held
    /// down (Hold, then Release) reports what MatrixKeypad reports for it, on the virtual
    /// clock: Up and Down repeat (after RepeatDelayMs, then every RepeatPeriodMs), and Clear
    /// reports Key.ClearHeld once after HoldMs.
    /// </summary>
    public sealed class EventKeypad : IKeypad, IPassTimer
    {
        private readonly Queue<Key> _keys = new Queue<Key>();
        private readonly VirtualClock _clock;
        private Key _held = Key.None;
        private long _nextRepeatMs;
        private long _heldAtMs;
        private bool _holdReported;

        public EventKeypad(VirtualClock clock)
        {
            _clock = clock;
        }

        public void Press(Key key)
        {
            _keys.Enqueue(key);
        }

        /// <summary>Puts a finger on the key: it is reported now, and repeats or holds while it stays down.</summary>
        public void Hold(Key key)
        {
            _keys.Enqueue(key);
            _held = key;
            long now = _clock.UptimeMs;
            _nextRepeatMs = now + MatrixKeypad.RepeatDelayMs;
            _heldAtMs = now + MatrixKeypad.HoldMs;
            _holdReported = false;
        }

        /// <summary>A queued key at once; a held key at its next repeat or its hold time (the loop sleeps until then).</summary>
        public long NextPassMs
        {
            get
            {
                if (_keys.Count > 0) return 0;
                if (_held == Key.Up || _held == Key.Down) return _nextRepeatMs;
                if (_held == Key.Clear && !_holdReported) return _heldAtMs;
                return long.MaxValue;
            }
        }

        public void Release()
        {
            _held = Key.None;
        }

        public bool TryReadKey(out Key key)
        {
            FollowHeldKey();
            if (_keys.Count == 0)
            {
                key = Key.None;
                return false;
            }
            key = _keys.Dequeue();
            return true;
        }

        private void FollowHeldKey()
        {
            if (_held == Key.None) return;
            long now = _clock.UptimeMs;
            if ((_held == Key.Up || _held == Key.Down) && now >= _nextRepeatMs)
            {
                _keys.Enqueue(_held);
                _nextRepeatMs = now + MatrixKeypad.RepeatPeriodMs;
            }
            if (_held == Key.Clear && !_holdReported && now >= _heldAtMs)
            {
                _keys.Enqueue(Key.ClearHeld);
                _holdReported = true;
            }
        }
    }
}

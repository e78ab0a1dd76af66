using System.Collections.Generic;
using PosTerminal.Hal;

namespace PosTerminal.Virtual.Parts
{
    /// <summary>Key-event keypad for fast flow tests: presses arrive already debounced.</summary>
    public sealed class EventKeypad : IKeypad
    {
        private readonly Queue<Key> _keys = new Queue<Key>();

        public void Press(Key key)
        {
            _keys.Enqueue(key);
        }

        public bool TryReadKey(out Key key)
        {
            if (_keys.Count == 0)
            {
                key = Key.None;
                return false;
            }
            key = _keys.Dequeue();
            return true;
        }
    }
}

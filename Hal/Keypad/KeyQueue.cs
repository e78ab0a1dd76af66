namespace PosTerminal.Hal.Keypad
{
    /// <summary>
    /// A small fixed ring of keys waiting for the firmware: fixed so that queueing never
    /// allocates inside a poll. When full, new keys are dropped (the operator pressed
    /// faster than the firmware read, which the main loop never lets happen).
    /// </summary>
    internal sealed class KeyQueue
    {
        private readonly Key[] _ring;
        private int _head;
        private int _count;

        public KeyQueue(int capacity)
        {
            _ring = new Key[capacity];
        }

        public int Count { get { return _count; } }

        public void Add(Key key)
        {
            if (_count == _ring.Length) return;
            _ring[(_head + _count) % _ring.Length] = key;
            _count++;
        }

        public bool TryTake(out Key key)
        {
            if (_count == 0)
            {
                key = Key.None;
                return false;
            }
            key = _ring[_head];
            _head = (_head + 1) % _ring.Length;
            _count--;
            return true;
        }
    }
}

using System.Collections.Generic;
using PosTerminal.Hal;
using PosTerminal.Virtual;

namespace PosTerminal.Firmware.Tests.Support
{
    /// <summary>SimCrypto that counts hash calls and notes the first of each burst in a shared event list.</summary>
    public sealed class CountingCrypto : ICrypto
    {
        private readonly SimCrypto _inner;
        private readonly List<string> _events;

        public CountingCrypto(List<string> events = null, int seed = 1)
        {
            _inner = new SimCrypto(seed);
            _events = events;
        }

        public int Sha256Calls { get; private set; }

        public void Sha256(byte[] data, int offset, int count, byte[] output)
        {
            if (_events != null && (_events.Count == 0 || _events[_events.Count - 1] != "sha")) _events.Add("sha");
            Sha256Calls++;
            _inner.Sha256(data, offset, count, output);
        }

        public int HmacCalls { get; private set; }

        public byte[] HmacSha256(byte[] key, byte[] data)
        {
            if (_events != null && (_events.Count == 0 || _events[_events.Count - 1] != "hmac")) _events.Add("hmac");
            HmacCalls++;
            return _inner.HmacSha256(key, data);
        }

        public void Random(byte[] buffer)
        {
            _inner.Random(buffer);
        }
    }
}

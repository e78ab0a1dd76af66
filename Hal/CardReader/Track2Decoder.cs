namespace PosTerminal.Hal.CardReader
{
    /// <summary>
    /// ISO 7811/7813 Track 2 from bits: 5-bit characters, 4 data bits LSB first then an odd
    /// parity bit; ';' (0xB) starts, '=' (0xD) separates the account number, '?' (0xF) ends,
    /// then the LRC: each data bit is the even parity of its column over SS..ES, its own
    /// parity bit is odd. At most 40 characters including SS, ES and the LRC. A swipe the
    /// other way round reads the same bits backwards, so a failed forward read is retried
    /// reversed (as magstripelib does). Nothing is accepted unless every check passes, and
    /// only clocking zeros may follow the LRC (a slipped bit can fool parity and LRC).
    /// </summary>
    public sealed class Track2Decoder
    {
        /// <summary>SS, data, ES and LRC together.</summary>
        public const int MaxCharacters = 40;

        public const int StartSentinel = 0x0B;
        public const int Separator = 0x0D;
        public const int EndSentinel = 0x0F;

        public const int MinAccountDigits = 12;
        public const int MaxAccountDigits = 19;

        private const int BitsPerCharacter = 5;
        private const int NoCharacter = -1;

        private readonly int[] _values = new int[MaxCharacters];
        private readonly char[] _text = new char[MaxCharacters];
        private byte[] _bits;
        private int _count;
        private int _origin; // where logical bit 0 is in _bits
        private int _step;   // +1 forwards, -1 backwards

        /// <summary>Decodes bits[0..count) forwards, then backwards if that fails.</summary>
        public Track2Data Decode(byte[] bits, int count)
        {
            Track2Data forward = DecodeOneWay(bits, count, false);
            if (forward.Ok) return forward;
            Track2Data backward = DecodeOneWay(bits, count, true);
            if (backward.Ok || backward.CharactersRead > forward.CharactersRead) return backward;
            return forward;
        }

        private Track2Data DecodeOneWay(byte[] bits, int count, bool reversed)
        {
            _bits = bits;
            _count = count;
            _origin = reversed ? count - 1 : 0;
            _step = reversed ? -1 : 1;
            int p = FirstOne();
            if (p == count) return Track2Data.Failed(SwipeStatus.NoData, 0, reversed);
            int n = 0;
            int lrc = 0;
            int value = ReadCharacter(p);
            if (value != StartSentinel) return Track2Data.Failed(SwipeStatus.NoStartSentinel, 0, reversed);
            do
            {
                if (n == MaxCharacters - 1) return Track2Data.Failed(SwipeStatus.TooLong, n, reversed);
                value = ReadCharacter(p);
                if (value == NoCharacter)
                {
                    bool ended = p + BitsPerCharacter > count || OnlyZerosFrom(p);
                    SwipeStatus why = ended ? SwipeStatus.NoEndSentinel : SwipeStatus.ParityError;
                    return Track2Data.Failed(why, n, reversed);
                }
                _values[n++] = value;
                lrc ^= value;
                p += BitsPerCharacter;
            }
            while (value != EndSentinel);
            if (p + BitsPerCharacter > count) return Track2Data.Failed(SwipeStatus.NoEndSentinel, n, reversed);
            if (ReadCharacter(p) != lrc) return Track2Data.Failed(SwipeStatus.LrcError, n, reversed);
            if (!OnlyZerosFrom(p + BitsPerCharacter)) return Track2Data.Failed(SwipeStatus.DataAfterLrc, n + 1, reversed);
            return Fields(n, reversed);
        }

        /// <summary>The first 1 bit (count when there is none).</summary>
        private int FirstOne()
        {
            byte[] bits = _bits;
            int step = _step;
            int q = _origin;
            int p = 0;
            for (; p < _count; p++, q += step)
            {
                if (bits[q] != 0) break;
            }
            return p;
        }

        /// <summary>Only clocking zeros from bit p on: the data ended there.</summary>
        private bool OnlyZerosFrom(int p)
        {
            byte[] bits = _bits;
            int step = _step;
            int q = _origin + step * p;
            for (; p < _count; p++, q += step)
            {
                if (bits[q] != 0) return false;
            }
            return true;
        }

        /// <summary>
        /// The 4-bit value of the character at bit p, or NoCharacter (parity error or too few
        /// bits). Unrolled: this is the decoder's inner loop on nanoCLR.
        /// </summary>
        private int ReadCharacter(int p)
        {
            if (p + BitsPerCharacter > _count) return NoCharacter;
            byte[] bits = _bits;
            int step = _step;
            int q = _origin + step * p;
            int b0 = bits[q];
            q += step;
            int b1 = bits[q];
            q += step;
            int b2 = bits[q];
            q += step;
            int b3 = bits[q];
            int b4 = bits[q + step];
            if (((b0 + b1 + b2 + b3 + b4) & 1) == 0) return NoCharacter;
            return b0 | (b1 << 1) | (b2 << 2) | (b3 << 3);
        }

        /// <summary>Splits values[1..n-2] (between SS and ES) into the account number and the rest.</summary>
        private Track2Data Fields(int n, bool reversed)
        {
            int separator = -1;
            for (int i = 1; i < n - 1; i++)
            {
                int v = _values[i];
                if (v == Separator && separator < 0) separator = i;
                else if (v > 9) return Track2Data.Failed(SwipeStatus.BadCharacter, n + 1, reversed);
            }
            if (separator < 0) return Track2Data.Failed(SwipeStatus.NoSeparator, n + 1, reversed);
            int digits = separator - 1;
            if (digits < MinAccountDigits || digits > MaxAccountDigits)
                return Track2Data.Failed(SwipeStatus.BadAccountNumber, n + 1, reversed);
            for (int i = 1; i < n - 1; i++) _text[i] = (char)('0' + _values[i]);
            int rest = separator + 1;
            int restLength = n - 1 - rest;
            int expiry = restLength < 4 ? restLength : 4;
            int service = restLength - expiry < 3 ? restLength - expiry : 3;
            return Track2Data.Read(
                new string(_text, 1, digits),
                new string(_text, rest, expiry),
                new string(_text, rest + expiry, service),
                new string(_text, rest + expiry + service, restLength - expiry - service),
                n + 1,
                reversed);
        }
    }
}

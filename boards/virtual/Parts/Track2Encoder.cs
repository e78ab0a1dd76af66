using System;

namespace PosTerminal.Virtual.Parts
{
    /// <summary>
    /// Writes Track 2 text the way a card carries it (ISO 7811/7813): each character '0'..'?'
    /// (0x30..0x3F) is the 4-bit value c - 0x30, stored LSB first and followed by an odd
    /// parity bit; after the end sentinel comes the LRC (per-column even parity over SS..ES,
    /// with its own odd parity bit); clocking zeros lead and trail. Written independently of
    /// the firmware's decoder so that each checks the other.
    /// </summary>
    public static class Track2Encoder
    {
        public const int BitsPerCharacter = 5;

        /// <summary>Why text cannot be written on a Track 2 stripe, or null.</summary>
        public static string CheckEncodable(string text)
        {
            if (string.IsNullOrEmpty(text)) return "track 2 data is empty";
            foreach (char c in text)
            {
                if (c < '0' || c > '?')
                    return "track 2 has no character '" + c + "' (only 0-9 : ; < = > ?)";
            }
            return null;
        }

        /// <summary>Why text is not a Track 2 swipe (';' first, '?' last, encodable), or null.</summary>
        public static string CheckTrack(string text)
        {
            string problem = CheckEncodable(text);
            if (problem != null) return problem;
            if (text.Length < 2 || text[0] != ';' || text[text.Length - 1] != '?')
                return "track 2 data must start with ';' and end with '?', e.g. ;4000001234567899=30121010000000000?";
            return null;
        }

        /// <summary>The stripe's bits in card order (SS first): zeros, characters, LRC, zeros.</summary>
        public static byte[] Encode(string text, int leadingZeros, int trailingZeros)
        {
            string problem = CheckEncodable(text);
            if (problem != null) throw new ArgumentException(problem, nameof(text));
            byte[] bits = new byte[leadingZeros + (text.Length + 1) * BitsPerCharacter + trailingZeros];
            int p = leadingZeros;
            int lrc = 0;
            foreach (char c in text)
            {
                int value = c - '0';
                lrc ^= value;
                p = Put(bits, p, value);
            }
            Put(bits, p, lrc);
            return bits;
        }

        /// <summary>Index in Encode's result of the first bit of character i (the LRC is i = text length).</summary>
        public static int CharacterBit(int leadingZeros, int character)
        {
            return leadingZeros + character * BitsPerCharacter;
        }

        private static int Put(byte[] bits, int p, int value)
        {
            int ones = 0;
            for (int b = 0; b < 4; b++)
            {
                int bit = (value >> b) & 1;
                bits[p + b] = (byte)bit;
                ones += bit;
            }
            bits[p + 4] = (byte)(ones % 2 == 0 ? 1 : 0);
            return p + BitsPerCharacter;
        }
    }
}

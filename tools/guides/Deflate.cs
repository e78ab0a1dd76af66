using System;
using System.IO;

namespace PosTerminal.Tools.Guides
{
    /// <summary>
    /// A small zlib encoder (RFC 1950/1951): one block of deflate's fixed Huffman codes, greedy
    /// LZ77 over a 32 KiB window with hash chains. Written here rather than taken from
    /// System.IO.Compression so that its output depends on nothing but its input: the committed
    /// guide pictures stay byte-identical whatever zlib build the .NET runtime carries.
    /// </summary>
    public static class Deflate
    {
        private const int Window = 32768;
        private const int MinMatch = 3;
        private const int MaxMatch = 258;
        private const int MaxChain = 64;
        private const int HashSize = 1 << 15;

        private static readonly int[] LengthBase = { 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258 };
        private static readonly int[] LengthExtra = { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0 };
        private static readonly int[] DistanceBase = { 1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577 };
        private static readonly int[] DistanceExtra = { 0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13 };

        /// <summary>The zlib stream of data: header, one final fixed-code block, Adler-32.</summary>
        public static byte[] Zlib(byte[] data)
        {
            var output = new MemoryStream();
            output.WriteByte(0x78); // deflate, 32 KiB window
            output.WriteByte(0x01); // no dictionary, "fastest" (a hint only); (0x7801 % 31) == 0
            var bits = new BitWriter(output);
            bits.Write(1, 1); // BFINAL
            bits.Write(1, 2); // BTYPE 01: fixed Huffman codes
            Compress(data, bits);
            Symbol(bits, 256); // end of block
            bits.Flush();
            uint adler = Adler32(data);
            output.WriteByte((byte)(adler >> 24));
            output.WriteByte((byte)(adler >> 16));
            output.WriteByte((byte)(adler >> 8));
            output.WriteByte((byte)adler);
            return output.ToArray();
        }

        private static void Compress(byte[] data, BitWriter bits)
        {
            var head = new int[HashSize];
            var previous = new int[Window];
            Array.Fill(head, -1);
            int i = 0;
            while (i < data.Length)
            {
                int length = 0, distance = 0;
                if (i + MinMatch <= data.Length) FindMatch(data, i, head, previous, out length, out distance);
                if (length < MinMatch)
                {
                    Symbol(bits, data[i]);
                    Insert(data, i, head, previous);
                    i++;
                    continue;
                }
                Match(bits, length, distance);
                for (int k = 0; k < length; k++) Insert(data, i + k, head, previous);
                i += length;
            }
        }

        private static void FindMatch(byte[] data, int at, int[] head, int[] previous, out int bestLength, out int bestDistance)
        {
            bestLength = 0;
            bestDistance = 0;
            int limit = Math.Min(MaxMatch, data.Length - at);
            int candidate = head[Hash(data, at)];
            for (int chain = 0; chain < MaxChain && candidate >= 0 && at - candidate <= Window; chain++)
            {
                int length = 0;
                while (length < limit && data[candidate + length] == data[at + length]) length++;
                if (length > bestLength)
                {
                    bestLength = length;
                    bestDistance = at - candidate;
                    if (length == limit) return;
                }
                int next = previous[candidate % Window];
                if (next >= candidate) return; // the slot was reused by a newer position
                candidate = next;
            }
        }

        private static void Insert(byte[] data, int at, int[] head, int[] previous)
        {
            if (at + MinMatch > data.Length) return;
            int hash = Hash(data, at);
            previous[at % Window] = head[hash];
            head[hash] = at;
        }

        private static int Hash(byte[] data, int at)
        {
            return ((data[at] << 10) ^ (data[at + 1] << 5) ^ data[at + 2]) & (HashSize - 1);
        }

        private static void Match(BitWriter bits, int length, int distance)
        {
            int code = 0;
            while (code + 1 < LengthBase.Length && LengthBase[code + 1] <= length) code++;
            Symbol(bits, 257 + code);
            bits.Write(length - LengthBase[code], LengthExtra[code]);
            int d = 0;
            while (d + 1 < DistanceBase.Length && DistanceBase[d + 1] <= distance) d++;
            bits.WriteCode(d, 5);
            bits.Write(distance - DistanceBase[d], DistanceExtra[d]);
        }

        /// <summary>A literal/length symbol in deflate's fixed code (RFC 1951, 3.2.6).</summary>
        private static void Symbol(BitWriter bits, int symbol)
        {
            if (symbol < 144) bits.WriteCode(0x30 + symbol, 8);
            else if (symbol < 256) bits.WriteCode(0x190 + symbol - 144, 9);
            else if (symbol < 280) bits.WriteCode(symbol - 256, 7);
            else bits.WriteCode(0xC0 + symbol - 280, 8);
        }

        public static uint Adler32(byte[] data)
        {
            uint a = 1, b = 0;
            foreach (byte x in data)
            {
                a = (a + x) % 65521;
                b = (b + a) % 65521;
            }
            return b << 16 | a;
        }

        /// <summary>Deflate's bit order: values least significant bit first, Huffman codes most significant first.</summary>
        private sealed class BitWriter
        {
            private readonly Stream _output;
            private ulong _buffer;
            private int _count;

            public BitWriter(Stream output)
            {
                _output = output;
            }

            public void Write(int value, int count)
            {
                _buffer |= (ulong)value << _count;
                _count += count;
                while (_count >= 8)
                {
                    _output.WriteByte((byte)_buffer);
                    _buffer >>= 8;
                    _count -= 8;
                }
            }

            public void WriteCode(int code, int length)
            {
                int reversed = 0;
                for (int i = 0; i < length; i++) reversed = reversed << 1 | (code >> i & 1);
                Write(reversed, length);
            }

            public void Flush()
            {
                if (_count > 0) _output.WriteByte((byte)_buffer);
                _buffer = 0;
                _count = 0;
            }
        }
    }
}

namespace PosTerminal.Firmware.Storage
{
    /// <summary>
    /// CRC-32 as in IEEE 802.3 / zlib: reflected polynomial 0xEDB88320, initial value and
    /// final XOR 0xFFFFFFFF ("123456789" gives 0xCBF43926). A 16-entry table, a nibble per
    /// step: 64 bytes of RAM and about twice the speed of the bitwise loop on the interpreter.
    /// </summary>
    public static class Crc32
    {
        public const uint Polynomial = 0xEDB88320;

        private static readonly uint[] Nibbles = BuildTable();

        /// <summary>The CRC of count bytes of data from offset.</summary>
        public static uint Compute(byte[] data, int offset, int count)
        {
            return ~Update(0xFFFFFFFF, data, offset, count);
        }

        /// <summary>Feeds bytes into a running CRC register (start at 0xFFFFFFFF, finish with ~).</summary>
        public static uint Update(uint register, byte[] data, int offset, int count)
        {
            for (int i = offset; i < offset + count; i++)
            {
                register ^= data[i];
                register = (register >> 4) ^ Nibbles[register & 0x0F];
                register = (register >> 4) ^ Nibbles[register & 0x0F];
            }
            return register;
        }

        /// <summary>
        /// Where one flipped bit lies in count bytes whose CRC differs from the stored one by
        /// syndrome (computed XOR stored): the bit index (bit 0 of byte 0 = 0), or -1 when no
        /// single flipped data bit explains it. CRC-32 is linear, so the difference a bit makes
        /// depends only on its distance from the end: 8 * (count - byte) - bit register steps
        /// from a 1 (see SPEC.md, "Correction"). Runs only on damage: at most 8 * count steps.
        /// </summary>
        public static int LocateBitError(uint syndrome, int count)
        {
            uint register = 1;
            int steps = 8 * count;
            for (int k = 1; k <= steps; k++)
            {
                register = (register & 1) != 0 ? (register >> 1) ^ Polynomial : register >> 1;
                if (register != syndrome) continue;
                int fromEnd = (k + 7) / 8;
                return 8 * (count - fromEnd) + (8 * fromEnd - k);
            }
            return -1;
        }

        private static uint[] BuildTable()
        {
            uint[] table = new uint[16];
            for (uint n = 0; n < 16; n++)
            {
                uint c = n;
                for (int bit = 0; bit < 4; bit++)
                {
                    c = (c & 1) != 0 ? (c >> 1) ^ Polynomial : c >> 1;
                }
                table[n] = c;
            }
            return table;
        }
    }
}

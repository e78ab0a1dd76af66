using System.IO;
using System.Text;

namespace PosTerminal.Tools.Guides
{
    /// <summary>
    /// Writes an indexed-colour PNG (2 bits a pixel, up to 4 palette colours): signature, IHDR,
    /// PLTE, one IDAT (Deflate.Zlib of the rows, each with filter 0) and IEND. Nothing in it
    /// depends on the time or the machine, so the same pixels always give the same bytes.
    /// </summary>
    public static class Png
    {
        private static readonly byte[] Signature = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };
        private static readonly uint[] CrcTable = MakeCrcTable();

        /// <param name="pixels">Palette indices (0-3), row-major.</param>
        /// <param name="palette">RGB triples, at most 4.</param>
        public static byte[] Encode(int width, int height, byte[] pixels, byte[][] palette)
        {
            var output = new MemoryStream();
            output.Write(Signature, 0, Signature.Length);
            var header = new MemoryStream();
            WriteUInt32(header, (uint)width);
            WriteUInt32(header, (uint)height);
            header.WriteByte(2); // bit depth
            header.WriteByte(3); // colour type: indexed
            header.WriteByte(0); // compression: deflate
            header.WriteByte(0); // filter method 0
            header.WriteByte(0); // no interlace
            Chunk(output, "IHDR", header.ToArray());
            var colours = new MemoryStream();
            foreach (byte[] rgb in palette) colours.Write(rgb, 0, 3);
            Chunk(output, "PLTE", colours.ToArray());
            Chunk(output, "IDAT", Deflate.Zlib(Scanlines(width, height, pixels)));
            Chunk(output, "IEND", new byte[0]);
            return output.ToArray();
        }

        /// <summary>The rows as PNG filters them: a filter byte (0, none), then 4 pixels a byte, leftmost in the high bits.</summary>
        public static byte[] Scanlines(int width, int height, byte[] pixels)
        {
            int stride = (width + 3) / 4;
            var rows = new byte[height * (stride + 1)];
            for (int y = 0; y < height; y++)
            {
                int row = y * (stride + 1);
                for (int x = 0; x < width; x++)
                {
                    rows[row + 1 + x / 4] |= (byte)((pixels[y * width + x] & 3) << (6 - 2 * (x % 4)));
                }
            }
            return rows;
        }

        private static void Chunk(Stream output, string type, byte[] data)
        {
            byte[] name = Encoding.ASCII.GetBytes(type);
            WriteUInt32(output, (uint)data.Length);
            output.Write(name, 0, 4);
            output.Write(data, 0, data.Length);
            uint crc = 0xFFFFFFFF;
            crc = Crc(crc, name);
            crc = Crc(crc, data);
            WriteUInt32(output, crc ^ 0xFFFFFFFF);
        }

        /// <summary>CRC-32 (ISO 3309, as PNG uses it) of data, raw register in and out.</summary>
        public static uint Crc(uint crc, byte[] data)
        {
            foreach (byte b in data) crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
            return crc;
        }

        private static uint[] MakeCrcTable()
        {
            var table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
                table[n] = c;
            }
            return table;
        }

        private static void WriteUInt32(Stream output, uint value)
        {
            output.WriteByte((byte)(value >> 24));
            output.WriteByte((byte)(value >> 16));
            output.WriteByte((byte)(value >> 8));
            output.WriteByte((byte)value);
        }
    }
}

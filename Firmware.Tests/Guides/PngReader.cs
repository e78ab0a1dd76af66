using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace PosTerminal.Firmware.Tests.Guides
{
    /// <summary>
    /// Reads back the guides' PNGs without the guides' code: chunks with their CRCs checked
    /// (System.IO.Hashing), the IDAT inflated by the BCL's zlib, filters undone (only "none"
    /// is expected), 2-bit indices through the palette to RGB.
    /// </summary>
    internal sealed class PngReader
    {
        public int Width { get; private set; }
        public int Height { get; private set; }
        public int[] Rgb { get; private set; }

        public static PngReader Read(byte[] png)
        {
            byte[] signature = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };
            CollectionAssert.AreEqual(signature, png[..8], "PNG signature");
            var reader = new PngReader();
            var idat = new MemoryStream();
            byte[] palette = null;
            int depth = 0, type = 0;
            int at = 8;
            var chunks = new List<string>();
            while (at < png.Length)
            {
                int length = BigEndian(png, at);
                string name = Encoding.ASCII.GetString(png, at + 4, 4);
                byte[] data = png[(at + 8)..(at + 8 + length)];
                uint crc = System.IO.Hashing.Crc32.HashToUInt32(png.AsSpan(at + 4, 4 + length));
                Assert.AreEqual(crc, (uint)BigEndian(png, at + 8 + length), "CRC of " + name);
                chunks.Add(name);
                switch (name)
                {
                    case "IHDR":
                        reader.Width = BigEndian(data, 0);
                        reader.Height = BigEndian(data, 4);
                        depth = data[8];
                        type = data[9];
                        break;
                    case "PLTE": palette = data; break;
                    case "IDAT": idat.Write(data); break;
                }
                at += 12 + length;
            }
            Assert.AreEqual("IHDR PLTE IDAT IEND", string.Join(" ", chunks));
            Assert.AreEqual(2, depth);
            Assert.AreEqual(3, type);
            idat.Position = 0;
            var raw = new MemoryStream();
            using (var z = new ZLibStream(idat, CompressionMode.Decompress)) z.CopyTo(raw);
            byte[] rows = raw.ToArray();
            int stride = (reader.Width + 3) / 4;
            Assert.AreEqual(reader.Height * (stride + 1), rows.Length, "inflated size");
            reader.Rgb = new int[reader.Width * reader.Height];
            for (int y = 0; y < reader.Height; y++)
            {
                Assert.AreEqual(0, rows[y * (stride + 1)], "filter of row " + y);
                for (int x = 0; x < reader.Width; x++)
                {
                    int index = rows[y * (stride + 1) + 1 + x / 4] >> (6 - 2 * (x % 4)) & 3;
                    Assert.IsLessThan(palette.Length / 3, index, "palette index");
                    reader.Rgb[y * reader.Width + x] = palette[index * 3] << 16 | palette[index * 3 + 1] << 8 | palette[index * 3 + 2];
                }
            }
            return reader;
        }

        public int At(int x, int y)
        {
            return Rgb[y * Width + x];
        }

        private static int BigEndian(byte[] b, int at)
        {
            return b[at] << 24 | b[at + 1] << 16 | b[at + 2] << 8 | b[at + 3];
        }
    }
}

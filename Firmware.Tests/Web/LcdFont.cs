using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace PosTerminal.Firmware.Tests.Web
{
    /// <summary>lcd-font.json read back: half-width glyphs by byte (16 rows of 1 byte), wide ones by GB2312 code (16 rows of 2 bytes).</summary>
    public sealed class LcdFont
    {
        public Dictionary<int, byte[]> Half { get; } = new Dictionary<int, byte[]>();
        public Dictionary<int, byte[]> Wide { get; } = new Dictionary<int, byte[]>();

        public static LcdFont Load(string path)
        {
            var font = new LcdFont();
            using (JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path)))
            {
                foreach (JsonProperty p in doc.RootElement.GetProperty("half").EnumerateObject())
                    font.Half[Convert.ToInt32(p.Name, 16)] = Convert.FromHexString(p.Value.GetString());
                foreach (JsonProperty p in doc.RootElement.GetProperty("wide").EnumerateObject())
                    font.Wide[Convert.ToInt32(p.Name, 16)] = Convert.FromHexString(p.Value.GetString());
            }
            return font;
        }
    }
}

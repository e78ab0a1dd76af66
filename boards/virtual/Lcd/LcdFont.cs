using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace PosTerminal.Virtual.Lcd
{
    /// <summary>
    /// The LCD font the web terminal, its test and the operator guides draw with
    /// (boards/simulator/Web/wwwroot/lcd-font.json, generated from GNU Unifont by
    /// Firmware.Tests/Web/LcdFontGenerator): half-width glyphs by byte (16 rows of 1 byte),
    /// wide ones by GB2312 code (16 rows of 2 bytes).
    /// </summary>
    public sealed class LcdFont
    {
        /// <summary>Where the font lives, from the repository's root.</summary>
        public static readonly string[] PathInRepository = { "boards", "simulator", "Web", "wwwroot", "lcd-font.json" };

        public Dictionary<int, byte[]> Half { get; } = new Dictionary<int, byte[]>();
        public Dictionary<int, byte[]> Wide { get; } = new Dictionary<int, byte[]>();

        /// <summary>The font file of the checkout at repoRoot.</summary>
        public static string PathIn(string repoRoot)
        {
            var parts = new string[PathInRepository.Length + 1];
            parts[0] = repoRoot;
            Array.Copy(PathInRepository, 0, parts, 1, PathInRepository.Length);
            return Path.Combine(parts);
        }

        public static LcdFont Load(string path)
        {
            return Parse(File.ReadAllText(path));
        }

        public static LcdFont Parse(string json)
        {
            var font = new LcdFont();
            using (JsonDocument doc = JsonDocument.Parse(json))
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

using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Virtual.Lcd;

namespace PosTerminal.Firmware.Tests.Web
{
    /// <summary>The web LCD's font is generated from GNU Unifont for exactly the LCD's characters, and kept current.</summary>
    [TestClass]
    public sealed class LcdFontTests
    {
        [TestMethod]
        public void LcdFontIsUpToDate()
        {
            string unifont = LcdFontGenerator.FindUnifont();
            Assert.IsNotNull(unifont, "GNU Unifont is missing (" + string.Join(" or ", LcdFontGenerator.UnifontPaths) +
                "): apt-get install unifont, or run tools/run-tests.sh, which installs it");
            string expected = LcdFontGenerator.Render(LcdFontGenerator.ReadUnifont(unifont));
            string path = LcdFontGenerator.FontPath(TestPaths.RepoRoot);
            if (Environment.GetEnvironmentVariable(LcdFontGenerator.EnvironmentVariable) == "1")
            {
                File.WriteAllText(path, expected);
                Console.WriteLine("regenerated " + path);
            }
            string actual = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n") : "";
            Assert.IsTrue(actual == expected,
                "boards/simulator/Web/wwwroot/lcd-font.json does not match GNU Unifont and Hal/Display/Gb2312Table.cs; regenerate with: " + LcdFontGenerator.Command);
        }

        [TestMethod]
        public void TheFontHoldsEveryTableCharacterAndPrintableAsciiInTheControllersCellSizes()
        {
            LcdFont font = LcdFont.Load(LcdFontGenerator.FontPath(TestPaths.RepoRoot));
            SortedDictionary<int, char> table = LcdFontGenerator.TableCharacters();
            Assert.IsGreaterThan(100, table.Count, "the scan found the firmware's characters");
            Assert.AreEqual(table.Count, font.Wide.Count, "one 16 x 16 glyph per GB2312 table character, no more");
            foreach (int code in table.Keys) Assert.AreEqual(32, font.Wide[code].Length, "16 rows of 2 bytes for 0x" + code.ToString("X4"));
            Assert.AreEqual(0x7E - 0x20 + 1, font.Half.Count);
            foreach (byte[] glyph in font.Half.Values) Assert.AreEqual(16, glyph.Length);
        }

        [TestMethod]
        public void GlyphsAreUnifontsBitmaps()
        {
            // 'A' in Unifont: rows 6-13 draw the letter; the top rows are blank.
            LcdFont font = LcdFont.Load(LcdFontGenerator.FontPath(TestPaths.RepoRoot));
            byte[] a = font.Half['A'];
            Assert.AreEqual(0, a[0]);
            Assert.AreNotEqual(0, a[8]);
            // 终 (GB2312 0xD6D5) is a full 16-wide glyph: pixels in both halves.
            byte[] zhong = font.Wide[0xD6D5];
            bool left = false, right = false;
            for (int row = 0; row < 16; row++)
            {
                left |= zhong[row * 2] != 0;
                right |= zhong[row * 2 + 1] != 0;
            }
            Assert.IsTrue(left && right);
        }
    }
}

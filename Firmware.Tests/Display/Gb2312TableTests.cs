using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Hal.Display;

namespace PosTerminal.Firmware.Tests.Display
{
    /// <summary>
    /// The firmware's Chinese texts reach the ST7920 through Gb2312Table: these fail when a
    /// firmware string uses a character the table lacks or the LCD cannot show, and say how
    /// to regenerate the table.
    /// </summary>
    [TestClass]
    public sealed class Gb2312TableTests
    {
        [TestMethod]
        public void Gb2312TableIsUpToDate()
        {
            List<Literal> literals = Gb2312TableGenerator.FirmwareLiterals(TestPaths.RepoRoot);
            SortedDictionary<char, string> used = Gb2312TableGenerator.WideCharacters(literals);
            string expected = Gb2312TableGenerator.Render(used.Keys);
            string path = Gb2312TableGenerator.TablePath(TestPaths.RepoRoot);
            if (Environment.GetEnvironmentVariable(Gb2312TableGenerator.EnvironmentVariable) == "1")
            {
                File.WriteAllText(path, expected);
                Console.WriteLine("regenerated " + path + " with " + used.Count + " characters");
            }
            string actual = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n") : "";
            if (actual == expected) return;

            var missing = used.Where(u => Gb2312TableGenerator.Encode(u.Key) >= 0 && !actual.Contains(Escaped(u.Key)))
                .Select(u => u.Key + " (" + u.Value + ")");
            var extra = Regex.Matches(actual, @"'\\u([0-9A-F]{4})'").Select(m => (char)Convert.ToInt32(m.Groups[1].Value, 16))
                .Where(c => !used.ContainsKey(c));
            Assert.Fail("Hal/Display/Gb2312Table.cs does not match the firmware's texts.\n" +
                "missing: " + string.Join(", ", missing) + "\n" +
                "no longer used: " + string.Join(", ", extra) + "\n" +
                "regenerate with: " + Gb2312TableGenerator.Command);
        }

        [TestMethod]
        public void FirmwareTextsUseOnlyCharactersTheLcdCanShow()
        {
            List<string> problems = Gb2312TableGenerator.Undisplayable(Gb2312TableGenerator.FirmwareLiterals(TestPaths.RepoRoot));
            Assert.AreEqual(0, problems.Count, "change these firmware texts:\n" + string.Join("\n", problems));
        }

        [TestMethod]
        public void CompiledTableEncodesEveryFirmwareCharacterAsCodePage936Does()
        {
            SortedDictionary<char, string> used = Gb2312TableGenerator.WideCharacters(Gb2312TableGenerator.FirmwareLiterals(TestPaths.RepoRoot));
            var wrong = new List<string>();
            int encodable = 0;
            foreach (var entry in used)
            {
                int expected = Gb2312TableGenerator.Encode(entry.Key);
                if (expected < 0) continue;
                encodable++;
                int code;
                if (!Gb2312Table.TryEncode(entry.Key, out code)) wrong.Add(Gb2312TableGenerator.Describe(entry.Key) + " missing (" + entry.Value + ")");
                else if (code != expected) wrong.Add(Gb2312TableGenerator.Describe(entry.Key) + " encoded 0x" + code.ToString("X4") + ", expected 0x" + expected.ToString("X4"));
            }
            Assert.AreEqual(0, wrong.Count, string.Join("\n", wrong) + "\nregenerate with: " + Gb2312TableGenerator.Command);
            Assert.AreEqual(encodable, Gb2312Table.Count, "the table must hold exactly the firmware's characters; regenerate with: " + Gb2312TableGenerator.Command);
        }

        [TestMethod]
        public void FirmwareAlreadyUsesChineseThatTheTableCovers()
        {
            // Guards the scan itself: the idle screen's own text must be found.
            SortedDictionary<char, string> used = Gb2312TableGenerator.WideCharacters(Gb2312TableGenerator.FirmwareLiterals(TestPaths.RepoRoot));
            CollectionAssert.IsSubsetOf(new[] { '终', '端' }, used.Keys.ToArray());
        }

        [TestMethod]
        public void EncodeKnowsGb2312AndRejectsWhatIsOnlyInGbk()
        {
            Assert.AreEqual(0xD6D5, Gb2312TableGenerator.Encode('终'));
            Assert.AreEqual(0xA3BA, Gb2312TableGenerator.Encode('：'));
            Assert.AreEqual(0xA1FC, Gb2312TableGenerator.Encode('↑'), "the lists' scroll marks are GB2312 row 1 symbols");
            Assert.AreEqual(0xA1FD, Gb2312TableGenerator.Encode('↓'));
            Assert.AreEqual(-1, Gb2312TableGenerator.Encode('玥'), "GBK-only hanzi are not in the ST7920 ROM");
            Assert.AreEqual(-1, Gb2312TableGenerator.Encode('終'), "traditional forms are not in GB2312");
        }

        [TestMethod]
        public void UndisplayableNamesTheCharacterAndWhereItIsUsed()
        {
            var literals = new[]
            {
                new Literal("Firmware/Ui/A.cs", 3, "确认€"),
                new Literal("Firmware/Ui/B.cs", 7, "錯"),
            };
            List<string> problems = Gb2312TableGenerator.Undisplayable(literals);
            Assert.AreEqual(2, problems.Count, string.Join("\n", problems));
            StringAssert.Contains(problems[0], "'€' (U+20AC) at Firmware/Ui/A.cs:3");
            StringAssert.Contains(problems[1], "'錯' (U+932F) at Firmware/Ui/B.cs:7");
        }

        [TestMethod]
        public void RenderedTableIsSortedAndCarriesTheRegenerateCommand()
        {
            string text = Gb2312TableGenerator.Render(new[] { '端', '终', '就' });
            StringAssert.Contains(text, Gb2312TableGenerator.Command);
            int a = text.IndexOf(Escaped('就'), StringComparison.Ordinal);
            int b = text.IndexOf(Escaped('端'), StringComparison.Ordinal);
            int c = text.IndexOf(Escaped('终'), StringComparison.Ordinal);
            Assert.IsTrue(a >= 0 && a < b && b < c, "characters must be sorted by code for the binary search");
            StringAssert.Contains(text, "0xBECD, 0xB6CB, 0xD6D5");
        }

        private static string Escaped(char c)
        {
            return "'\\u" + ((int)c).ToString("X4") + "'";
        }
    }
}

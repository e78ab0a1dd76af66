using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Text;
using PosTerminal.Tools.Guides;
using PosTerminal.Virtual.Lcd;

namespace PosTerminal.Firmware.Tests.Guides
{
    /// <summary>
    /// The operator guides (docs/operator-guide.md, .en.md, docs/guide-images/) are what the
    /// firmware shows now: regenerated in memory from tools/guides and compared byte for byte;
    /// their pictures are the LCD drawn from the ST7920's DDRAM; the task files' errors name
    /// their file and line.
    /// </summary>
    [TestClass]
    public sealed class OperatorGuideTests
    {
        private static readonly Lazy<List<GuideFile>> Generated = new Lazy<List<GuideFile>>(() => GuideGenerator.Generate(TestPaths.RepoRoot));

        [TestMethod]
        public void TheCommittedGuidesMatchTheFirmware()
        {
            string difference = GuideGenerator.FirstDifference(TestPaths.RepoRoot, Generated.Value);
            Assert.IsNull(difference, difference + "; regenerate with: " + GuideGenerator.Command);
        }

        [TestMethod]
        public void BothGuidesAndAPicturePerStepAreMade()
        {
            List<GuideTask> tasks = GuideGenerator.ReadTasks(TestPaths.RepoRoot);
            int pictures = tasks.Sum(t => t.Steps.Count + (t.Start != null ? 1 : 0));
            List<GuideFile> files = Generated.Value;
            Assert.AreEqual(2 * pictures + 2, files.Count);
            Assert.AreEqual(files.Count, files.Select(f => f.Path).Distinct().Count(), "no path twice");
            string zh = Text(GuideGenerator.ChineseGuide), en = Text(GuideGenerator.EnglishGuide);
            foreach (GuideFile png in files.Where(f => f.Path.EndsWith(".png", StringComparison.Ordinal)))
            {
                string link = "(" + png.Path.Substring("docs/".Length) + ")";
                Assert.IsTrue((png.Path.EndsWith(".en.png", StringComparison.Ordinal) ? en : zh).Contains(link), png.Path + " is shown in its guide");
            }
            foreach (GuideTask task in tasks)
            {
                StringAssert.Contains(zh, "## " + (tasks.IndexOf(task) + 1) + ". " + task.Title.Zh);
                StringAssert.Contains(en, "## " + (tasks.IndexOf(task) + 1) + ". " + task.Title.En);
            }
        }

        /// <summary>The article's tasks each have their section, with the screens that prove them.</summary>
        [TestMethod]
        public void EveryTaskOfTheArticleIsCovered()
        {
            var screens = new Dictionary<string, HashSet<string>>();
            foreach (GuideTask task in GuideGenerator.ReadTasks(TestPaths.RepoRoot))
                screens[task.Name] = new HashSet<string>(task.Steps.Select(s => s.Screen));
            string[][] expected =
            {
                new[] { "01-open-settings", "login", "change-password", "settings" },
                new[] { "02-bind-merchant", "binding-entry", "binding-review" },
                new[] { "03-bind-card", "card-entry", "binding-review" },
                new[] { "04-bind-device", "binding-entry", "binding-review" },
                new[] { "05-deregister", "deregister-confirm", "bindings" },
                new[] { "06-password", "change-password", "password-age" },
                new[] { "07-language", "language" },
                new[] { "08-lost-terminal", "locked" },
                new[] { "09-pause", "idle" },
                new[] { "10-advice", "device-info", "audit-log" },
            };
            foreach (string[] task in expected)
            {
                Assert.IsTrue(screens.ContainsKey(task[0]), "a task file " + task[0] + ".txt");
                foreach (string screen in task.Skip(1)) Assert.IsTrue(screens[task[0]].Contains(screen), task[0] + " shows " + screen);
            }
            string zh = Text(GuideGenerator.ChineseGuide), en = Text(GuideGenerator.EnglishGuide);
            StringAssert.Contains(zh, "备份已输出", "the backup written before the deregistration");
            StringAssert.Contains(en, "Backup written");
            StringAssert.Contains(zh, "已暂停", "the paused idle screen");
            StringAssert.Contains(en, "Paused");
            StringAssert.Contains(en, ": Swipe the card\n", "a card by swipe");
            StringAssert.Contains(zh, "：刷卡\n");
        }

        [TestMethod]
        public void EachPictureIsTheLcdDrawnFromTheSimulatedSt7920sDdram()
        {
            LcdFont font = LcdFont.Load(LcdFont.PathIn(TestPaths.RepoRoot));
            GuideTask task = GuideGenerator.ReadTasks(TestPaths.RepoRoot).Single(t => t.Name == "05-deregister");
            TaskRun run = GuideRun.Run(task, Language.English);
            int lit = 0;
            for (int s = 0; s < run.Steps.Count; s++)
            {
                Shot shot = run.Steps[s];
                Assert.AreEqual(64, shot.Ddram.Length, "the glass is on");
                bool[] expected = LcdRaster.Draw(shot.Ddram, font);
                string path = "docs/" + GuideWriter.ImagePath(task, s + 1, Language.English);
                PngReader png = PngReader.Read(Generated.Value.Single(f => f.Path == path).Bytes);
                Assert.AreEqual(LcdPicture.Width, png.Width);
                Assert.AreEqual(LcdPicture.Height, png.Height);
                for (int y = 0; y < LcdRaster.Height; y++)
                {
                    for (int x = 0; x < LcdRaster.Width; x++)
                    {
                        // The dot's top-left pixel, from the picture's layout: bezel, margin, then Scale pixels a dot.
                        int px = LcdPicture.Bezel + LcdPicture.Margin + x * LcdPicture.Scale;
                        int py = LcdPicture.Bezel + LcdPicture.Margin + y * LcdPicture.Scale;
                        int colour = png.At(px, py);
                        bool on = expected[y * LcdRaster.Width + x];
                        Assert.AreEqual(on ? 0x1e2a14 : 0x9abd3a, colour, path + " dot (" + x + ", " + y + ")");
                        if (on) lit++;
                    }
                }
                Assert.AreEqual(0x111111, png.At(0, 0), "the bezel");
                Assert.AreEqual(0x8aaa33, png.At(LcdPicture.Bezel + LcdPicture.Margin + LcdPicture.Scale - 1, LcdPicture.Bezel + LcdPicture.Margin), "a grid line");
            }
            Assert.IsGreaterThan(1000, lit, "the pictures show text");
        }

        [TestMethod]
        public void TheRowsInTheAltTextAreTheGlassAsTheControllerDecodesIt()
        {
            GuideTask task = GuideGenerator.ReadTasks(TestPaths.RepoRoot).Single(t => t.Name == "08-lost-terminal");
            TaskRun run = GuideRun.Run(task, Language.English);
            Shot locked = run.Steps[1];
            Assert.AreEqual("locked", locked.ScreenId);
            CollectionAssert.AreEqual(new[] { "Terminal locked", "Unlock code", "", "Call support" }, locked.Rows);
            StringAssert.Contains(Text(GuideGenerator.EnglishGuide), "![LCD: Terminal locked / Unlock code / Call support](guide-images/08-lost-terminal-02.en.png)");
            CollectionAssert.AreEqual(new List<string> { "ok: terminal locked" }, locked.Outputs[0], "what the console answered");
        }

        [TestMethod]
        public void ARunGivesTheSameBytesEveryTime()
        {
            LcdFont font = LcdFont.Load(LcdFont.PathIn(TestPaths.RepoRoot));
            GuideTask task = GuideGenerator.ReadTasks(TestPaths.RepoRoot).Single(t => t.Name == "09-pause");
            TaskRun first = GuideRun.Run(task, Language.Chinese), second = GuideRun.Run(task, Language.Chinese);
            for (int s = 0; s < first.Steps.Count; s++)
            {
                CollectionAssert.AreEqual(first.Steps[s].Ddram, second.Steps[s].Ddram);
                CollectionAssert.AreEqual(LcdPicture.Encode(LcdRaster.Draw(first.Steps[s].Ddram, font)), LcdPicture.Encode(LcdRaster.Draw(second.Steps[s].Ddram, font)));
                CollectionAssert.AreEqual(first.Steps[s].Outputs.SelectMany(o => o).ToList(), second.Steps[s].Outputs.SelectMany(o => o).ToList());
            }
        }

        [TestMethod]
        public void TheZlibStreamInflatesToItsInput()
        {
            var random = new Random(7);
            var samples = new List<byte[]> { new byte[0], new byte[] { 42 }, new byte[100000], new byte[70000] };
            random.NextBytes(samples[3]);
            var pattern = new byte[90000];
            for (int i = 0; i < pattern.Length; i++) pattern[i] = (byte)(i % 7 == 0 ? random.Next(256) : i % 300 < 150 ? 0x55 : i / 1000);
            samples.Add(pattern);
            var far = new byte[40000];
            random.NextBytes(far.AsSpan(0, 300));
            Array.Copy(far, 0, far, 32700, 300); // a match 32,700 back, near the window's end
            samples.Add(far);
            foreach (byte[] data in samples)
            {
                byte[] packed = Tools.Guides.Deflate.Zlib(data);
                var inflated = new MemoryStream();
                using (var z = new ZLibStream(new MemoryStream(packed), CompressionMode.Decompress)) z.CopyTo(inflated);
                CollectionAssert.AreEqual(data, inflated.ToArray(), "length " + data.Length);
            }
            Assert.IsLessThan(1000, Tools.Guides.Deflate.Zlib(samples[2]).Length, "100,000 zeros pack small");
        }

        [TestMethod]
        public void ATaskFileErrorNamesItsFileAndLine()
        {
            AssertRefused("title.zh: 甲\ntitle.en: A\nstep: MENU MENUX\nscreen: login\nzh: 乙\nen: B\n", "t.txt line 3: unknown token 'MENUX'");
            AssertRefused("title.zh: 甲\ntitle.en: A\nstep: MENU\nzh: 乙\nen: B\n", "t.txt line 3: the step needs 'screen: ID'");
            AssertRefused("title.zh: 甲\ntitle.en: A\nstep: MENU\nscreen: login\nzh: 乙\n", "t.txt line 5: 'zh' has no counterpart in the other language");
            AssertRefused("title.zh: 甲\ntitle.en: A\nstep: MENU screen\nscreen: login\nzh: 乙\nen: B\n", "t.txt line 3: 'screen' has no place in an operator guide");
            AssertRefused("title.zh: 甲\ntitle.en: A\nstep: fleet pause\nscreen: idle\nzh: 乙\nen: B\n", "t.txt line 3: 'fleet' needs the task's 'fleet-key'");
            AssertRefused("title.zh: 甲\ntitle.en: A\nzh: 乙\nen: B\nstep: MENU\nscreen: login\n", "t.txt line 3: 'zh' belongs to a step");
            AssertRefused("title.zh: 甲\ntitle.en: A\nstep: wait\nscreen: login\nzh: 乙\nen: B\n", "t.txt line 3: 'wait' needs a number of seconds");
        }

        [TestMethod]
        public void AStepThatEndsOnAnotherScreenStopsTheRunWithItsLine()
        {
            GuideTask task = GuideTask.Parse("title.zh: 甲\ntitle.en: A\nstep: MENU 123456 ENTER\nscreen: settings\nzh: 乙\nen: B\n", "t.txt", "t");
            var e = Assert.ThrowsExactly<GuideException>(() => GuideRun.Run(task, Language.English));
            StringAssert.StartsWith(e.Message, "t.txt line 3: after this step the terminal shows 'change-password', not 'settings' (English run); the LCD reads: New password");
        }

        [TestMethod]
        public void TheFirstDifferenceIsNamedAndAStrayPictureIsFound()
        {
            string root = Path.Combine(Path.GetTempPath(), "guides-" + Guid.NewGuid().ToString("N"));
            try
            {
                Directory.CreateDirectory(Path.Combine(root, "docs", "guide-images"));
                File.WriteAllText(Path.Combine(root, "docs", "a.md"), "old");
                var made = new List<GuideFile> { new GuideFile("docs/a.md", Encoding.UTF8.GetBytes("new")) };
                Assert.AreEqual("docs/a.md is out of date: line 1 is now \"new\" (committed: \"old\")", GuideGenerator.FirstDifference(root, made));
                File.WriteAllBytes(Path.Combine(root, "docs", "p.png"), new byte[] { 1, 2, 3 });
                Assert.AreEqual("docs/p.png is out of date: the firmware's screens or the task changed (first different byte 2)",
                    GuideGenerator.FirstDifference(root, new List<GuideFile> { new GuideFile("docs/p.png", new byte[] { 1, 2, 4 }) }));
                File.WriteAllText(Path.Combine(root, "docs", "a.md"), "new");
                Assert.IsNull(GuideGenerator.FirstDifference(root, made));
                File.WriteAllBytes(Path.Combine(root, "docs", "guide-images", "gone-01.en.png"), new byte[1]);
                Assert.AreEqual("docs/guide-images/gone-01.en.png belongs to no step any more", GuideGenerator.FirstDifference(root, made));
                made.Add(new GuideFile("docs/b.md", new byte[0]));
                Assert.AreEqual("docs/b.md is missing", GuideGenerator.FirstDifference(root, made));
            }
            finally
            {
                Directory.Delete(root, true);
            }
        }

        private static void AssertRefused(string text, string message)
        {
            var e = Assert.ThrowsExactly<GuideException>(() => GuideTask.Parse(text, "t.txt", "t"));
            StringAssert.StartsWith(e.Message, message);
        }

        private static string Text(string path)
        {
            return Encoding.UTF8.GetString(Generated.Value.Single(f => f.Path == path).Bytes);
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Hal.Console;

namespace PosTerminal.Firmware.Tests.Serial
{
    /// <summary>The portable line editor every console runs (Hal/Console): bytes in, lines and echo out.</summary>
    [TestClass]
    public sealed class LineEditorTests
    {
        /// <summary>Feeds text's UTF-8 bytes; returns each event's line ("!" for TooLong) and the echo as text.</summary>
        private static (List<string> Lines, string Echo) Type(LineEditor editor, string text)
        {
            return Feed(editor, Encoding.UTF8.GetBytes(text));
        }

        private static (List<string> Lines, string Echo) Feed(LineEditor editor, byte[] bytes)
        {
            var lines = new List<string>();
            var echo = new List<byte>();
            foreach (byte b in bytes)
            {
                LineEvent e = editor.Feed(b);
                for (int i = 0; i < editor.EchoCount; i++) echo.Add(editor.EchoBytes[i]);
                if (e == LineEvent.Line) lines.Add(editor.TakeLine());
                else if (e == LineEvent.TooLong) lines.Add("!");
            }
            return (lines, Encoding.UTF8.GetString(echo.ToArray()));
        }

        [TestMethod]
        public void CrLfAndCrlfEachEndOneLine()
        {
            var editor = new LineEditor(200, false);
            CollectionAssert.AreEqual(new[] { "a", "b", "c", "", "d" }, Type(editor, "a\rb\nc\r\n\r\nd\r").Lines);
        }

        [TestMethod]
        public void ALfAfterACrIsTheSameLineEndEvenInTheNextChunk()
        {
            var editor = new LineEditor(200, false);
            CollectionAssert.AreEqual(new[] { "status" }, Type(editor, "status\r").Lines);
            CollectionAssert.AreEqual(new[] { "log" }, Type(editor, "\nlog\n").Lines, "no empty line from the LF");
        }

        [TestMethod]
        public void BackspaceAndDeleteRubOutTheLastCharacter()
        {
            var editor = new LineEditor(200, true);
            var typed = Type(editor, "stat\bus\x7F\x7Fus\r");
            CollectionAssert.AreEqual(new[] { "staus" }, typed.Lines);
            Assert.AreEqual("stat\b \bus\b \b\b \bus\r\n", typed.Echo);
        }

        [TestMethod]
        public void BackspaceOnAnEmptyLineDoesNothing()
        {
            var editor = new LineEditor(200, true);
            var typed = Type(editor, "\b\bok\r");
            CollectionAssert.AreEqual(new[] { "ok" }, typed.Lines);
            Assert.AreEqual("ok\r\n", typed.Echo);
        }

        [TestMethod]
        public void EchoOffEchoesNothing()
        {
            var editor = new LineEditor(200, false);
            Assert.AreEqual("", Type(editor, "help\b\r").Echo);
        }

        [TestMethod]
        public void OtherControlBytesAreIgnoredAndNotEchoed()
        {
            var editor = new LineEditor(200, true);
            var typed = Feed(editor, new byte[] { 0x1B, (byte)'o', 0x07, (byte)'k', 0x00, 13 });
            CollectionAssert.AreEqual(new[] { "ok" }, typed.Lines);
            Assert.AreEqual("ok\r\n", typed.Echo);
        }

        [TestMethod]
        public void Utf8CharactersCountOnceAndEchoWhole()
        {
            var editor = new LineEditor(4, true);
            var typed = Type(editor, "锁定\u00e9\r");
            CollectionAssert.AreEqual(new[] { "锁定\u00e9" }, typed.Lines, "3 characters of 8 bytes fit a 4-character line");
            Assert.AreEqual("锁定\u00e9\r\n", typed.Echo);
            // The emoji is 2 UTF-16 units: 5 > 4, so this line is refused whole.
            CollectionAssert.AreEqual(new[] { "!" }, Type(editor, "锁定\u00e9\U0001F600\r").Lines);
        }

        [TestMethod]
        public void AnEmojiFitsAsASurrogatePairAndRubsOutWhole()
        {
            var editor = new LineEditor(3, true);
            var typed = Type(editor, "a\U0001F600\bb\r");
            CollectionAssert.AreEqual(new[] { "ab" }, typed.Lines);
            Assert.AreEqual("a\U0001F600\b \bb\r\n", typed.Echo);
        }

        [TestMethod]
        public void MalformedUtf8BecomesAQuestionMark()
        {
            var editor = new LineEditor(200, false);
            // A stray continuation byte, a sequence cut short by 'x', an overlong '/' (C0 AF).
            var typed = Feed(editor, new byte[] { 0x80, 0xE9, 0x94, (byte)'x', 0xC0, 0xAF, 13 });
            CollectionAssert.AreEqual(new[] { "??x?" }, typed.Lines);
        }

        [TestMethod]
        public void ALineAtTheLimitIsKept()
        {
            var editor = new LineEditor(200, false);
            string line = new string('x', 200);
            CollectionAssert.AreEqual(new[] { line }, Type(editor, line + "\r").Lines);
        }

        [TestMethod]
        public void ALineOverTheLimitIsRefusedWholeAndTheNextLineIsClean()
        {
            var editor = new LineEditor(200, true);
            var typed = Type(editor, new string('x', 201) + "\b\b\rstatus\r");
            CollectionAssert.AreEqual(new[] { "!", "status" }, typed.Lines);
            Assert.AreEqual(new string('x', 200) + "\r\nstatus\r\n", typed.Echo, "the extra characters are not echoed; rubbing out cannot save the line");
        }

        [TestMethod]
        public void ALineNotTakenIsDroppedByTheNextByte()
        {
            var editor = new LineEditor(200, false);
            Assert.AreEqual(LineEvent.None, editor.Feed((byte)'a'));
            Assert.AreEqual(LineEvent.Line, editor.Feed(13));
            CollectionAssert.AreEqual(new[] { "b" }, Type(editor, "b\r").Lines);
        }

        [TestMethod]
        public void ResetForgetsAHalfTypedLine()
        {
            var editor = new LineEditor(200, false);
            Type(editor, "factory-re");
            editor.Reset();
            CollectionAssert.AreEqual(new[] { "help" }, Type(editor, "help\r").Lines);
        }

        // ---- chunks (Feed(data, offset, end): the fast path over printable ASCII runs) -----------------

        /// <summary>Feeds bytes in chunks of the given sizes (cycled), taking each line as SerialConsole does.</summary>
        private static (List<string> Lines, string Echo) FeedChunks(LineEditor editor, byte[] bytes, params int[] sizes)
        {
            var lines = new List<string>();
            var echo = new List<byte>();
            int at = 0;
            for (int k = 0; at < bytes.Length; k++)
            {
                int end = System.Math.Min(bytes.Length, at + sizes[k % sizes.Length]);
                while (at < end)
                {
                    LineEvent e = editor.Feed(bytes, at, end);
                    Assert.IsTrue(editor.Used > 0 || editor.EchoCount > 0, "a Feed that takes nothing and echoes nothing would loop forever");
                    at += editor.Used;
                    for (int i = 0; i < editor.EchoCount; i++) echo.Add(editor.EchoBytes[i]);
                    if (e == LineEvent.Line) lines.Add(editor.TakeLine());
                    else if (e == LineEvent.TooLong) lines.Add("!");
                }
            }
            return (lines, Encoding.UTF8.GetString(echo.ToArray()));
        }

        private static (List<string> Lines, string Echo) TypeChunks(LineEditor editor, string text, params int[] sizes)
        {
            return FeedChunks(editor, Encoding.UTF8.GetBytes(text), sizes);
        }

        [TestMethod]
        public void AChunkGivesTheSameLinesAndEchoAsItsBytesOneByOne()
        {
            string[] inputs =
            {
                "status\r\nhelp\rlog\n",                                         // CR, CRLF, LF
                "{\"Line\":4,\"Settings\":{\"Language\":\"zh\"}}\r",                   // a backup line: one run
                "商户 abc 锁定\u00e9 x\U0001F600y\r",                                  // runs between UTF-8 characters
                "stattus\b\b\b\btus\r\n",                                           // backspace inside a run
                "ab\x1Bc\x07d\x7Fe\r",                                                // control bytes and DEL between runs
                new string('x', 25) + "\r" + new string('y', 19) + "\r",               // over the limit (20), then at it
                new string('z', 30) + "\b\bq\rok\r",                                   // rubbing out cannot save an over-long line
            };
            foreach (string text in inputs)
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                foreach (bool echo in new[] { true, false })
                {
                    var expected = Feed(new LineEditor(20, echo), bytes);
                    for (int size = 1; size <= bytes.Length; size++)
                    {
                        var chunked = FeedChunks(new LineEditor(20, echo), bytes, size);
                        string what = "\"" + text + "\" in chunks of " + size + (echo ? ", echo" : "");
                        CollectionAssert.AreEqual(expected.Lines, chunked.Lines, what);
                        Assert.AreEqual(expected.Echo, chunked.Echo, what);
                    }
                }
            }
        }

        [TestMethod]
        public void RandomStreamsInRandomChunksMatchTheBytesOneByOne()
        {
            var random = new System.Random(20261201);
            byte[] alphabet = Encoding.UTF8.GetBytes("abc {}\":,09~ 锁\u00e9\r\n\b\x7F\x1B");
            for (int round = 0; round < 400; round++)
            {
                var bytes = new byte[random.Next(1, 120)];
                for (int i = 0; i < bytes.Length; i++)
                    bytes[i] = random.Next(10) == 0 ? (byte)random.Next(256) : alphabet[random.Next(alphabet.Length)];
                int limit = random.Next(1, 40);
                int[] sizes = { random.Next(1, 9), random.Next(1, 70), random.Next(1, 200) };
                var expected = Feed(new LineEditor(limit, true), bytes);
                var chunked = FeedChunks(new LineEditor(limit, true), bytes, sizes);
                string what = "round " + round + ": " + System.BitConverter.ToString(bytes);
                CollectionAssert.AreEqual(expected.Lines, chunked.Lines, what);
                Assert.AreEqual(expected.Echo, chunked.Echo, what);
            }
        }

        [TestMethod]
        public void ACrAndItsLfInTwoChunksEndOneLine()
        {
            var editor = new LineEditor(200, true);
            byte[] bytes = Encoding.ASCII.GetBytes("backup\r\nstatus\r\n");
            var typed = FeedChunks(editor, bytes, 7, 1, 100);
            CollectionAssert.AreEqual(new[] { "backup", "status" }, typed.Lines, "the LF alone in its chunk is no empty line");
            Assert.AreEqual("backup\r\nstatus\r\n", typed.Echo);
        }

        [TestMethod]
        public void AUtf8CharacterSplitAcrossChunksIsOneCharacter()
        {
            var editor = new LineEditor(200, true);
            // 锁 is E9 94 81: the chunk ends after its first byte, then after its second.
            var typed = TypeChunks(editor, "ab锁cd\r", 3, 1, 50);
            CollectionAssert.AreEqual(new[] { "ab锁cd" }, typed.Lines);
            Assert.AreEqual("ab锁cd\r\n", typed.Echo);
        }

        [TestMethod]
        public void AnAsciiByteInsideAUtf8SequenceCutsItShort()
        {
            var editor = new LineEditor(200, false);
            var typed = FeedChunks(editor, new byte[] { (byte)'a', 0xE9, 0x94, (byte)'b', (byte)'c', 13 }, 64);
            CollectionAssert.AreEqual(new[] { "a?bc" }, typed.Lines);
        }

        [TestMethod]
        public void APastedLineOverTheLimitIsRefusedWholeAndNotEchoedPastIt()
        {
            var editor = new LineEditor(200, true);
            var typed = TypeChunks(editor, new string('x', 330) + "\rstatus\r", 128);
            CollectionAssert.AreEqual(new[] { "!", "status" }, typed.Lines);
            Assert.AreEqual(new string('x', 200) + "\r\nstatus\r\n", typed.Echo);
        }

        [TestMethod]
        public void ALineOfExactlyTheLimitInOneChunkIsKept()
        {
            var editor = new LineEditor(200, true);
            var typed = TypeChunks(editor, new string('q', 200) + "\r", 201);
            CollectionAssert.AreEqual(new[] { new string('q', 200) }, typed.Lines);
        }

        [TestMethod]
        public void AChunkWhoseEchoOverflowsTheBufferStopsEarlyAndGoesOn()
        {
            var editor = new LineEditor(200, true);
            byte[] bytes = Encoding.ASCII.GetBytes(new string('a', 60) + new string('\b', 60) + "ok\r");
            LineEvent first = editor.Feed(bytes, 0, bytes.Length);
            Assert.AreEqual(LineEvent.None, first);
            Assert.IsLessThan(bytes.Length, editor.Used, "60 characters and 60 rub-outs echo 240 bytes: more than one buffer");
            Assert.IsLessThanOrEqualTo(LineEditor.EchoCapacity, editor.EchoCount);
            var rest = FeedChunks(editor, bytes.Skip(editor.Used).ToArray(), 500);
            CollectionAssert.AreEqual(new[] { "ok" }, rest.Lines);
        }

        [TestMethod]
        public void ALimitBelowOneIsRefused()
        {
            Assert.ThrowsExactly<System.ArgumentOutOfRangeException>(() => new LineEditor(0, false));
        }
    }
}

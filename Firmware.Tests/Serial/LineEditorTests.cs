using System.Collections.Generic;
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

        [TestMethod]
        public void ALimitBelowOneIsRefused()
        {
            Assert.ThrowsExactly<System.ArgumentOutOfRangeException>(() => new LineEditor(0, false));
        }
    }
}

using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Hal.CardReader;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Flash;
using PosTerminal.Virtual.Parts;
using PosTerminal.Virtual.Script;

namespace PosTerminal.Firmware.Tests.CardReader
{
    /// <summary>The script tokens swipe, swipe-reverse and swipe-noise, and the simulated reader behind them.</summary>
    [TestClass]
    public sealed class SwipeScriptTests
    {
        private const string Track = ";6222021234567890128=30121010000000000?";

        [TestMethod]
        public void SwipeReachesTheFirmwaresCaptureAndTakesTheSwipesTime()
        {
            EventBoard board = NewBoard();
            long before = board.Clock.UptimeMicros;
            Assert.AreEqual(0, Run(board, "swipe " + Track).Code);
            Assert.AreSame(board.CardReader, board.Terminal.Hardware.Swipe, "the firmware gets the reader as TerminalHardware.Swipe");
            Assert.AreEqual(1, board.CardReader.Swipes);
            Track2Data read = new CardReaderService(null).Decode(board.CardReader.LastRecording);
            Assert.AreEqual(Track, read.ToTrackText());
            Assert.IsFalse(read.Reversed);
            long took = board.Clock.UptimeMicros - before;
            long bits = board.CardReader.LastWaveform.BitCount;
            long fastest = SwipeWaveform.ClsReleaseUs + (long)(bits * 1e6 / (75 * 20 * 1.15));
            Assert.IsTrue(took >= fastest && took < SwipeWaveform.ClsReleaseUs + 1000000, "swipe took " + took + " µs");
            // The swipe's own time, then the few passes (one tick each) of the decode in slices.
            long decoding = took - board.CardReader.LastWaveform.DurationUs;
            Assert.IsTrue(decoding >= 0 && decoding <= 10 * SimBoard.TickMicros, "decoding took " + decoding + " µs after the recording");
        }

        [TestMethod]
        public void SwipeReverseSendsTheBitsBackwards()
        {
            EventBoard board = NewBoard();
            Assert.AreEqual(0, Run(board, "swipe-reverse " + Track).Code);
            Track2Data read = new CardReaderService(null).Decode(board.CardReader.LastRecording);
            Assert.AreEqual(Track, read.ToTrackText());
            Assert.IsTrue(read.Reversed);
        }

        [TestMethod]
        public void SwipeNoiseIsRepeatableAndNeverReadsWrong()
        {
            string script = "swipe-noise " + Track + "\nswipe-noise " + Track + "\nswipe-noise " + Track;
            EventBoard first = NewBoard();
            EventBoard second = NewBoard();
            Assert.AreEqual(0, Run(first, script).Code);
            Assert.AreEqual(0, Run(second, script).Code);
            Assert.AreEqual(3, first.CardReader.Swipes);
            CollectionAssert.AreEqual(first.CardReader.LastWaveform.DataToggles as System.Collections.ICollection,
                second.CardReader.LastWaveform.DataToggles as System.Collections.ICollection, "seeded: the same script swipes the same way");
            SwipeWaveform clean = SwipeWaveform.Create(Track, new SwipeOptions { Seed = 3 });
            CollectionAssert.AreNotEqual(clean.DataToggles as System.Collections.ICollection,
                first.CardReader.LastWaveform.DataToggles as System.Collections.ICollection, "noise changes the waveform");
            Track2Data read = new CardReaderService(null).Decode(first.CardReader.LastRecording);
            if (read.Ok) Assert.AreEqual(Track, read.ToTrackText());
        }

        [TestMethod]
        public void TheRecordingIsHandedOverOnlyAfterClsIsReleased()
        {
            var clock = new VirtualClock();
            var reader = new SimCardReader(clock);
            SwipeWaveform swipe = SwipeWaveform.Create(Track, new SwipeOptions());
            reader.Swipe(swipe);
            SwipeRecording taken;
            Assert.IsFalse(reader.TryTakeSwipe(out taken));
            Assert.IsFalse(reader.Level(SwipeLine.Cls), "/CLS is low while the card is in");
            clock.AdvanceMicros(swipe.DurationUs - 1);
            Assert.IsFalse(reader.TryTakeSwipe(out taken));
            clock.AdvanceMicros(1);
            Assert.IsTrue(reader.Level(SwipeLine.Cls));
            Assert.IsTrue(reader.TryTakeSwipe(out taken));
            Assert.AreSame(reader.LastRecording, taken);
            Assert.IsFalse(reader.TryTakeSwipe(out taken), "each recording is taken once");
        }

        [TestMethod]
        [DataRow("swipe\nscreen", "needs track 2 data")]
        [DataRow("swipe-reverse\nscreen", "needs track 2 data")]
        [DataRow("swipe 6222021234567890128=3012?\nscreen", "must start with ';'")]
        [DataRow("swipe-noise ;6222021234567890128=3012\nscreen", "must start with ';'")]
        [DataRow("swipe ;62220212345A=3012?\nscreen", "no character 'A'")]
        public void ABadTrackStopsTheRunWithAMessageNamingTheLine(string script, string message)
        {
            EventBoard board = NewBoard();
            Result result = Run(board, "screen\n" + script);
            Assert.AreEqual(2, result.Code);
            StringAssert.StartsWith(result.Error, "line 2: ");
            StringAssert.Contains(result.Error, message);
            Assert.AreEqual(0, board.CardReader.Swipes, "nothing was swiped");
            Assert.AreEqual(0, CountOccurrences(result.Output, "[idle]"), "the script is parsed whole first: not even the screen before the bad token runs");
        }

        private static EventBoard NewBoard()
        {
            var board = new EventBoard(new SimFlash());
            board.PowerOn();
            return board;
        }

        private static Result Run(SimBoard board, string script)
        {
            var output = new StringWriter();
            var runner = new ScriptRunner(board, output);
            int code = runner.Run(script);
            return new Result { Code = code, Error = runner.LastError, Output = output.ToString() };
        }

        private static int CountOccurrences(string text, string what)
        {
            int n = 0;
            for (int i = text.IndexOf(what); i >= 0; i = text.IndexOf(what, i + 1)) n++;
            return n;
        }

        private sealed class Result
        {
            public int Code;
            public string Error;
            public string Output;
        }
    }
}

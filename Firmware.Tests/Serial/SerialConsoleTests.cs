using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Hal.Console;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Flash;
using PosTerminal.Virtual.Parts;

namespace PosTerminal.Firmware.Tests.Serial
{
    /// <summary>SerialConsole (Hal) over a byte wire, and the line limit on every console the simulator has.</summary>
    [TestClass]
    public sealed class SerialConsoleTests
    {
        /// <summary>A UART as the adapter sees it: bytes arrive in chunks; writes are recorded.</summary>
        private sealed class FakeUart : ISerialPort
        {
            public bool HasListener { get { return true; } }

            private readonly Queue<byte> _in = new Queue<byte>();
            public readonly List<byte> Sent = new List<byte>();
            public int Reads;

            public void Arrive(string text) { foreach (byte b in Encoding.UTF8.GetBytes(text)) _in.Enqueue(b); }

            public int Read(byte[] buffer, int offset, int count)
            {
                Reads++;
                int n = 0;
                while (n < count && _in.Count > 0) buffer[offset + n++] = _in.Dequeue();
                return n;
            }

            public void Write(byte[] buffer, int offset, int count) { Sent.AddRange(buffer.Skip(offset).Take(count)); }

            public string SentText() { string s = Encoding.UTF8.GetString(Sent.ToArray()); Sent.Clear(); return s; }
        }

        [TestMethod]
        public void LinesArriveAcrossChunksAndEchoGoesBackOncePerChunk()
        {
            var uart = new FakeUart();
            var console = new SerialConsole(uart, 200, true);
            uart.Arrive("sta");
            Assert.IsFalse(console.TryReadLine(out _));
            uart.Arrive("tus\r\nhelp\r");
            Assert.IsTrue(console.TryReadLine(out string first));
            Assert.AreEqual("status", first);
            Assert.IsTrue(console.TryReadLine(out string second), "the second line of the same chunk");
            Assert.AreEqual("help", second);
            Assert.AreEqual("status\r\nhelp\r\n", uart.SentText());
        }

        [TestMethod]
        public void AnIdleReadAllocatesNothing()
        {
            var uart = new FakeUart();
            var console = new SerialConsole(uart, 200, true);
            console.TryReadLine(out _);
            long before = System.GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++) console.TryReadLine(out _);
            Assert.AreEqual(0, System.GC.GetAllocatedBytesForCurrentThread() - before);
        }

        [TestMethod]
        public void AnOverLongLineGetsAClearMessageAndNothingRuns()
        {
            var uart = new FakeUart();
            var console = new SerialConsole(uart, 200, false);
            uart.Arrive("lock " + new string('x', 300) + "\rstatus\r");
            Assert.IsTrue(console.TryReadLine(out string line));
            Assert.AreEqual("status", line, "the over-long line never comes out");
            Assert.AreEqual("error: line too long (at most 200 characters); nothing was done\r\n", uart.SentText());
        }

        [TestMethod]
        public void OutputIsUtf8WithCrlf()
        {
            var uart = new FakeUart();
            var console = new SerialConsole(uart, 200, false);
            console.WriteLine("锁定 ok");
            CollectionAssert.AreEqual(Encoding.UTF8.GetBytes("锁定 ok\r\n"), uart.Sent.ToArray());
        }

        [TestMethod]
        public void EmptyLinesAreNotHandedOn()
        {
            var uart = new FakeUart();
            var console = new SerialConsole(uart, 200, true);
            uart.Arrive("\r\r\n");
            Assert.IsFalse(console.TryReadLine(out _));
            Assert.AreEqual("\r\n\r\n", uart.SentText(), "the terminal's cursor still moves");
        }

        [TestMethod]
        public void TheSimulatedConsoleHoldsTheBoardsLineLimit()
        {
            Assert.AreEqual(200, BoardDescription.Default.Console.MaxLineChars);
            var board = new EventBoard(new SimFlash());
            board.PowerOn();
            Assert.AreEqual(200, board.ConsolePort.MaxLineChars);
            string[] output = board.SendConsoleLine("lock " + new string('x', 196));
            CollectionAssert.AreEqual(new[] { "error: line too long (at most 200 characters); nothing was done" }, output);
            Assert.AreEqual("idle", board.ScreenId, "nothing of the line ran");
        }

        [TestMethod]
        public void TheScriptTokenHoldsTheLimit()
        {
            var board = new EventBoard(new SimFlash());
            var output = new System.IO.StringWriter();
            var runner = new Virtual.Script.ScriptRunner(board, output);
            board.PowerOn();
            Assert.AreEqual(0, runner.Run("console help\nconsole status " + new string('y', 200)));
            StringAssert.Contains(output.ToString(), "console> error: line too long (at most 200 characters); nothing was done");
        }

        [TestMethod]
        public void ABackspacedLineRunsAsEdited()
        {
            var board = new EventBoard(new SimFlash());
            board.PowerOn();
            board.ConsolePort.SendBytes(Encoding.ASCII.GetBytes("stattus\b\b\b\btus\r\n"));
            board.Advance(SimBoard.LoopPeriodMicros);
            string[] output = board.ConsolePort.TakeOutput();
            Assert.IsTrue(output.Length > 1, string.Join("\n", output));
            Assert.IsFalse(output[0].StartsWith("error:"), output[0]);
        }
    }
}

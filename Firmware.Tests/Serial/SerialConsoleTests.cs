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
            public int Writes;

            /// <summary>The most one Read hands over (a UART delivers what has arrived so far).</summary>
            public int MaxRead = int.MaxValue;

            public void Arrive(string text) { foreach (byte b in Encoding.UTF8.GetBytes(text)) _in.Enqueue(b); }

            public int Read(byte[] buffer, int offset, int count)
            {
                Reads++;
                int n = 0;
                while (n < count && n < MaxRead && _in.Count > 0) buffer[offset + n++] = _in.Dequeue();
                return n;
            }

            public void Write(byte[] buffer, int offset, int count) { Writes++; Sent.AddRange(buffer.Skip(offset).Take(count)); }

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
        public void APastedBackupComesOutLineByLineWhateverTheChunks()
        {
            string[] lines =
            {
                "restore",
                "{\"Line\":1,\"Header\":{\"Format\":2,\"Terminal\":\"PT000001\",\"Key\":\"11452acc\",\"Lines\":3}}",
                "{\"Line\":2,\"Settings\":{\"Language\":\"zh\",\"Merchant\":\"测试商户\"}}",
                "{\"Line\":3,\"End\":{\"Sum\":\"" + new string('a', 64) + "\",\"Mac\":\"" + new string('b', 64) + "\"}}",
            };
            string paste = string.Join("\r\n", lines) + "\r\n";
            foreach (int chunk in new[] { 1, 7, 64, 1000 })
            {
                var uart = new FakeUart { MaxRead = chunk };
                var console = new SerialConsole(uart, 200, true);
                uart.Arrive(paste);
                var got = new List<string>();
                for (int pass = 0; pass < 1000 && got.Count < lines.Length; pass++)
                {
                    if (console.TryReadLine(out string line)) got.Add(line);
                }
                CollectionAssert.AreEqual(lines, got, "chunks of " + chunk);
                Assert.AreEqual(paste, uart.SentText(), "echo, chunks of " + chunk);
            }
        }

        [TestMethod]
        public void ALongLineIsEchoedInAFewWritesNotOnePerByte()
        {
            var uart = new FakeUart();
            var console = new SerialConsole(uart, 200, true);
            uart.Arrive(new string('k', 180) + "\r");
            Assert.IsTrue(console.TryReadLine(out string line));
            Assert.AreEqual(180, line.Length);
            Assert.AreEqual(new string('k', 180) + "\r\n", uart.SentText());
            Assert.IsLessThanOrEqualTo(3, uart.Writes, "two chunks of the UART, one echo buffer each");
        }

        [TestMethod]
        public void EchoMoreThanOneBufferOfRubOutsStillComesOutWhole()
        {
            var uart = new FakeUart();
            var console = new SerialConsole(uart, 200, true);
            string typed = new string('a', 100) + new string('\b', 99) + "b\r";
            uart.Arrive(typed);
            Assert.IsTrue(console.TryReadLine(out string line));
            Assert.AreEqual("ab", line);
            string rubOuts = string.Concat(Enumerable.Repeat("\b \b", 99));
            Assert.AreEqual(new string('a', 100) + rubOuts + "b\r\n", uart.SentText());
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

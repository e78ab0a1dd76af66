using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Simulator;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Flash;

namespace PosTerminal.Firmware.Tests
{
    /// <summary>The TCP console (boards/virtual/ConsoleBridge): lines both ways, the line limit, a client that stops reading, a second client.</summary>
    [TestClass]
    public sealed class ConsoleBridgeTests
    {
        private static EventBoard Board()
        {
            var board = new EventBoard(new SimFlash());
            board.PowerOn();
            return board;
        }

        /// <summary>Runs the board until the client's bytes have reached the firmware and been handled.</summary>
        private static void RunUntilHandled(EventBoard board, Func<bool> done)
        {
            var watch = Stopwatch.StartNew();
            while (!done() && watch.ElapsedMilliseconds < 5000)
            {
                Thread.Sleep(2);
                board.Advance(SimBoard.LoopPeriodMicros);
            }
            board.Advance(SimBoard.LoopPeriodMicros);
        }

        [TestMethod]
        public void LinesTravelBothWaysOverLoopbackTcp()
        {
            var board = Board();
            using var bridge = ConsoleBridge.Start(board.ConsolePort, 0);
            using var client = new TcpClient("127.0.0.1", bridge.Port);
            client.ReceiveTimeout = 5000;
            var reader = new StreamReader(client.GetStream(), Encoding.UTF8);
            var writer = new StreamWriter(client.GetStream()) { AutoFlush = true, NewLine = "\r\n" };
            Assert.AreEqual(ConsoleBridge.Banner, reader.ReadLine());

            // status works without a login (issue 10): the one command an anonymous line may run besides help and login.
            writer.WriteLine("status");
            RunUntilHandled(board, () => client.Available > 0);
            Assert.AreEqual("terminal: unlocked", reader.ReadLine());
            Assert.AreEqual("console: not logged in; no technician code yet: set-technician-code NEW", reader.ReadLine());
            writer.WriteLine("set-time 2026-11-25T10:00:00Z");
            RunUntilHandled(board, () => client.Available > 0);
            Assert.AreEqual("error: login first", reader.ReadLine());
            Assert.IsFalse(board.Clock.WallClockKnown);
            // Factory state: the first technician code, then the login, then the clock.
            writer.WriteLine("set-technician-code 73920418");
            RunUntilHandled(board, () => board.Terminal.Security.Technician.IsSet);
            Assert.AreEqual("ok: technician code set", reader.ReadLine());
            writer.WriteLine("login 73920418");
            RunUntilHandled(board, () => board.Terminal.Commands.TechnicianLoggedIn);
            StringAssert.StartsWith(reader.ReadLine(), "ok: logged in");
            writer.WriteLine("set-time 2026-11-25T10:00:00Z");
            RunUntilHandled(board, () => board.Clock.WallClockKnown);
            Assert.AreEqual("ok: wall clock set to 2026-11-25T10:00:00Z", reader.ReadLine());
            Assert.IsTrue(board.Clock.WallClockKnown);
        }

        [TestMethod]
        public void AConnectedClientIsTheConsolesListener()
        {
            var board = new EventBoard(new SimFlash());
            board.PowerOn();
            using var bridge = ConsoleBridge.Start(board.ConsolePort, 0);
            Assert.IsFalse(board.ConsolePort.HasListener);
            var client = new TcpClient("127.0.0.1", bridge.Port);
            client.ReceiveTimeout = 5000;
            var reader = new StreamReader(client.GetStream(), Encoding.UTF8);
            Assert.AreEqual(ConsoleBridge.Banner, reader.ReadLine());
            Assert.IsTrue(board.ConsolePort.HasListener, "back up first writes now");
            client.Dispose();
            var watch = Stopwatch.StartNew();
            while (board.ConsolePort.HasListener && watch.ElapsedMilliseconds < 5000) System.Threading.Thread.Sleep(5);
            Assert.IsFalse(board.ConsolePort.HasListener, "the client left");
        }

        [TestMethod]
        public void AnOverLongTcpLineIsRefusedLikeOnTheUart()
        {
            var board = Board();
            using var bridge = ConsoleBridge.Start(board.ConsolePort, 0);
            using var client = new TcpClient("127.0.0.1", bridge.Port);
            client.ReceiveTimeout = 5000;
            var reader = new StreamReader(client.GetStream(), Encoding.UTF8);
            Assert.AreEqual(ConsoleBridge.Banner, reader.ReadLine());
            byte[] line = Encoding.ASCII.GetBytes("lock " + new string('x', 250) + "\n");
            client.GetStream().Write(line, 0, line.Length);
            RunUntilHandled(board, () => board.ConsolePort.PendingInput == 0 && client.Available > 0);
            Assert.AreEqual("error: line too long (at most 200 characters); nothing was done", reader.ReadLine());
            Assert.AreEqual("idle", board.ScreenId);
        }

        [TestMethod]
        public void AClientThatDoesNotReadCannotStallTheTerminal()
        {
            var board = Board();
            using var bridge = ConsoleBridge.Start(board.ConsolePort, 0);
            using var client = new TcpClient("127.0.0.1", bridge.Port) { ReceiveBufferSize = 4096 };
            var watch = Stopwatch.StartNew();
            while (!bridge.Connected && watch.ElapsedMilliseconds < 5000) Thread.Sleep(2);

            // 2 MB of console output while the client reads nothing: far more than any socket holds.
            string line = new string('z', 199);
            watch.Restart();
            for (int i = 0; i < 10_000; i++) board.ConsolePort.WriteLine(line);
            // The terminal goes on: it answers console lines typed on the script side too.
            string[] answer = board.SendConsoleLine("help");
            long elapsed = watch.ElapsedMilliseconds;
            Assert.IsTrue(answer.Length > 3, "the terminal still answers");
            Assert.IsLessThan(5000L, elapsed, "writing to a client that does not read must not wait for it");
            Assert.IsLessThanOrEqualTo(ConsoleBridge.MaxQueuedBytes, bridge.QueuedBytes);
            Assert.IsGreaterThan(1_000_000L, bridge.DroppedBytes, "most of it was dropped");

            // When the client reads again it gets what was kept, and a notice wherever output is missing.
            string text = ReadUntilQuiet(client);
            string[] lines = text.Split("\r\n");
            Assert.AreEqual(ConsoleBridge.Banner, lines[0]);
            int kept = lines.Count(l => l == line);
            long told = 0;
            foreach (string l in lines.Where(l => l.StartsWith("[console: ")))
            {
                StringAssert.EndsWith(l, " bytes of output dropped while this client was not reading]");
                told += long.Parse(l.Split(' ')[1]);
            }
            Assert.AreEqual(bridge.DroppedBytes, told, "every dropped byte is told");
            Assert.IsGreaterThan(0, kept);
            Assert.IsLessThan(10_000, kept);
            Assert.IsTrue(lines.All(l => l == line || l == "" || l.StartsWith("[console: ") || l == ConsoleBridge.Banner || !l.StartsWith("z")),
                "no line is cut short");

            // And output flows again afterwards.
            board.ConsolePort.WriteLine("after the gap");
            StringAssert.Contains(ReadUntilQuiet(client), "after the gap\r\n");
        }

        /// <summary>Everything the client is sent until nothing more comes for a moment.</summary>
        private static string ReadUntilQuiet(TcpClient client)
        {
            var bytes = new System.Collections.Generic.List<byte>();
            var buffer = new byte[65536];
            client.ReceiveTimeout = 400;
            while (true)
            {
                int n;
                try
                {
                    n = client.GetStream().Read(buffer, 0, buffer.Length);
                }
                catch (IOException)
                {
                    break; // quiet for 400 ms
                }
                if (n <= 0) break;
                bytes.AddRange(buffer.Take(n));
            }
            return Encoding.UTF8.GetString(bytes.ToArray());
        }

        [TestMethod]
        public void ASecondClientIsToldTheConsoleIsBusy()
        {
            var board = Board();
            using var bridge = ConsoleBridge.Start(board.ConsolePort, 0);
            using var first = new TcpClient("127.0.0.1", bridge.Port);
            first.ReceiveTimeout = 5000;
            var firstReader = new StreamReader(first.GetStream(), Encoding.UTF8);
            Assert.AreEqual(ConsoleBridge.Banner, firstReader.ReadLine());

            using var second = new TcpClient("127.0.0.1", bridge.Port);
            second.ReceiveTimeout = 5000;
            var secondReader = new StreamReader(second.GetStream(), Encoding.UTF8);
            Assert.AreEqual(ConsoleBridge.BusyMessage, secondReader.ReadLine());
            Assert.IsNull(secondReader.ReadLine(), "then disconnected");
            Assert.AreEqual(1, bridge.BusyRefusals);

            // The first client keeps the console.
            board.ConsolePort.WriteLine("still yours");
            Assert.AreEqual("still yours", firstReader.ReadLine());
        }

        [TestMethod]
        public void AfterTheFirstClientLeavesTheNextOneGetsTheConsole()
        {
            var board = Board();
            using var bridge = ConsoleBridge.Start(board.ConsolePort, 0);
            using (var first = new TcpClient("127.0.0.1", bridge.Port))
            {
                first.ReceiveTimeout = 5000;
                Assert.AreEqual(ConsoleBridge.Banner, new StreamReader(first.GetStream()).ReadLine());
            }
            var watch = Stopwatch.StartNew();
            while (bridge.Connected && watch.ElapsedMilliseconds < 5000) Thread.Sleep(2);
            using var next = new TcpClient("127.0.0.1", bridge.Port);
            next.ReceiveTimeout = 5000;
            Assert.AreEqual(ConsoleBridge.Banner, new StreamReader(next.GetStream()).ReadLine());
        }

        [TestMethod]
        public void ConsolePortOptionIsForInteractiveModeOnly()
        {
            Assert.IsNull(Options.TryParse(new[] { "--console-port", "7023" }, out Options options));
            Assert.AreEqual(7023, options.ConsolePort);
            StringAssert.StartsWith(Options.TryParse(new[] { "--console-port", "x" }, out _), "--console-port takes a TCP port");
            StringAssert.StartsWith(Options.TryParse(new[] { "--console-port", "70000" }, out _), "--console-port takes a TCP port");
            StringAssert.StartsWith(Options.TryParse(new[] { "--script", "-", "--console-port", "7023" }, out _), "--console-port is for interactive mode");
        }
    }
}

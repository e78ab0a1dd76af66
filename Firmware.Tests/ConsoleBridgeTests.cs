using System;
using System.Diagnostics;
using System.IO;
using System.Net.Sockets;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Virtual;
using PosTerminal.Simulator;
using PosTerminal.Virtual.Flash;
using PosTerminal.Virtual;
using PosTerminal.Simulator;

namespace PosTerminal.Firmware.Tests
{
    [TestClass]
    public sealed class ConsoleBridgeTests
    {
        [TestMethod]
        public void LinesTravelBothWaysOverLoopbackTcp()
        {
            var board = new EventBoard(new SimFlash());
            board.PowerOn();
            using var bridge = ConsoleBridge.Start(board.ConsolePort, 0);
            using var client = new TcpClient("127.0.0.1", bridge.Port);
            client.ReceiveTimeout = 5000;
            var reader = new StreamReader(client.GetStream(), Encoding.UTF8);
            var writer = new StreamWriter(client.GetStream()) { AutoFlush = true };
            Assert.AreEqual("PosTerminal maintenance console; type help", reader.ReadLine());

            writer.WriteLine("set-time 2026-11-25T10:00:00Z");
            var watch = Stopwatch.StartNew();
            while (board.ConsolePort.PendingInput == 0 && !board.Clock.WallClockKnown && watch.ElapsedMilliseconds < 5000)
            {
                System.Threading.Thread.Sleep(5);
            }
            board.Advance(SimBoard.LoopPeriodMicros);
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
            Assert.AreEqual("PosTerminal maintenance console; type help", reader.ReadLine());
            Assert.IsTrue(board.ConsolePort.HasListener, "back up first writes now");
            client.Dispose();
            var watch = Stopwatch.StartNew();
            while (board.ConsolePort.HasListener && watch.ElapsedMilliseconds < 5000) System.Threading.Thread.Sleep(5);
            Assert.IsFalse(board.ConsolePort.HasListener, "the client left");
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

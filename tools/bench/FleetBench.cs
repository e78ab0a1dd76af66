using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using PosTerminal.Firmware.Storage;
using PosTerminal.Tools.Checks.Fleet;
using PosTerminal.Tools.Fleet;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Flash;

namespace PosTerminal.Tools.Bench
{
    /// <summary>
    /// --bench fleet: 1,000 simulated terminals (EventBoard, real firmware, one MQTTnet link
    /// each) in this process against one private Mosquitto: connect time, command-to-ack
    /// latency for one terminal and for all at once, the broker's memory, bytes per event.
    /// The terminals' main loops run round-robin on this thread, so a latency includes the
    /// wait for the terminal's next pass (the round time is printed with it).
    /// </summary>
    public static class FleetBench
    {
        public const string Name = "fleet";
        private const int Terminals = 1000;

        public static int Run()
        {
            string[] ids = Enumerable.Range(0, Terminals).Select(i => "T" + i.ToString("D4", CultureInfo.InvariantCulture)).ToArray();
            byte[] key = Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray();
            string keyHex = Convert.ToHexString(key).ToLowerInvariant();
            using MosquittoBroker broker = MosquittoBroker.Start(ids, Terminals + 100);
            long rssEmpty = broker.ResidentKiB();

            var boards = new EventBoard[Terminals];
            for (int i = 0; i < Terminals; i++)
            {
                boards[i] = new EventBoard(new SimFlash()) { TerminalId = ids[i] };
                boards[i].JoinFleet(broker.Address, broker.Password(ids[i]));
            }
            var connectWatch = Stopwatch.StartNew();
            var onlineAt = new double[Terminals];
            foreach (EventBoard b in boards) b.PowerOn();
            int online = 0;
            var roundTimes = new List<double>();
            while (online < Terminals && connectWatch.Elapsed < TimeSpan.FromMinutes(3))
            {
                var round = Stopwatch.StartNew();
                online = 0;
                for (int i = 0; i < Terminals; i++)
                {
                    boards[i].Advance(SimBoard.LoopPeriodMicros);
                    if (boards[i].Terminal.Fleet.Online)
                    {
                        if (onlineAt[i] == 0) onlineAt[i] = connectWatch.Elapsed.TotalMilliseconds;
                        online++;
                    }
                }
                roundTimes.Add(round.Elapsed.TotalMilliseconds);
            }
            double connectAll = connectWatch.Elapsed.TotalSeconds;
            if (online < Terminals) throw new InvalidOperationException("only " + online + " terminals came online");
            foreach (EventBoard b in boards)
            {
                // A technician provisions each: the first technician code, a login, then the key (issue 10).
                Tools.Checks.Security.Technician.Provision(b);
                b.SendConsoleLine("set-fleet-key " + keyHex);
            }
            Rounds(boards, 200);
            long rssConnected = broker.ResidentKiB();

            IMqttClient fleet = new MqttClientFactory().CreateMqttClient();
            var acks = new ConcurrentDictionary<string, long>();
            fleet.ApplicationMessageReceivedAsync += e =>
            {
                string text = Encoding.UTF8.GetString(e.ApplicationMessage.Payload.ToArray());
                string id = EventLog.IdOf(text);
                if (id != null) acks.TryAdd(id, Stopwatch.GetTimestamp());
                return System.Threading.Tasks.Task.CompletedTask;
            };
            fleet.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.DeskPort).WithProtocolVersion(MqttProtocolVersion.V311)
                .WithClientId("bench-fleet").WithCredentials(MosquittoBroker.FleetUser, broker.Password(MosquittoBroker.FleetUser)).Build()).GetAwaiter().GetResult();
            fleet.SubscribeAsync("pos/+/ack", MqttQualityOfServiceLevel.AtLeastOnce).GetAwaiter().GetResult();
            long exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
            long seq = 1;

            // One terminal, one command at a time (the others keep running their loops).
            var one = new List<double>();
            for (int n = 0; n < 50; n++)
            {
                string id = "one-" + n;
                long sent = Stopwatch.GetTimestamp();
                Publish(fleet, ids[0], FleetDesk.SignedCommand(ids[0], key, id, seq++, exp, "status", ""));
                var wait = Stopwatch.StartNew();
                while (!acks.ContainsKey(id) && wait.Elapsed < TimeSpan.FromSeconds(10))
                {
                    boards[0].Advance(SimBoard.LoopPeriodMicros);
                    Thread.Sleep(0);
                }
                one.Add(Stopwatch.GetElapsedTime(sent, acks[id]).TotalMilliseconds);
            }

            // All terminals at once.
            var sentAt = new long[Terminals];
            for (int i = 0; i < Terminals; i++)
            {
                sentAt[i] = Stopwatch.GetTimestamp();
                Publish(fleet, ids[i], FleetDesk.SignedCommand(ids[i], key, "all-" + i, seq, exp, "status", ""));
            }
            seq++;
            var allWatch = Stopwatch.StartNew();
            var allRounds = new List<double>();
            while (acks.Keys.Count(k => k.StartsWith("all-", StringComparison.Ordinal)) < Terminals && allWatch.Elapsed < TimeSpan.FromMinutes(2))
            {
                var round = Stopwatch.StartNew();
                Rounds(boards, 1);
                allRounds.Add(round.Elapsed.TotalMilliseconds);
            }
            var all = new List<double>();
            for (int i = 0; i < Terminals; i++)
            {
                if (acks.TryGetValue("all-" + i, out long at)) all.Add(Stopwatch.GetElapsedTime(sentAt[i], at).TotalMilliseconds);
            }
            long rssAfter = broker.ResidentKiB();

            // Bytes per event: one factory reset on terminal 0 (an audited, reported transition).
            long publishedBefore = boards[0].FleetLink.PublishedBytes;
            // The technician's session may have timed out in the terminal's virtual time: log in again.
            Tools.Checks.Security.Technician.LogIn(boards[0]);
            boards[0].SendConsoleLine("factory-reset");
            string[] reset = boards[0].SendConsoleLine("factory-reset confirm");
            if (reset.Length != 1 || reset[0] != "ok: factory reset done") throw new InvalidOperationException("factory reset: " + string.Join(" | ", reset));
            uint number;
            byte[] payload = boards[0].Terminal.Fleet.Outbox.PeekOldest(out number);
            if (payload == null) throw new InvalidOperationException("the factory reset left no event in the outbox");
            Rounds(boards.Take(1).ToArray(), 100);
            string topic = "pos/" + ids[0] + "/events";
            int wire = 2 + 2 + topic.Length + 2 + payload.Length; // fixed header (2 for < 128 bytes... see note), topic, packet id, payload
            if (2 + topic.Length + 2 + payload.Length >= 128) wire += 1;
            int flash = LogFormat.RecordSize(5 + payload.Length);
            fleet.Dispose();
            foreach (EventBoard b in boards) b.PowerOff();

            string md = Report(connectAll, onlineAt, roundTimes, one, all, allRounds, rssEmpty, rssConnected, rssAfter, payload.Length, wire, flash);
            Console.WriteLine(md);
            BenchReport.WriteSection(BenchReport.DefaultPath(), Name, md);
            return all.Count == Terminals ? 0 : 1;
        }

        private static void Rounds(EventBoard[] boards, int rounds)
        {
            for (int r = 0; r < rounds; r++)
            {
                foreach (EventBoard b in boards) b.Advance(SimBoard.LoopPeriodMicros);
                Thread.Sleep(0);
            }
        }

        private static void Publish(IMqttClient client, string terminalId, byte[] payload)
        {
            client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("pos/" + terminalId + "/cmd").WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build()).GetAwaiter().GetResult();
        }

        private static double Percentile(List<double> values, double p)
        {
            if (values.Count == 0) return double.NaN;
            var sorted = values.OrderBy(v => v).ToList();
            return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
        }

        private static string Report(double connectAll, double[] onlineAt, List<double> roundTimes, List<double> one, List<double> all,
            List<double> allRounds, long rssEmpty, long rssConnected, long rssAfter, int payload, int wire, int flash)
        {
            string F(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);
            var s = new StringBuilder();
            s.AppendLine("## Fleet (`dotnet run -c Release --project tools/bench -- --bench fleet`)");
            s.AppendLine();
            s.AppendLine("1,000 simulated terminals (EventBoard, the real firmware, one MQTTnet 5 link each, MQTT 3.1.1, QoS 1) in one");
            s.AppendLine("process against one Mosquitto " + "2.0 on loopback, on this machine (2 cores). The terminals' main loops run round-robin on");
            s.AppendLine("one thread, so every latency includes waiting for the terminal's next loop pass (round time below). No fd");
            s.AppendLine("limit had to be raised: the soft limit here is 20,000 (`ulimit -n`); elsewhere raise it with `ulimit -n 4096`");
            s.AppendLine("in the shell that runs the benchmark (Mosquitto inherits it).");
            s.AppendLine();
            s.AppendLine("| figure | value |");
            s.AppendLine("| --- | --- |");
            s.AppendLine("| connect: all 1,000 online after | " + F(connectAll) + " s |");
            s.AppendLine("| connect: per terminal, from power-on, p50 / p99 | " + F(Percentile(onlineAt.ToList(), 0.5)) + " / " + F(Percentile(onlineAt.ToList(), 0.99)) + " ms |");
            s.AppendLine("| loop round over 1,000 terminals while connecting, p50 | " + F(Percentile(roundTimes, 0.5)) + " ms |");
            s.AppendLine("| command to ack, one terminal (50 status commands), p50 / p99 | " + F(Percentile(one, 0.5)) + " / " + F(Percentile(one, 0.99)) + " ms |");
            s.AppendLine("| command to ack, all 1,000 at once, p50 / p99 (acks " + all.Count + "/1000) | " + F(Percentile(all, 0.5)) + " / " + F(Percentile(all, 0.99)) + " ms |");
            s.AppendLine("| loop round over 1,000 terminals under that load, p50 | " + F(Percentile(allRounds, 0.5)) + " ms |");
            s.AppendLine("| broker VmRSS: empty / 1,000 connected / after the commands | " + rssEmpty + " / " + rssConnected + " / " + rssAfter + " KiB |");
            s.AppendLine("| terminal side, one event (factory-reset): JSON payload / MQTT PUBLISH on the wire / outbox record in flash | " + payload + " / " + wire + " / " + flash + " bytes |");
            s.AppendLine();
            s.AppendLine("The wire figure is the PUBLISH packet (fixed header, topic, packet id, payload) without TCP/TLS; its PUBACK is 4 bytes.");
            s.AppendLine("The flash figure is the LogStore record (header, payload padded to 4, CRC); delivery deletes it (one tombstone record).");
            return s.ToString();
        }
    }
}

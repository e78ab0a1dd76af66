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
            var machine = new Machine(Environment.ProcessorCount, OpenFilesLimit("self"), OpenFilesLimit(broker.ProcessId.ToString(CultureInfo.InvariantCulture)), MosquittoVersion(), LoadAverage());

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

            // One terminal, one command at a time. Only boards[0]'s loop runs meanwhile: the other
            // 999 stay connected (MQTTnet answers the keep-alive on its own threads) but idle, so
            // this is the one-terminal path without the round over the rest.
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

            string md = Report(machine, connectAll, onlineAt, roundTimes, one, all, allRounds, rssEmpty, rssConnected, rssAfter, payload.Length, wire, flash);
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

        /// <summary>What the figures were measured on: cores, open-files limits (soft, hard) of this process and the broker, Mosquitto's version.</summary>
        private sealed record Machine(int Cores, (long Soft, long Hard) Bench, (long Soft, long Hard) Broker, string Mosquitto, string Load);

        /// <summary>The 1-minute load average of /proc/loadavg at the start: other work on the machine shows in every figure.</summary>
        private static string LoadAverage()
        {
            try
            {
                return System.IO.File.ReadAllText("/proc/loadavg").Split(' ')[0];
            }
            catch (System.IO.IOException)
            {
                return "unknown";
            }
        }

        /// <summary>"Max open files" of /proc/PID/limits: the soft and hard limit (-1: unlimited or unreadable).</summary>
        private static (long Soft, long Hard) OpenFilesLimit(string pid)
        {
            try
            {
                foreach (string line in System.IO.File.ReadAllLines("/proc/" + pid + "/limits"))
                {
                    if (!line.StartsWith("Max open files", StringComparison.Ordinal)) continue;
                    string[] parts = line.Substring("Max open files".Length).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return (Limit(parts[0]), Limit(parts[1]));
                }
            }
            catch (System.IO.IOException)
            {
            }
            return (-1, -1);
        }

        private static long Limit(string text) => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? n : -1;

        /// <summary>"2.0.11" from `mosquitto -h`'s first line ("mosquitto version 2.0.11").</summary>
        private static string MosquittoVersion()
        {
            var info = new ProcessStartInfo(MosquittoBroker.Executable(), "-h") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            using Process p = Process.Start(info);
            string text = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
            p.WaitForExit();
            const string marker = "mosquitto version ";
            int at = text.IndexOf(marker, StringComparison.Ordinal);
            return at < 0 ? "(version unknown)" : text.Substring(at + marker.Length).Split('\n')[0].Trim();
        }

        private static string Report(Machine machine, double connectAll, double[] onlineAt, List<double> roundTimes, List<double> one, List<double> all,
            List<double> allRounds, long rssEmpty, long rssConnected, long rssAfter, int payload, int wire, int flash)
        {
            string F(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);
            var s = new StringBuilder();
            s.AppendLine("## Fleet (`dotnet run -c Release --project tools/bench -- --bench fleet`)");
            s.AppendLine();
            s.AppendLine("1,000 simulated terminals (EventBoard, the real firmware, one MQTTnet 5 link each, MQTT 3.1.1, QoS 1) in one");
            string N(long v) => v < 0 ? "unlimited" : v.ToString("N0", CultureInfo.InvariantCulture);
            s.AppendLine("process against one Mosquitto " + machine.Mosquitto + " on loopback, on this machine (" + machine.Cores + " cores, Environment.ProcessorCount;");
            s.AppendLine("load average " + machine.Load + " at the start, /proc/loadavg: other work on the machine is in every figure).");
            s.AppendLine("The terminals' main loops run round-robin on one thread, so every latency includes waiting for the terminal's");
            s.AppendLine("next loop pass (round time below); the one-terminal figure runs only that terminal's loop. Each side holds a");
            s.AppendLine("socket per terminal: the open-files limit (soft / hard, `ulimit -n` / `ulimit -Hn`) was " + N(machine.Bench.Soft) + " / " + N(machine.Bench.Hard));
            s.AppendLine("for the benchmark and " + N(machine.Broker.Soft) + " / " + N(machine.Broker.Hard) + " for Mosquitto (it inherits it). Below about " + N(Terminals + 200)
                + ", raise it with `ulimit -n 4096` in the shell that runs the benchmark.");
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

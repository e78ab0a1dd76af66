using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace PosTerminal.Tools.Checks.Fleet
{
    /// <summary>
    /// A private Mosquitto (Debian package `mosquitto`, 2.0) for one test run or benchmark: a
    /// free loopback port, a generated configuration in a temporary folder, a password per
    /// terminal and one for the fleet tool (mosquitto_passwd -U hashes the file in one go),
    /// and the ACL of docs/fleet.md: a terminal reads only pos/ITS-ID/cmd and writes only its
    /// own ack, state and events (patterns with %u: the user name is the terminal id); the
    /// fleet user writes every cmd and reads every ack, state and events.
    /// Persistence is on, so Restart keeps sessions and queued messages as a real broker would.
    /// Dispose stops it and deletes the folder.
    /// </summary>
    public sealed class MosquittoBroker : IDisposable
    {
        public const string FleetUser = "fleet";

        private readonly Dictionary<string, string> _passwords = new Dictionary<string, string>();
        private Process _process;

        private MosquittoBroker(string folder, int port)
        {
            Folder = folder;
            Port = port;
        }

        public string Folder { get; }
        public int Port { get; }
        public string Host => "127.0.0.1";
        public string Address => Host + ":" + Port;

        /// <summary>The password of a user (a terminal id, or FleetUser).</summary>
        public string Password(string user) => _passwords[user];

        public int ProcessId => _process?.Id ?? 0;

        public static string Executable()
        {
            foreach (string path in new[] { "/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto" })
            {
                if (File.Exists(path)) return path;
            }
            throw new InvalidOperationException("mosquitto is not installed: run tools/run-tests.sh (it installs the Debian package) or apt-get install mosquitto");
        }

        /// <summary>Starts a broker that knows these terminal ids and the fleet user.</summary>
        public static MosquittoBroker Start(IEnumerable<string> terminalIds, int maxConnections = 2000)
        {
            string folder = Path.Combine(Path.GetTempPath(), "posterm-mqtt-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            Directory.CreateDirectory(folder);
            var broker = new MosquittoBroker(folder, FreePort());
            broker.Configure(terminalIds, maxConnections);
            broker.Launch();
            return broker;
        }

        private void Configure(IEnumerable<string> terminalIds, int maxConnections)
        {
            var plain = new List<string>();
            foreach (string user in Users(terminalIds))
            {
                string password = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();
                _passwords[user] = password;
                plain.Add(user + ":" + password);
            }
            string passwd = Path.Combine(Folder, "passwd");
            File.WriteAllLines(passwd, plain);
            Run("mosquitto_passwd", "-U " + Quote(passwd));
            File.WriteAllText(Path.Combine(Folder, "acl"),
                "# The fleet tool: commands to every terminal, answers, state and events from every terminal.\n" +
                "user " + FleetUser + "\n" +
                "topic write pos/+/cmd\n" +
                "topic read pos/+/ack\n" +
                "topic read pos/+/state\n" +
                "topic read pos/+/events\n" +
                "\n" +
                "# Every terminal, by its user name (= its terminal id): its own topics only.\n" +
                "pattern read pos/%u/cmd\n" +
                "pattern write pos/%u/ack\n" +
                "pattern write pos/%u/state\n" +
                "pattern write pos/%u/events\n");
            bool root = Environment.UserName == "root";
            File.WriteAllText(Path.Combine(Folder, "mosquitto.conf"),
                (root ? "user root\n" : "") +
                "listener " + Port + " 127.0.0.1\n" +
                "allow_anonymous false\n" +
                "password_file " + Path.Combine(Folder, "passwd") + "\n" +
                "acl_file " + Path.Combine(Folder, "acl") + "\n" +
                "persistence true\n" +
                "persistence_location " + Folder + "/\n" +
                "autosave_interval 1\n" +
                "max_queued_messages 10000\n" +
                "max_inflight_messages 20\n" +
                "max_connections " + maxConnections + "\n" +
                "log_dest file " + Path.Combine(Folder, "mosquitto.log") + "\n" +
                "log_type error\nlog_type warning\nlog_type notice\n");
        }

        private static IEnumerable<string> Users(IEnumerable<string> terminalIds)
        {
            yield return FleetUser;
            foreach (string id in terminalIds) yield return id;
        }

        private void Launch()
        {
            var info = new ProcessStartInfo(Executable(), "-c " + Quote(Path.Combine(Folder, "mosquitto.conf")))
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            _process = Process.Start(info);
            _process.OutputDataReceived += (s, e) => { };
            _process.ErrorDataReceived += (s, e) => { };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < TimeSpan.FromSeconds(10))
            {
                if (_process.HasExited) throw new InvalidOperationException("mosquitto exited at start: " + Log());
                try
                {
                    using var client = new TcpClient();
                    client.Connect(IPAddress.Loopback, Port);
                    return;
                }
                catch (SocketException)
                {
                    Thread.Sleep(20);
                }
            }
            throw new TimeoutException("mosquitto did not listen on " + Address + ": " + Log());
        }

        /// <summary>Stops the broker (SIGTERM: it saves its persistence file) and starts it again on the same port.</summary>
        public void Restart()
        {
            Stop();
            Launch();
        }

        public void Stop()
        {
            if (_process == null) return;
            if (!_process.HasExited)
            {
                Run("kill", "-TERM " + _process.Id);
                if (!_process.WaitForExit(5000)) _process.Kill();
                _process.WaitForExit();
            }
            _process.Dispose();
            _process = null;
        }

        /// <summary>The broker's resident memory (VmRSS of /proc/PID/status) in KiB.</summary>
        public long ResidentKiB()
        {
            foreach (string line in File.ReadAllLines("/proc/" + _process.Id + "/status"))
            {
                if (!line.StartsWith("VmRSS:", StringComparison.Ordinal)) continue;
                string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return long.Parse(parts[1]);
            }
            return -1;
        }

        public string Log()
        {
            string path = Path.Combine(Folder, "mosquitto.log");
            return File.Exists(path) ? File.ReadAllText(path) : "(no log)";
        }

        public void Dispose()
        {
            Stop();
            try
            {
                Directory.Delete(Folder, true);
            }
            catch (IOException)
            {
            }
        }

        private static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        private static void Run(string file, string arguments)
        {
            var info = new ProcessStartInfo(file, arguments) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            using Process p = Process.Start(info);
            string err = p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0) throw new InvalidOperationException(file + " " + arguments + " failed: " + err);
        }

        private static string Quote(string path) => "\"" + path + "\"";
    }
}

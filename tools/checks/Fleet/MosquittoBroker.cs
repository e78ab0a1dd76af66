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
    /// A private Mosquitto (Debian package `mosquitto`, 2.0) for one test run or benchmark, with
    /// the configuration of docs/fleet.md generated in a temporary folder: two loopback
    /// listeners (per_listener_settings), one for terminals and one for the service desk, each
    /// with its own password file (mosquitto_passwd -U hashes it in one go) and ACL. On the
    /// terminals' listener the client id is the user name (use_username_as_clientid), so one
    /// terminal's password cannot take over another's persistent session, and a terminal reads
    /// only pos/ITS-ID/cmd and writes only its own ack, state and events (patterns with %u).
    /// On the desk's listener only the fleet user logs in: it writes every cmd and reads every
    /// ack, state and events.
    /// Persistence is on, so Restart keeps sessions and queued messages as a real broker would.
    /// Dispose stops it and deletes the folder.
    /// </summary>
    public sealed class MosquittoBroker : IDisposable
    {
        public const string FleetUser = "fleet";

        private readonly Dictionary<string, string> _passwords = new Dictionary<string, string>();
        private Process _process;

        private MosquittoBroker(string folder, int port, int deskPort)
        {
            Folder = folder;
            Port = port;
            DeskPort = deskPort;
        }

        public string Folder { get; }

        /// <summary>The terminals' listener (terminal users only; client id = user name).</summary>
        public int Port { get; }

        /// <summary>The service desk's listener (the fleet user only).</summary>
        public int DeskPort { get; }

        public string Host => "127.0.0.1";

        /// <summary>HOST:PORT of the terminals' listener (the simulator's --broker).</summary>
        public string Address => Host + ":" + Port;

        /// <summary>HOST:PORT of the desk's listener (the fleet tool's --broker).</summary>
        public string DeskAddress => Host + ":" + DeskPort;

        /// <summary>The listener a user logs in on: the desk's for FleetUser, the terminals' for a terminal id.</summary>
        public int PortFor(string user) => user == FleetUser ? DeskPort : Port;

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
            int port = FreePort();
            int deskPort = FreePort();
            while (deskPort == port) deskPort = FreePort();
            var broker = new MosquittoBroker(folder, port, deskPort);
            broker.Configure(terminalIds, maxConnections);
            broker.Launch();
            return broker;
        }

        private void Configure(IEnumerable<string> terminalIds, int maxConnections)
        {
            var terminals = new List<string>();
            foreach (string id in terminalIds) terminals.Add(id + ":" + NewPassword(id));
            var desk = new List<string> { FleetUser + ":" + NewPassword(FleetUser) };
            WritePasswords("passwd-terminals", terminals);
            WritePasswords("passwd-desk", desk);
            File.WriteAllText(Path.Combine(Folder, "acl-terminals"), TerminalAcl);
            File.WriteAllText(Path.Combine(Folder, "acl-desk"), DeskAcl);
            bool root = Environment.UserName == "root";
            File.WriteAllText(Path.Combine(Folder, "mosquitto.conf"),
                (root ? "user root\n" : "") +
                "# Each listener has its own users and ACL (must come before the listeners).\n" +
                "per_listener_settings true\n" +
                "persistence true\n" +
                "persistence_location " + Folder + "/\n" +
                "autosave_interval 1\n" +
                "max_queued_messages 10000\n" +
                "max_inflight_messages 20\n" +
                "log_dest file " + Path.Combine(Folder, "mosquitto.log") + "\n" +
                "log_type error\nlog_type warning\nlog_type notice\n" +
                "\n" +
                "# Terminals: the client id is replaced by the user name, so a terminal can neither take\n" +
                "# over another's persistent session (and its queued commands) nor disconnect it.\n" +
                "listener " + Port + " 127.0.0.1\n" +
                "use_username_as_clientid true\n" +
                "allow_anonymous false\n" +
                "password_file " + Path.Combine(Folder, "passwd-terminals") + "\n" +
                "acl_file " + Path.Combine(Folder, "acl-terminals") + "\n" +
                "max_connections " + maxConnections + "\n" +
                "\n" +
                "# The service desk: only the fleet user, which picks its own client ids (fleet-events-ID ...).\n" +
                "listener " + DeskPort + " 127.0.0.1\n" +
                "allow_anonymous false\n" +
                "password_file " + Path.Combine(Folder, "passwd-desk") + "\n" +
                "acl_file " + Path.Combine(Folder, "acl-desk") + "\n" +
                "max_connections 100\n");
        }

        /// <summary>The terminals' listener's ACL: by user name (= terminal id), its own topics only.</summary>
        public const string TerminalAcl =
            "pattern read pos/%u/cmd\n" +
            "pattern write pos/%u/ack\n" +
            "pattern write pos/%u/state\n" +
            "pattern write pos/%u/events\n";

        /// <summary>The desk's listener's ACL: commands to every terminal; answers, state and events from every terminal.</summary>
        public const string DeskAcl =
            "user " + FleetUser + "\n" +
            "topic write pos/+/cmd\n" +
            "topic read pos/+/ack\n" +
            "topic read pos/+/state\n" +
            "topic read pos/+/events\n";

        private string NewPassword(string user)
        {
            string password = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();
            _passwords[user] = password;
            return password;
        }

        /// <summary>user:password lines, hashed in place by mosquitto_passwd -U.</summary>
        private void WritePasswords(string name, List<string> plain)
        {
            string path = Path.Combine(Folder, name);
            File.WriteAllLines(path, plain);
            Run("mosquitto_passwd", "-U " + Quote(path));
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
                if (Listens(Port) && Listens(DeskPort)) return;
                Thread.Sleep(20);
            }
            throw new TimeoutException("mosquitto did not listen on " + Address + " and " + DeskAddress + ": " + Log());
        }

        private static bool Listens(int port)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }

        /// <summary>Stops the broker (SIGTERM: it saves its persistence file) and starts it again on the same ports.</summary>
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

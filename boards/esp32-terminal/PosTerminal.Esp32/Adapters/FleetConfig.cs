using System.IO;
using PosTerminal.Firmware.Fleet;
using PosTerminal.Firmware.Json;

namespace PosTerminal.Esp32.Adapters
{
    /// <summary>
    /// The fleet link's provisioning, two files a technician puts on the I: drive with
    /// `nanoff --filedeployment FILE.json` (nanoFirmwareFlasher Options.cs, "filedeployment";
    /// FileDeployment/DeploymentFile.cs: DestinationFilePath, SourceFilePath):
    ///   I:\fleet.json    {"ssid": "...", "wifiPassword": "...", "broker": "mqtt.bank.example",
    ///                     "port": 8883, "brokerPassword": "..."}   (read with the strict JsonReader)
    ///   I:\fleet-ca.pem  the CA that signed the broker's certificate: the only CA trusted (pinned).
    /// No file, no link: the terminal works without a fleet. The broker user is the terminal id.
    /// </summary>
    internal sealed class FleetConfig
    {
        public const string ConfigPath = "I:\\fleet.json";
        public const string CaPath = "I:\\fleet-ca.pem";

        private static readonly string[] Members = new string[] { "ssid", "wifiPassword", "broker", "port", "brokerPassword" };

        public string Ssid { get; private set; }
        public string WifiPassword { get; private set; }
        public string Broker { get; private set; }
        public int Port { get; private set; }
        public string BrokerPassword { get; private set; }
        public string CaPem { get; private set; }

        /// <summary>The configuration, or null (problem says why; null problem: not provisioned).</summary>
        public static FleetConfig Load(out string problem)
        {
            problem = null;
            if (!File.Exists(ConfigPath)) return null;
            string error;
            JsonNode root = JsonReader.Parse(ReadText(ConfigPath), out error);
            if (root == null || root.Kind != JsonKind.Object || root.UnknownMember(Members) != null)
            {
                problem = "fleet.json: " + (error != null ? error : "an object with ssid, wifiPassword, broker, port, brokerPassword");
                return null;
            }
            FleetConfig config = new FleetConfig();
            config.Ssid = Text(root, "ssid");
            config.WifiPassword = Text(root, "wifiPassword");
            config.Broker = Text(root, "broker");
            config.BrokerPassword = Text(root, "brokerPassword");
            JsonNode port = root.Get("port");
            config.Port = port != null && port.Kind == JsonKind.Integer && port.Integer > 0 && port.Integer < 65536 ? (int)port.Integer : 0;
            // WPA2/WPA3 personal passphrases are 8-63 characters: an open network has none, so
            // a configuration without one is refused before any scan.
            if (config.Ssid == null || config.WifiPassword == null || config.WifiPassword.Length < 8 || config.WifiPassword.Length > 63)
            {
                problem = "fleet.json: ssid and a wifiPassword of 8-63 characters are required (open networks are refused)";
                return null;
            }
            if (config.Broker == null || config.Port == 0 || config.BrokerPassword == null)
            {
                problem = "fleet.json: broker, port (e.g. 8883) and brokerPassword are required";
                return null;
            }
            if (!File.Exists(CaPath))
            {
                problem = "fleet-ca.pem missing: TLS needs the pinned CA";
                return null;
            }
            config.CaPem = ReadText(CaPath);
            return config;
        }

        private static string Text(JsonNode root, string name)
        {
            JsonNode node = root.Get(name);
            return node != null && node.Kind == JsonKind.String && node.String.Length > 0 ? node.String : null;
        }

        private static string ReadText(string path)
        {
            using (FileStream file = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                byte[] bytes = new byte[(int)file.Length];
                int read = 0;
                while (read < bytes.Length)
                {
                    int n = file.Read(bytes, read, bytes.Length - read);
                    if (n <= 0) break;
                    read += n;
                }
                string text = Utf8.Decode(bytes);
                return text == null ? string.Empty : text;
            }
        }
    }
}

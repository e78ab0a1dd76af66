using System;
using System.Globalization;

namespace PosTerminal.Virtual.Fleet
{
    /// <summary>
    /// Where and as whom a simulated terminal joins the fleet: --broker HOST:PORT and
    /// --terminal-id ID on the simulator's command line (the user name is the terminal id, as
    /// the broker's ACL expects); the password comes from the environment
    /// (POSTERM_BROKER_PASSWORD), never from the command line or a file.
    /// </summary>
    public sealed class FleetLinkSettings
    {
        /// <summary>The environment variable a simulator run may take the broker password from.</summary>
        public const string PasswordVariable = "POSTERM_BROKER_PASSWORD";

        public string Host { get; set; } = "127.0.0.1";
        public int Port { get; set; } = 1883;

        /// <summary>The broker user: the terminal id.</summary>
        public string Username { get; set; }

        public string Password { get; set; }

        /// <summary>MQTT keep-alive: how soon the broker notices a silent terminal and publishes its will.</summary>
        public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(15);

        public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>"HOST:PORT" (also "[::1]:PORT"); throws FormatException with the rule.</summary>
        public static FleetLinkSettings Parse(string broker, string terminalId, string password)
        {
            int colon = broker == null ? -1 : broker.LastIndexOf(':');
            int port;
            if (colon <= 0 || !int.TryParse(broker.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port)
                || port < 1 || port > 65535)
            {
                throw new FormatException("--broker takes HOST:PORT, e.g. 127.0.0.1:1883");
            }
            string host = broker.Substring(0, colon).Trim('[', ']');
            return new FleetLinkSettings { Host = host, Port = port, Username = terminalId, Password = password };
        }

        /// <summary>The password from POSTERM_BROKER_PASSWORD (null: none set).</summary>
        public static string PasswordFromEnvironment()
        {
            string fromEnvironment = Environment.GetEnvironmentVariable(PasswordVariable);
            return string.IsNullOrEmpty(fromEnvironment) ? null : fromEnvironment;
        }
    }
}

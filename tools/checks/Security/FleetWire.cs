using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PosTerminal.Firmware.Fleet;
using PosTerminal.Virtual.Fleet;

namespace PosTerminal.Tools.Checks.Security
{
    /// <summary>
    /// The fleet's side of a check, the broker left out: an InstantLink the terminal's
    /// FleetAgent connects to while it is plugged in, addressed by terminal id, and a desk that
    /// signs commands with the fleet key the way the service desk does (HMAC-SHA256 over the
    /// firmware's own FleetCommand.Canonical).
    /// </summary>
    public sealed class FleetWire : InstantLink
    {
        /// <summary>A command arrives on pos/ID/cmd, as the broker delivers it.</summary>
        public void DeliverCommand(string terminalId, byte[] command)
        {
            Deliver(new FleetTopics(terminalId).Command, command);
        }

        /// <summary>The "code" of the terminal's ack for command id ("done", "replayed", ...), or null when none was published.</summary>
        public string AckCode(string terminalId, string id)
        {
            string ack = AckFor(new FleetTopics(terminalId).Ack, id);
            if (ack == null) return null;
            using JsonDocument doc = JsonDocument.Parse(ack);
            return doc.RootElement.GetProperty("code").GetString();
        }

        /// <summary>A command as the desk signs it: the MAC is HMAC-SHA256 under the fleet key over FleetCommand.Canonical.</summary>
        public static byte[] Signed(string terminalId, byte[] key, string id, long seq, long expires, string op, string arg)
        {
            byte[] mac = HMACSHA256.HashData(key, FleetCommand.Canonical(terminalId, id, seq, expires, op, arg ?? ""));
            var doc = new Dictionary<string, object> { ["v"] = 1, ["id"] = id, ["seq"] = seq, ["exp"] = expires, ["op"] = op };
            if (!string.IsNullOrEmpty(arg)) doc["arg"] = arg;
            doc["mac"] = Convert.ToHexString(mac).ToLowerInvariant();
            return JsonSerializer.SerializeToUtf8Bytes(doc);
        }
    }
}

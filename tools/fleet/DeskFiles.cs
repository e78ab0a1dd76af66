using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using PosTerminal.Firmware.Fleet;

namespace PosTerminal.Tools.Fleet
{
    /// <summary>The files the desk keeps secrets and state in (never the command line).</summary>
    public static class DeskFiles
    {
        /// <summary>--keys FILE: {"PT000001": "64 hex digits", ...}.</summary>
        public static byte[] Key(string keysFile, string terminalId)
        {
            if (keysFile == null) throw new DeskException("--keys FILE is needed to sign commands (a JSON object: terminal id -> 64 hex digits)");
            Dictionary<string, string> keys;
            try
            {
                keys = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(keysFile));
            }
            catch (Exception e) when (e is IOException || e is JsonException || e is UnauthorizedAccessException)
            {
                throw new DeskException("cannot read the keys file: " + e.Message);
            }
            if (keys == null || !keys.TryGetValue(terminalId, out string hex)) throw new DeskException("no key for " + terminalId + " in the keys file");
            byte[] key = FleetHex.Parse(hex, CommandGuard.KeyBytes);
            if (key == null) throw new DeskException("the key for " + terminalId + " is not 64 hex digits");
            return key;
        }

        /// <summary>--credentials FILE: {"username": "fleet", "password": "..."}.</summary>
        public static (string User, string Password) Credentials(string file)
        {
            if (file == null) throw new DeskException("--credentials FILE is needed (JSON: {\"username\": ..., \"password\": ...})");
            try
            {
                using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(file));
                return (doc.RootElement.GetProperty("username").GetString(), doc.RootElement.GetProperty("password").GetString());
            }
            catch (Exception e) when (e is IOException || e is JsonException || e is KeyNotFoundException || e is InvalidOperationException)
            {
                throw new DeskException("cannot read the credentials file: " + e.Message);
            }
        }

        public static string DefaultDataFolder()
        {
            string root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            return Path.Combine(root, "PosTerminal", "fleet");
        }

        /// <summary>
        /// The next command sequence for a terminal: above every one this desk used, and at least
        /// the current Unix time in ms, so desks that share no state still send rising numbers.
        /// </summary>
        public static long NextSequence(string dataFolder, string terminalId)
        {
            Directory.CreateDirectory(dataFolder);
            string path = Path.Combine(dataFolder, "seq-" + terminalId + ".txt");
            long last = File.Exists(path) && long.TryParse(File.ReadAllText(path).Trim(), out long stored) ? stored : 0;
            long next = Math.Max(last + 1, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            File.WriteAllText(path, next.ToString());
            return next;
        }
    }

    /// <summary>A problem to print and exit on (usage, files): exit code 2.</summary>
    public sealed class DeskException : Exception
    {
        public DeskException(string message) : base(message)
        {
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using PosTerminal.Firmware.Text;
using PosTerminal.Virtual.Flash;
using PosTerminal.Virtual.Script;

using PosTerminal.Virtual;

namespace PosTerminal.Tools.Checks.Security
{
    /// <summary>
    /// Looks for secrets in a raw flash image in every form firmware might store digits in:
    /// ASCII, UTF-16 (both byte orders), packed BCD (both nibble orders, odd lengths padded
    /// with 0 in front or F behind), and the number as a binary integer (both byte orders).
    /// </summary>
    public static class SecretScan
    {
        /// <summary>The forms of digits, by name.</summary>
        public static Dictionary<string, byte[]> Forms(string digits)
        {
            var forms = new Dictionary<string, byte[]>
            {
                ["ascii"] = Encoding.ASCII.GetBytes(digits),
                ["utf16le"] = Encoding.Unicode.GetBytes(digits),
                ["utf16be"] = Encoding.BigEndianUnicode.GetBytes(digits),
            };
            string even = digits.Length % 2 == 0 ? digits : "0" + digits;
            forms["bcd"] = Bcd(even, false);
            forms["bcd-swapped"] = Bcd(even, true);
            if (digits.Length % 2 != 0) forms["bcd-f-padded"] = Bcd(digits + "F", false);
            ulong value = ulong.Parse(digits);
            byte[] le = BitConverter.GetBytes(value);
            int width = value <= uint.MaxValue ? 4 : 8;
            byte[] little = new byte[width];
            Array.Copy(le, little, width);
            byte[] big = (byte[])little.Clone();
            Array.Reverse(big);
            forms["binary-le"] = little;
            forms["binary-be"] = big;
            return forms;
        }

        /// <summary>The names of the forms of secret found in image (empty: none).</summary>
        public static List<string> Find(byte[] image, string secret)
        {
            var found = new List<string>();
            foreach (var form in Forms(secret))
            {
                if (image.AsSpan().IndexOf(form.Value) >= 0) found.Add(form.Key);
            }
            return found;
        }

        private static byte[] Bcd(string digits, bool swapped)
        {
            byte[] bytes = new byte[digits.Length / 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                int hi = Convert.ToInt32(digits[2 * i].ToString(), 16);
                int lo = Convert.ToInt32(digits[2 * i + 1].ToString(), 16);
                bytes[i] = (byte)(swapped ? (lo << 4) | hi : (hi << 4) | lo);
            }
            return bytes;
        }
    }

    /// <summary>
    /// A session that handles every secret the terminal knows, run as a script on the fast
    /// board: passwords set and changed, wrong guesses, the unlock code set and changed, the
    /// terminal locked and unlocked on the keypad, cards typed and swiped, bound and one
    /// deregistered, a backup, a reboot. Then the flash image and the console's output are
    /// scanned for each secret.
    /// </summary>
    public sealed class SecretSession
    {
        public static readonly string[] Passwords = { "135790", "24681357" };
        public static readonly string[] WrongGuesses = { "97531864" };
        public static readonly string[] UnlockCodes = { "80417263", "91528374" };
        public static readonly string[] WrongCodes = { "11223354" };
        public static readonly string[] TechnicianCodes = { "73920418", "62810397" };
        public static readonly string[] WrongTechnicianCodes = { "73920419" };
        public static readonly string[] Cards = { "6222021234567894", "6228480012345678903", "4000001234567899" };

        public static string Script
        {
            get
            {
                return string.Join("\n",
                    "console set-technician-code " + TechnicianCodes[0],
                    "console login " + TechnicianCodes[0],
                    "MENU 123456 ENTER " + Passwords[0] + " ENTER " + Passwords[0] + " ENTER ENTER",
                    "2 " + Passwords[1] + " ENTER " + Passwords[1] + " ENTER ENTER CANCEL",
                    "MENU " + WrongGuesses[0] + " ENTER ENTER CANCEL",
                    "console set-unlock-code " + UnlockCodes[0],
                    "console set-unlock-code " + UnlockCodes[0] + " " + UnlockCodes[1],
                    "console lock reported lost",
                    WrongCodes[0] + " ENTER CANCEL " + UnlockCodes[1] + " ENTER ENTER",
                    "MENU " + Passwords[1] + " ENTER 1",
                    "1 2 " + Cards[0] + " ENTER ENTER ENTER",
                    "1 2 " + Cards[1] + " ENTER ENTER ENTER",
                    "1 2",
                    "swipe ;" + Cards[2] + "=30121010000000000?",
                    "ENTER ENTER",
                    "2 1 1 ENTER ENTER " + Passwords[1] + " ENTER ENTER",
                    "console login " + WrongTechnicianCodes[0],
                    "console login " + TechnicianCodes[0],
                    "console set-technician-code " + TechnicianCodes[0] + " " + TechnicianCodes[1],
                    "console bindings",
                    "console backup",
                    "console log",
                    "console status",
                    "reboot",
                    "bindings");
            }
        }

        /// <summary>Runs the session; returns "kind secret: forms" for everything found (empty: nothing).</summary>
        public static SecretScanReport Run()
        {
            var board = new EventBoard(new SimFlash());
            board.LanguageOverride = Language.English;
            board.PowerOn();
            var output = new StringWriter();
            int code = new ScriptRunner(board, output).Run(Script);
            var report = new SecretScanReport { ScriptOk = code == 0, Output = output.ToString(), Bindings = board.Terminal.Bindings.Count };
            byte[] image = board.Flash.Image;
            byte[] text = Encoding.UTF8.GetBytes(report.Output);
            Scan(report, "password", Passwords, image, text);
            Scan(report, "wrong guess", WrongGuesses, image, text);
            Scan(report, "unlock code", UnlockCodes, image, text);
            Scan(report, "wrong code", WrongCodes, image, text);
            Scan(report, "technician code", TechnicianCodes, image, text);
            Scan(report, "wrong technician code", WrongTechnicianCodes, image, text);
            Scan(report, "card", Cards, image, text);
            return report;
        }

        private static void Scan(SecretScanReport report, string kind, string[] secrets, byte[] image, byte[] output)
        {
            foreach (string secret in secrets)
            {
                report.Secrets++;
                List<string> inFlash = SecretScan.Find(image, secret);
                if (inFlash.Count > 0) report.Found.Add(kind + " " + secret + " in flash: " + string.Join(", ", inFlash));
                if (output.AsSpan().IndexOf(Encoding.ASCII.GetBytes(secret)) >= 0) report.Found.Add(kind + " " + secret + " on the console");
            }
        }
    }

    public sealed class SecretScanReport
    {
        public bool ScriptOk { get; set; }
        public string Output { get; set; }
        public int Bindings { get; set; }
        public int Secrets { get; set; }
        public List<string> Found { get; } = new List<string>();
    }
}

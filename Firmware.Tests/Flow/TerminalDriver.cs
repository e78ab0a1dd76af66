using System;
using System.Globalization;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Text;
using PosTerminal.Firmware.Ui;
using PosTerminal.Hal;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Flash;
using PosTerminal.Virtual.Script;

namespace PosTerminal.Firmware.Tests.Flow
{
    /// <summary>
    /// Drives the firmware on an EventBoard with script-like tokens (key names, digit runs,
    /// 'wait N', 'hold KEY N', 'reboot') and checks, after every step, that the LCD lines fit 4 x 16 cells.
    /// </summary>
    internal sealed class TerminalDriver
    {
        public const string Password = "135790";
        public const string Card16 = "6222021234567894";
        public const string Card19 = "6228480012345678903";
        public const string CardBadLuhn = "6222021234567895";
        public const string MerchantNo = "898100000000001";
        public const string TerminalNo = "12345678";
        public const string Serial = "87654321";
        public const string TechnicianCode = "73920418";

        public TerminalDriver(Language? language = null, SimFlash flash = null, bool console = true)
        {
            Board = new EventBoard(flash ?? new SimFlash());
            Board.LanguageOverride = language;
            Board.HasConsole = console;
            Board.PowerOn();
            CheckFits("boot");
        }

        public EventBoard Board { get; }

        public Terminal Terminal { get { return Board.Terminal; } }

        public string Id { get { return Board.ScreenId; } }

        public string[] Lines { get { return Board.ScreenLines(); } }

        public string Screen { get { return string.Join("\n", Lines); } }

        public byte[] FlashImage() { return Board.Flash.Image.ToArray(); }

        /// <summary>The bindings as a freshly booted store reads them from flash.</summary>
        public string[] StoredBindings() { return Terminal.DescribeStoredBindings(Board.Flash.Snapshot()); }

        public TerminalDriver Keys(string tokens)
        {
            string[] words = tokens.Split((char[])null, StringSplitOptions.RemoveEmptyEntries);
            for (int i = 0; i < words.Length; i++)
            {
                string word = words[i];
                Key key;
                if (word == "wait") Board.Advance((long)(double.Parse(words[++i], CultureInfo.InvariantCulture) * 1000000));
                else if (word == "hold" && KeyNames.TryParse(words[i + 1], out key))
                {
                    Board.PressAndHold(key, (long)(double.Parse(words[i + 2], CultureInfo.InvariantCulture) * 1000000));
                    i += 2;
                }
                else if (word == "reboot") Board.Reboot();
                else if (word.StartsWith("swipe", StringComparison.Ordinal)) RunScript(word + " " + words[++i]);
                else if (KeyNames.TryParse(word, out key)) Board.PressKey(key);
                else if (KeyNames.IsDigitRun(word)) foreach (char c in word) Board.PressKey(Key.D0 + (c - '0'));
                else throw new ArgumentException("bad token " + word);
                CheckFits(word);
            }
            return this;
        }

        /// <summary>Sends one line to the terminal's maintenance console, runs the board until it is handled, returns what it wrote.</summary>
        public string[] Console(string line)
        {
            string[] output = Board.SendConsoleLine(line);
            Board.Advance(SimBoard.LoopPeriodMicros);
            CheckFits("console " + line);
            return output;
        }

        /// <summary>
        /// Logs the console in as the technician (TechnicianCode). The code is provisioned the real
        /// way (set-technician-code in factory state) when the terminal is still in it; otherwise
        /// it is stored directly, as the factory would have. Call again after 5 idle minutes.
        /// </summary>
        public TerminalDriver Technician()
        {
            if (!Terminal.Security.Technician.IsSet)
            {
                if (Terminal.Commands.InFactoryState && !Terminal.SessionOpen)
                    CollectionAssert.AreEqual(new[] { "ok: technician code set" }, Console("set-technician-code " + TechnicianCode));
                else
                    Terminal.Security.Technician.Replace(Terminal.Security.HashSecret(TechnicianCode, false));
            }
            string[] login = Console("login " + TechnicianCode);
            Assert.AreEqual("ok: logged in (logout, or 5 minutes without a line, ends it)", login.Length == 1 ? login[0] : string.Join("|", login));
            return this;
        }

        private void RunScript(string source)
        {
            var runner = new ScriptRunner(Board, System.IO.TextWriter.Null);
            if (runner.Run(source) != 0) throw new ArgumentException(runner.LastError);
        }

        public TerminalDriver Expect(string id, params string[] shown)
        {
            Assert.AreEqual(id, Id, "screen:\n" + Screen);
            foreach (string text in shown) StringAssert.Contains(Screen, text);
            return this;
        }

        /// <summary>First login with the factory password, changing it to Password; ends on settings.</summary>
        public TerminalDriver FirstLogin()
        {
            Keys("MENU 123456 ENTER " + Password + " ENTER " + Password + " ENTER ENTER");
            return Expect("settings");
        }

        public TerminalDriver Login()
        {
            return Keys("MENU " + Password + " ENTER").Expect("settings");
        }

        /// <summary>From settings: the bindings list.</summary>
        public TerminalDriver OpenBindings()
        {
            return Keys("1").Expect("bindings");
        }

        /// <summary>From the bindings list: saves a settlement card, back on the list.</summary>
        public TerminalDriver BindCard(string card)
        {
            Keys("1 2 " + card + " ENTER").Expect("binding-review");
            return Keys("ENTER").Expect("message").Keys("ENTER").Expect("bindings");
        }

        public TerminalDriver BindMerchant(string merchantNo, string terminalNo)
        {
            Keys("1 1 " + merchantNo + " ENTER " + terminalNo + " ENTER").Expect("binding-review");
            return Keys("ENTER").Expect("message").Keys("ENTER").Expect("bindings");
        }

        public TerminalDriver BindDevice(string serial)
        {
            Keys("1 3 " + serial + " ENTER").Expect("binding-review");
            return Keys("ENTER").Expect("message").Keys("ENTER").Expect("bindings");
        }

        private void CheckFits(string step)
        {
            string[] lines = Lines;
            Assert.AreEqual(Frame.Rows, lines.Length);
            foreach (string line in lines)
            {
                string problem = LcdCells.Problem(line);
                Assert.IsNull(problem, "after '" + step + "' on " + Id + ": " + problem);
            }
        }
    }

    /// <summary>The LCD's cell rules, checked independently of the firmware's layout code.</summary>
    internal static class LcdCells
    {
        /// <summary>Null when line fits 16 cells with every CJK character on an even cell; else why not.</summary>
        public static string Problem(string line)
        {
            int cell = 0;
            foreach (char c in line)
            {
                bool wide = c >= 0x2E80 || (c >= 0x2190 && c <= 0x2193); // CJK, and GB2312's full-width arrows
                if (wide && cell % 2 != 0) return "'" + c + "' starts on odd cell " + cell + " in \"" + line + "\"";
                cell += wide ? 2 : 1;
            }
            return cell > 16 ? "\"" + line + "\" takes " + cell + " cells" : null;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Text;
using PosTerminal.Firmware.Ui;

namespace PosTerminal.Firmware.Tests.Flow
{
    /// <summary>
    /// Every screen and every text, in both languages, fits the 4 x 16-cell LCD with CJK
    /// characters on even cells. TerminalDriver checks the LCD after every step; the tour
    /// below makes sure every screen and every message state is reached.
    /// </summary>
    [TestClass]
    public sealed class ScreenFitTests
    {
        private static readonly string[] ScreenIds =
        {
            "idle", "login", "change-password", "settings", "bindings", "new-binding", "binding-entry",
            "card-entry", "binding-review", "binding", "deregister-confirm", "deregister-password", "language", "device-info",
            "message", "locked", "audit-log", "password-age", "checking", "system-error", "service", "buzzer", "session-warning",
            "reactivate-password"
        };

        /// <summary>The widest value each "{0}" text is filled with.</summary>
        private static readonly Dictionary<TextId, string> WidestValue = new Dictionary<TextId, string>
        {
            { TextId.IdleTerminalId, "PT000001" }, { TextId.SessionEndsIn, "10" }, { TextId.AuditBoot, "9999" },
            { TextId.TriesLeft, "4" }, { TextId.LockedWait, "60:00" },
            { TextId.FirmwareLine, Terminal.FirmwareVersionText }, { TextId.BindingsLine, "8/8" },
            { TextId.FlashLine, "1024" }, { TextId.BindingsTitle, "8/8" }, { TextId.DigitsRule, "16-19" },
            { TextId.LockedFor, "60:00" }, { TextId.AtMost, "8" }, { TextId.AgeNow, "3650" }, { TextId.AgeRange, "3650" },
            { TextId.DaysOld, "36500" },
        };

        public static IEnumerable<object[]> Languages
        {
            get { return new[] { new object[] { Language.Chinese }, new object[] { Language.English } }; }
        }

        [TestMethod]
        [DynamicData(nameof(Languages))]
        public void EveryTextOfTheTableFitsOneRow(Language language)
        {
            foreach (TextId id in Enum.GetValues<TextId>().Where(i => i != TextId.Count))
            {
                string text = Texts.Lookup(language, id);
                Assert.IsFalse(string.IsNullOrEmpty(text), id + " has no " + language + " text");
                bool hasValue = WidestValue.ContainsKey(id);
                Assert.AreEqual(hasValue, text.Contains("{0}"), id + ": placeholder and value table disagree");
                string line = Frame.Align(hasValue ? Texts.Fill(text, WidestValue[id]) : text);
                Assert.IsNull(LcdCells.Problem(line), id + " in " + language);
            }
        }

        [TestMethod]
        [DynamicData(nameof(Languages))]
        public void EveryTextFitsAsAMessage(Language language)
        {
            var t = new TerminalDriver(language);
            var frame = new Frame();
            foreach (TextId id in Enum.GetValues<TextId>().Where(i => i != TextId.Count))
            {
                frame.Clear();
                string detail = Texts.Lookup(language, id);
                new MessageScreen(t.Terminal, id, detail, null).Render(frame);
                for (int row = 0; row < Frame.Rows; row++)
                {
                    Assert.IsNull(LcdCells.Problem(frame[row]), id + " row " + row);
                }
            }
        }

        [TestMethod]
        [DynamicData(nameof(Languages))]
        public void TourOfEveryScreenFits(Language language)
        {
            var t = new TerminalDriver(language);
            var seen = new HashSet<string>();
            // Checking... stays up for less than a pass (the derivation runs right after it is drawn): seen on the LCD's writes.
            string checking = Frame.Align(Texts.Lookup(language, TextId.Checking));
            t.Board.LineWritten += (row, text) => { if (text == checking) seen.Add("checking"); };
            void Go(string keys)
            {
                string[] words = keys.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                for (int i = 0; i < words.Length; i++)
                {
                    t.Keys(words[i] == "wait" ? "wait " + words[++i] : words[i]);
                    seen.Add(t.Id);
                }
            }

            Go("MENU 1 CLEAR 000000 ENTER ENTER");                         // login, wrong password
            Go("123456 ENTER 111111 ENTER ENTER 234567 ENTER ENTER");       // forced change, weak
            Go("123 ENTER ENTER 135790 ENTER 135791 ENTER ENTER");          // length, mismatch
            Go("135790 ENTER 135790 ENTER ENTER");                          // changed → settings
            Go("1 1 1 123 ENTER ENTER CLEAR CLEAR CLEAR");                  // merchant, wrong length
            Go(TerminalDriver.MerchantNo + " ENTER " + TerminalDriver.TerminalNo + " ENTER ENTER ENTER");
            Go("1 2 " + TerminalDriver.CardBadLuhn + " ENTER ENTER");       // Luhn
            t.Terminal.SwipeFailed();
            Go("wait 0.01 ENTER CLEAR 4 ENTER ENTER ENTER");                // swipe failed, card saved
            Go("1 2 " + TerminalDriver.Card19 + " ENTER ENTER ENTER");      // 19 digits
            Go("1 2 " + TerminalDriver.Card16 + " ENTER ENTER CANCEL CANCEL"); // duplicate, caught on entry
            for (int i = 0; i < 5; i++) Go("1 3 1234567890123" + i + " ENTER ENTER ENTER");   // 8 bindings: the list is full
            Go("1 ENTER DOWN DOWN DOWN DOWN DOWN DOWN DOWN DOWN UP");       // list full, scrolling
            Go("2 CANCEL 3 CANCEL 9 1 CANCEL CANCEL 2 1 ENTER 000000 ENTER ENTER");   // details, deregister: wrong password
            Go(TerminalDriver.Password + " ENTER ENTER");                   // the password: deregistered
            Go("2 1 1 ENTER");                                              // back up first (to the console), back
            Go("CANCEL CANCEL CANCEL 2 CANCEL 4 ENTER 3 CANCEL");           // password, info, language
            Go("5 DOWN DOWN UP ENTER 6 4000 ENTER ENTER 30 ENTER ENTER");   // audit log, password age
            Go("7 DOWN ENTER 7 1 DOWN DOWN DOWN DOWN DOWN DOWN");           // buzzer off, on; the settings' last item
            Go("8 ENTER");                                                  // pause: Paused, idle
            Go("MENU " + TerminalDriver.Password + " ENTER 8 000000 ENTER ENTER");   // reactivate: the password again, a wrong one
            Go(TerminalDriver.Password + " ENTER ENTER");                   // the right one: active again, settings
            Go("wait 50 1");                                                // the session warning; the key keeps the session
            Go("CANCEL");                                                   // end of the session
            t.Technician().Console("set-unlock-code 80417263");
            t.Console("lock");
            seen.Add(t.Id);
            Go("MENU 12345678 ENTER CANCEL 80417263 ENTER ENTER");          // locked: wrong code, unlock
            Go("MENU 0 ENTER ENTER 0 ENTER ENTER 0 ENTER ENTER 0 ENTER ENTER 0 ENTER ENTER wait 30");

            Assert.AreEqual("login", t.Id);
            StringAssert.Contains(t.Screen, language == Language.English ? "Wait 0:30" : "请等待0:30");
            Go("wait 31");                                                  // the lockout is over
            t.Board.FaultyFlash.WritesOnly = true;
            t.Board.FaultyFlash.FailNext = 1;                               // one flash error: system error, then idle
            Go("MENU 000000 ENTER wait 3");
            t.Board.FaultyFlash.FailAll = true;                             // errors that keep coming: service
            Go("MENU 000000 ENTER MENU MENU 000000 ENTER");
            t.Board.FaultyFlash.Heal();
            Go("reboot");
            CollectionAssert.AreEquivalent(ScreenIds, seen.ToArray(), "seen: " + string.Join(", ", seen));
        }

        [TestMethod]
        public void TheTourKnowsEveryScreenClass()
        {
            int screens = typeof(Screen).Assembly.GetTypes().Count(t => t.IsSubclassOf(typeof(Screen)) && !t.IsAbstract);
            Assert.AreEqual(ScreenIds.Length, screens, "a new screen needs a place in the tour and in ScreenIds");
        }

        [TestMethod]
        public void FrameAlignsWideCharactersToEvenCells()
        {
            Assert.AreEqual("POS 终端", Frame.Align("POS终端"));
            Assert.AreEqual("终端", Frame.Align("终端"));
            Assert.AreEqual("a 终b 端", Frame.Align("a终b端"));
            Assert.AreEqual(">1新增绑定", Frame.Join(">1", "新增绑定"));
            Assert.AreEqual(">1 New", Frame.Join(">1", "New"));
            Assert.AreEqual("x", Frame.Join("", "x"));
        }
    }
}

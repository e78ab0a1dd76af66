using System;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Settings;
using PosTerminal.Firmware.Storage;
using PosTerminal.Firmware.Text;
using PosTerminal.Hal;
using PosTerminal.Virtual.Flash;
using PosTerminal.Virtual.Parts;

namespace PosTerminal.Firmware.Tests.Flow
{
    /// <summary>
    /// Issue 12, "the terminal answers like a POS", on the key-event board, in both languages
    /// (TerminalDriver checks that every screen fits 4 x 16 cells after every step). The same
    /// points at the pins: PinLevel/OperatorFeelPinTests.
    /// </summary>
    [TestClass]
    public sealed class OperatorFeelTests
    {
        private static string T(Language language, TextId id) { return Texts.Lookup(language, id); }

        private static TerminalDriver AtBindings(Language language)
        {
            return new TerminalDriver(language).FirstLogin().OpenBindings();
        }

        // ---- 1. messages go back on their own; digits and CLEAR typed over an error go into the entry

        [TestMethod]
        [DataRow(Language.Chinese)]
        [DataRow(Language.English)]
        public void AMessageGoesBackAfterTwoSecondsOfVirtualTime(Language language)
        {
            var t = new TerminalDriver(language).Keys("MENU 000000 ENTER").Expect("message", T(language, TextId.WrongPassword));
            t.Keys("wait 1.9").Expect("message");
            t.Keys("wait 0.1").Expect("login");
            Assert.AreEqual("", t.Lines[1], "nothing typed");
        }

        [TestMethod]
        public void AnyKeyReturnsSoonerAndOnlyDigitsAndClearAlsoType()
        {
            var t = new TerminalDriver(Language.English).Keys("MENU 000000 ENTER").Expect("message");
            t.Keys("CANCEL").Expect("login");
            Assert.AreEqual("", t.Lines[1], "CANCEL only dismissed: the login is still open, empty");
            t.Keys("000000 ENTER ENTER").Expect("login", "3 tries left");
            Assert.AreEqual("", t.Lines[1], "ENTER only dismissed: the refused entry was not sent again");
            Assert.AreEqual(2, t.Terminal.Security.Guard.FailedCount);
        }

        [TestMethod]
        [DataRow(Language.Chinese)]
        [DataRow(Language.English)]
        public void DigitsTypedRightAfterAWrongPasswordAreTheNextTry(Language language)
        {
            var t = new TerminalDriver(language).Keys("MENU 000000 ENTER").Expect("message");
            t.Keys("1").Expect("login", "*");
            t.Keys("23456 ENTER").Expect("change-password", T(language, TextId.NewPasswordTitle));
        }

        [TestMethod]
        public void DigitsAndClearOverAWrongLengthEditTheKeptEntry()
        {
            var t = AtBindings(Language.English);
            t.Keys("1 1 8981 ENTER").Expect("message", "Wrong length");
            t.Keys("0").Expect("binding-entry");
            Assert.AreEqual("89810", t.Lines[1]);
            t.Keys("ENTER").Expect("message", "Wrong length");
            t.Keys("CLEAR").Expect("binding-entry");
            Assert.AreEqual("8981", t.Lines[1]);
            t.Keys("ENTER").Expect("message");
            t.Keys("hold CLEAR 1.2").Expect("binding-entry");
            Assert.AreEqual("", t.Lines[1], "CLEAR held over the message empties the field");
        }

        [TestMethod]
        public void ADigitOverGoodNewsOnlyDismissesIt()
        {
            var t = AtBindings(Language.English);
            t.Keys("1 3 " + TerminalDriver.Serial + " ENTER ENTER").Expect("message", "Binding saved");
            t.Keys("1").Expect("bindings", "Bindings 1/8");
        }

        // ---- 2. the buzzer: short for a key, long for an error; an on/off setting

        [TestMethod]
        public void AKeyClicksShortAndARefusalBeepsLong()
        {
            var t = new TerminalDriver(Language.English);
            SimBuzzer buzzer = t.Board.Buzzer;
            t.Keys("MENU wait 0.1");
            Tone click = buzzer.TakeNew().Single();
            Assert.AreEqual(40, click.DurationMs, 5, "a key click");
            t.Keys("000000 wait 1");
            buzzer.TakeNew();
            t.Keys("ENTER wait 2").Expect("login");
            Tone refusal = buzzer.TakeNew().Single();
            Assert.AreEqual(400, refusal.DurationMs, 5, "the key's click became the error beep");
            Assert.AreEqual("long", refusal.Kind);
            Assert.AreEqual(0, buzzer.RedundantStarts);
        }

        [TestMethod]
        public void GoodNewsAndTheLockedScreensWrongCodeSoundAsTheyShould()
        {
            var t = AtBindings(Language.English);
            t.Keys("1 3 " + TerminalDriver.Serial + " ENTER wait 1");
            t.Board.Buzzer.TakeNew();
            t.Keys("ENTER wait 1").Expect("message", "Binding saved");
            Assert.AreEqual("short", t.Board.Buzzer.TakeNew().Single().Kind, "saving is good news: the click only");
            t.Keys("wait 2 CANCEL CANCEL");
            t.Technician();
            t.Console("set-unlock-code 80417263");
            t.Console("lock");
            t.Keys("11223344 wait 1");
            t.Board.Buzzer.TakeNew();
            t.Keys("ENTER wait 1").Expect("locked", "Wrong code");
            Assert.AreEqual("long", t.Board.Buzzer.TakeNew().Single().Kind);
        }

        [TestMethod]
        [DataRow(Language.Chinese)]
        [DataRow(Language.English)]
        public void TheBuzzerCanBeTurnedOffAndTheChoiceSurvivesAReboot(Language language)
        {
            var t = new TerminalDriver(language).FirstLogin();
            t.Keys("7").Expect("buzzer", T(language, TextId.ItemBuzzer), ">1" + (language == Language.English ? " " : "") + T(language, TextId.BuzzerOn));
            t.Keys("2").Expect("settings");
            Assert.IsFalse(t.Terminal.Settings.BuzzerOn);
            t.Keys("wait 1");
            t.Board.Buzzer.TakeNew();
            t.Keys("1 CANCEL CANCEL MENU 000000 ENTER wait 1 reboot MENU wait 1");
            Assert.AreEqual(0, t.Board.Buzzer.TakeNew().Length, "no click, no error beep, also after a reboot");
            t.Keys("CANCEL").Login().Keys("7").Expect("buzzer");
            StringAssert.StartsWith(t.Lines[2], ">2");
            t.Keys("1 wait 1");
            t.Board.Buzzer.TakeNew();
            t.Keys("2 wait 1");
            Assert.AreEqual(1, t.Board.Buzzer.TakeNew().Length, "on again");
        }

        [TestMethod]
        public void TheSettingsRecordStaysReadableBothWays()
        {
            var store = new Support.MemoryRecordStore();
            store.Write(RecordKeys.Settings, new byte[] { 1, (byte)Language.English });
            TerminalSettings old = TerminalSettings.Load(store);
            Assert.AreEqual(Language.English, old.Language, "a record of the older firmware");
            Assert.IsTrue(old.BuzzerOn, "an older record means the factory buzzer setting");

            old.BuzzerOn = false;
            old.Save(store);
            byte[] record = store.Read(RecordKeys.Settings);
            CollectionAssert.AreEqual(new byte[] { 1, (byte)Language.English, 1 }, record);
            // What the older firmware checks (version 1, at least 2 bytes, a known language) still holds.
            Assert.IsTrue(record[0] == 1 && record.Length >= 2 && record[1] <= (byte)Language.English);
            Assert.IsFalse(TerminalSettings.Load(store).BuzzerOn);
        }

        // ---- 3. idle: merchant, terminal id, the UTC clock, the storage notice

        [TestMethod]
        [DataRow(Language.Chinese)]
        [DataRow(Language.English)]
        public void IdleShowsTheMerchantTheTerminalIdAndTheClock(Language language)
        {
            var t = new TerminalDriver(language);
            t.Expect("idle", T(language, TextId.AppName), T(language, TextId.Ready));
            Assert.AreEqual(Texts.Fill(T(language, TextId.IdleTerminalId), "PT000001"), t.Lines[1]);
            t.Technician().Console("set-time 2026-11-25T10:00:00Z");
            Assert.AreEqual("11-25 10:00 UTC", t.Lines[2]);
            t.FirstLogin().OpenBindings().BindMerchant(TerminalDriver.MerchantNo, TerminalDriver.TerminalNo).Keys("CANCEL CANCEL");
            t.Expect("idle");
            Assert.AreEqual(TerminalDriver.MerchantNo, t.Lines[0]);
            t.Keys("wait 120");
            Assert.AreEqual("11-25 10:02 UTC", t.Lines[2]);
        }

        [TestMethod]
        public void ALongTerminalIdIsShownBareAndTheStorageNoticeStays()
        {
            // A flipped bit the store corrects gives a notice without any damage (random flash
            // would leave every key damaged, and a terminal whose lock record may be lost is locked).
            var flash = new SimFlash();
            var board = new Virtual.EventBoard(flash) { TerminalId = "ABCDEFGH-1234567", LanguageOverride = Language.Chinese };
            board.PowerOn();
            board.PressKeys("MENU 123456 ENTER 135790 ENTER 135790 ENTER ENTER 1 1 3 87654321 ENTER ENTER ENTER CANCEL CANCEL");
            int at = IndexOf(flash.Image, System.Text.Encoding.ASCII.GetBytes("87654321"));
            Assert.IsTrue(at >= 0, "the serial is stored as digits");
            flash.Image[at + 2] ^= 0x02;
            board.Reboot();
            string[] lines = board.ScreenLines();
            Assert.AreEqual("idle", board.ScreenId);
            Assert.AreEqual("ABCDEFGH-1234567", lines[1], "16 characters leave no room for the label");
            Assert.AreEqual(T(Language.Chinese, TextId.StorageRecovered), lines[3]);
            Assert.IsNull(LcdCells.Problem(lines[1]));
        }

        private static int IndexOf(byte[] haystack, byte[] needle)
        {
            for (int i = 0; i + needle.Length <= haystack.Length; i++)
            {
                if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
            }
            return -1;
        }

        // ---- 4. lists show ↑ and ↓

        [TestMethod]
        [DataRow(Language.Chinese)]
        [DataRow(Language.English)]
        public void MenusMarkWhereMoreItemsAre(Language language)
        {
            var t = new TerminalDriver(language).FirstLogin();
            StringAssert.EndsWith(t.Lines[0], "  ↓", "at the top: more below only");
            Assert.AreEqual(12, TextCells.Width(t.Lines[0].Substring(0, t.Lines[0].Length - 3)), "↑'s place, cells 12-13, is blank");
            t.Keys("DOWN DOWN DOWN");
            StringAssert.EndsWith(t.Lines[0], "↑↓", "in the middle: both");
            t.Keys("DOWN DOWN DOWN DOWN");
            StringAssert.EndsWith(t.Lines[0], "↑", "at the bottom (item 8, pause): more above only");
            t.Keys("1").Expect("bindings");
            Assert.IsFalse(t.Lines[0].Contains('↑') || t.Lines[0].Contains('↓'), "a list that fits has no marks");
            for (int i = 0; i < 3; i++) t.BindDevice("3000000" + i);
            StringAssert.EndsWith(t.Lines[0], "↓");
        }

        // ---- 5. card digits, CLEAR held, duplicates on entry

        [TestMethod]
        [DataRow(Language.Chinese)]
        [DataRow(Language.English)]
        public void CardDigitsShowWhileTypedAndClearHeldASecondEmptiesTheField(Language language)
        {
            var t = AtBindings(language).Keys("1 2 6222021234");
            Assert.AreEqual("6222021234", t.Lines[1]);
            t.Keys("hold CLEAR 0.6");
            Assert.AreEqual("622202123", t.Lines[1], "a short hold is one CLEAR");
            t.Keys("hold CLEAR 1.1").Expect("card-entry");
            Assert.AreEqual("", t.Lines[1]);
            t.Keys(TerminalDriver.Card16 + " ENTER").Expect("binding-review", "6222 **** 7894");
            Assert.IsFalse(t.Screen.Contains(TerminalDriver.Card16), "masked once entered");
        }

        [TestMethod]
        public void ASwipedNumberStaysMaskedUntilTheFieldIsEmptied()
        {
            var t = AtBindings(Language.English).Keys("1 2");
            t.Terminal.CardSwiped(TerminalDriver.CardBadLuhn);
            t.Keys("wait 0.01").Expect("message", "Card no. invalid").Keys("ENTER").Expect("card-entry", "6222********7895");
            t.Keys("hold CLEAR 1.1 1234");
            Assert.AreEqual("1234", t.Lines[1], "typed digits show again");
        }

        [TestMethod]
        public void ADuplicateIsCaughtWhenItsNumberIsEnteredForEveryKind()
        {
            var t = AtBindings(Language.English).BindMerchant(TerminalDriver.MerchantNo, TerminalDriver.TerminalNo)
                .BindDevice(TerminalDriver.Serial).BindCard(TerminalDriver.Card16);
            byte[] before = t.FlashImage();
            t.Keys("1 1 " + TerminalDriver.MerchantNo + " ENTER").Expect("binding-entry", "Terminal no.");
            t.Keys(TerminalDriver.TerminalNo + " ENTER").Expect("message", "Already bound");
            t.Keys("CLEAR 9 ENTER").Expect("binding-review", "Term. 12345679");
            t.Keys("CANCEL 1 3 " + TerminalDriver.Serial + " ENTER").Expect("message", "Already bound");
            // Another card alike in its first and last 4 digits: the same card once truncated (BindingList).
            t.Keys("CANCEL CANCEL 2 6222999909997894 ENTER").Expect("message", "Already bound");
            t.Keys("wait 2").Expect("card-entry");
            CollectionAssert.AreEqual(before, t.FlashImage(), "nothing stored");
        }

        // ---- 6. the detail screen

        [TestMethod]
        [DataRow(Language.Chinese)]
        [DataRow(Language.English)]
        public void TheDetailScreenShowsMerchantTerminalAndDeviceNumbersInFullAndCardsMasked(Language language)
        {
            var t = AtBindings(language).BindMerchant(TerminalDriver.MerchantNo, TerminalDriver.TerminalNo)
                .BindDevice(TerminalDriver.Serial).BindCard(TerminalDriver.Card16);
            t.Keys("2").Expect("binding", TerminalDriver.MerchantNo, TerminalDriver.TerminalNo).Keys("CANCEL");
            t.Keys("3").Expect("binding", TerminalDriver.Serial).Keys("CANCEL");
            t.Keys("4").Expect("binding", "6222 **** 7894");
            Assert.IsFalse(t.Screen.Contains("02123"));
        }

        // ---- 7. words, not codes

        [TestMethod]
        public void EnglishKindsAndAuditEventsAreWords()
        {
            var word = new Regex(@"^[A-Z][a-z]+( [a-z]+)*$");
            TextId[] named =
            {
                TextId.KindMerchantShort, TextId.KindCardShort, TextId.KindDeviceShort,
                TextId.AuditLoginSuccess, TextId.AuditLoginFailure, TextId.AuditLockout, TextId.AuditBindingAdded,
                TextId.AuditBindingDeregistered, TextId.AuditPasswordChanged, TextId.AuditLock, TextId.AuditUnlock,
                TextId.AuditFactoryReset, TextId.AuditStorageRecovery, TextId.AuditUnlockCodeSet, TextId.AuditClockSet,
                TextId.AuditRestore, TextId.AuditBackup, TextId.AuditOther, TextId.OutcomeOk, TextId.OutcomeFailed, TextId.OutcomeRefused,
            };
            foreach (TextId id in named)
            {
                string text = T(Language.English, id);
                Assert.IsTrue(word.IsMatch(text) && text.Length > 2, id + ": '" + text + "' is not words");
                Assert.IsTrue(T(Language.Chinese, id).All(TextCells.IsWide), id + " in Chinese");
            }
        }

        [TestMethod]
        public void CountsArePluralCorrect()
        {
            var t = new TerminalDriver(Language.English).Keys("MENU 1 ENTER wait 2 2 ENTER wait 2 3 ENTER wait 2 4 ENTER");
            t.Expect("message", "1 try left");
            t.Keys("wait 2").Expect("login", "1 try left");
            Assert.IsFalse(Enumerable.Range(0, (int)TextId.Count).Any(i => Texts.Lookup(Language.English, (TextId)i).Contains("1 tries")));
            var u = new TerminalDriver(Language.English).FirstLogin().Keys("6 1 ENTER").Expect("message", "Saved", "Now 1 day");
            u.Keys("wait 2 6").Expect("password-age", "Now 1 day");
            u.Keys("2 ENTER").Expect("message", "Now 2 days");
        }

        // ---- 8. the session warning

        [TestMethod]
        [DataRow(Language.Chinese)]
        [DataRow(Language.English)]
        public void TenSecondsBeforeTheTimeoutTheLcdWarnsAndAKeyKeepsTheSessionAndTheEntry(Language language)
        {
            var t = AtBindings(language).Keys("1 2 6222");
            t.Keys("wait 49.9").Expect("card-entry");
            t.Keys("wait 0.1").Expect("session-warning", T(language, TextId.SessionEndingTitle), T(language, TextId.SessionKeep));
            StringAssert.Contains(t.Lines[1], "10");
            t.Keys("wait 3");
            StringAssert.Contains(t.Lines[1], "7", "counts down");
            t.Keys("3").Expect("card-entry");
            Assert.AreEqual("6222", t.Lines[1], "the half-typed entry is kept, and the key typed nothing");
            Assert.IsTrue(t.Terminal.SessionOpen);
            t.Keys("wait 49.9").Expect("card-entry");
            t.Keys("wait 10.1").Expect("idle");
            Assert.IsFalse(t.Terminal.SessionOpen);
        }

        [TestMethod]
        public void TheKeyThatKeepsTheSessionDoesNotActOnTheScreenUnderIt()
        {
            var t = AtBindings(Language.English).BindCard(TerminalDriver.Card16).Keys("2 1").Expect("deregister-confirm");
            t.Keys("wait 50").Expect("session-warning");
            t.Keys("ENTER").Expect("deregister-confirm");
            Assert.AreEqual(1, t.StoredBindings().Length, "ENTER did not confirm the deregistration unseen");
        }

        [TestMethod]
        public void ASwipeDuringTheWarningGoesToTheCardScreen()
        {
            var t = AtBindings(Language.English).Keys("1 2 wait 50").Expect("session-warning");
            t.Terminal.CardSwiped(TerminalDriver.Card16);
            t.Keys("wait 0.01").Expect("binding-review", "6222 **** 7894");
        }

        [TestMethod]
        public void IdleAndTheLockedScreenNeverWarn()
        {
            new TerminalDriver(Language.English).Keys("wait 55").Expect("idle");
            var t = new TerminalDriver(Language.English).Technician();
            t.Console("set-unlock-code 80417263");
            t.Console("lock");
            t.Keys("wait 55").Expect("locked");
        }
    }
}

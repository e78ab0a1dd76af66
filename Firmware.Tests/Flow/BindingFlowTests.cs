using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Text;

namespace PosTerminal.Firmware.Tests.Flow
{
    /// <summary>settings → bindings → new binding / binding → deregister, with every bad input.</summary>
    [TestClass]
    public sealed class BindingFlowTests
    {
        private static TerminalDriver AtBindings(Language language = Language.English)
        {
            return new TerminalDriver(language).FirstLogin().OpenBindings();
        }

        [TestMethod]
        public void BindingsListStartsWithNewBindingThenTheBindingsByKindWordAndShortenedNumber()
        {
            var t = AtBindings();
            t.Expect("bindings", "Bindings 0/8", ">1 New binding");
            t.BindCard(TerminalDriver.Card16).BindMerchant(TerminalDriver.MerchantNo, TerminalDriver.TerminalNo);
            t.Expect("bindings", "Bindings 2/8", " 2 Card **7894", " 3 Merchant 0001");
            Assert.IsFalse(t.Screen.Contains(TerminalDriver.Card16));
        }

        [TestMethod]
        public void SettlementCardIsLuhnCheckedShownAsTypedThenMaskedAndStored()
        {
            var t = AtBindings();
            t.Keys("1").Expect("new-binding", "Binding kind", "2 Settle. card");
            t.Keys("2 6222021234").Expect("card-entry", "6222021234", "16-19 digits", "Swipe or type");
            t.Keys("567894").Expect("card-entry", TerminalDriver.Card16);
            t.Keys("ENTER").Expect("binding-review", "Settle. card", "6222 **** 7894", "ENTER to save");
            Assert.IsFalse(t.Screen.Contains(TerminalDriver.Card16));
            t.Keys("ENTER").Expect("message", "Binding saved").Keys("ENTER").Expect("bindings");
            CollectionAssert.AreEqual(new[] { "card 6222 **** **** 7894" }, t.StoredBindings());
        }

        [TestMethod]
        public void NineteenDigitCardScrollsAndFits()
        {
            var t = AtBindings();
            t.Keys("1 2 " + TerminalDriver.Card19).Expect("card-entry");
            Assert.AreEqual("8480012345678903", t.Lines[1], "the last 16 cells of the digits typed");
            t.Keys("ENTER ENTER ENTER").Expect("bindings", "Card **8903");
        }

        [TestMethod]
        public void MerchantAsksMerchantNumberThenTerminalNumber()
        {
            var t = AtBindings();
            t.Keys("1 1").Expect("binding-entry", "Merchant no.", "15 digits");
            t.Keys(TerminalDriver.MerchantNo).Expect("binding-entry", TerminalDriver.MerchantNo);
            t.Keys("ENTER").Expect("binding-entry", "Terminal no.", "8 digits");
            t.Keys(TerminalDriver.TerminalNo + " ENTER").Expect("binding-review", "Merchant", TerminalDriver.MerchantNo, "Term. 12345678");
            t.Keys("ENTER ENTER").Expect("bindings", "Merchant 0001");
            CollectionAssert.AreEqual(new[] { "merchant 8981 **** 0001 terminal **** 5678" }, t.StoredBindings());
        }

        [TestMethod]
        public void DeviceTakesASerialOfEightToSixteenDigits()
        {
            var t = AtBindings();
            t.Keys("1 3").Expect("binding-entry", "Device serial", "8-16 digits");
            t.Keys("12345678901234567").Expect("binding-entry", "1234567890123456");
            t.Keys("ENTER ENTER ENTER").Expect("bindings", "Device **3456");
            CollectionAssert.AreEqual(new[] { "device 1234 **** 3456" }, t.StoredBindings());
        }

        [TestMethod]
        public void ClearIsBackspaceInEntryFields()
        {
            var t = AtBindings();
            t.Keys("1 3 123456789 CLEAR CLEAR").Expect("binding-entry");
            Assert.AreEqual("1234567", t.Lines[1]);
            t.Keys("CLEAR CLEAR CLEAR CLEAR CLEAR CLEAR CLEAR CLEAR").Expect("binding-entry");
            Assert.AreEqual("", t.Lines[1]);
        }

        [TestMethod]
        public void WrongLengthsAreRefusedWithTheRuleAndTheDigitsKept()
        {
            var t = AtBindings();
            byte[] before = t.FlashImage();
            t.Keys("1 1 89810000000000 ENTER").Expect("message", "Wrong length", "15 digits");
            t.Keys("ENTER").Expect("binding-entry", "89810000000000");
            t.Keys("1 ENTER 1234567 ENTER").Expect("message", "Wrong length", "8 digits");
            t.Keys("CANCEL CANCEL CANCEL").Expect("new-binding");
            t.Keys("2 622202123456782 ENTER").Expect("message", "Wrong length", "16-19 digits");
            t.Keys("ENTER CANCEL 3 1234567 ENTER").Expect("message", "Wrong length", "8-16 digits");
            t.Keys("ENTER CLEAR CLEAR CLEAR CLEAR CLEAR CLEAR CLEAR ENTER").Expect("message", "Wrong length");
            CollectionAssert.AreEqual(before, t.FlashImage());
        }

        [TestMethod]
        public void FailedLuhnCheckIsRefused()
        {
            var t = AtBindings();
            byte[] before = t.FlashImage();
            t.Keys("1 2 " + TerminalDriver.CardBadLuhn + " ENTER").Expect("message", "Card no. invalid", "Check the number");
            t.Keys("ENTER").Expect("card-entry", TerminalDriver.CardBadLuhn);
            t.Keys("CLEAR 4 ENTER").Expect("binding-review");
            t.Keys("CANCEL").Expect("bindings", "Bindings 0/8");
            CollectionAssert.AreEqual(before, t.FlashImage());
        }

        [TestMethod]
        public void CancelOnTheReviewDiscardsTheBinding()
        {
            var t = AtBindings();
            byte[] before = t.FlashImage();
            t.Keys("1 3 " + TerminalDriver.Serial + " ENTER").Expect("binding-review");
            t.Keys("CANCEL").Expect("bindings", "Bindings 0/8");
            CollectionAssert.AreEqual(before, t.FlashImage());
            Assert.AreEqual(0, t.StoredBindings().Length);
        }

        [TestMethod]
        public void DuplicateIsRefusedWhenItsNumberIsEntered()
        {
            var t = AtBindings().BindCard(TerminalDriver.Card16);
            byte[] before = t.FlashImage();
            t.Keys("1 2 " + TerminalDriver.Card16 + " ENTER").Expect("message", "Already bound", "Duplicate entry");
            t.Keys("ENTER").Expect("card-entry", TerminalDriver.Card16);
            t.Keys("CANCEL CANCEL").Expect("bindings", "Bindings 1/8");
            CollectionAssert.AreEqual(before, t.FlashImage());
        }

        [TestMethod]
        public void NinthBindingIsRefusedAsListFull()
        {
            var t = AtBindings();
            for (int i = 0; i < 8; i++) t.BindDevice("1000000" + i);
            t.Expect("bindings", "Bindings 8/8");
            byte[] before = t.FlashImage();
            t.Keys("1").Expect("message", "Bindings full", "At most 8");
            t.Keys("ENTER").Expect("bindings");
            t.Keys("9").Expect("binding", "10000007");
            CollectionAssert.AreEqual(before, t.FlashImage());
            Assert.AreEqual(8, t.StoredBindings().Length);
        }

        [TestMethod]
        public void ListScrollsWithUpAndDownAndEnterPicksTheHighlight()
        {
            var t = AtBindings();
            for (int i = 0; i < 5; i++) t.BindDevice("2000000" + i);
            t.Keys("UP UP UP UP UP UP").Expect("bindings", ">1 New binding");
            t.Keys("DOWN DOWN DOWN DOWN").Expect("bindings", ">5 Device **0003");
            Assert.IsFalse(t.Screen.Contains("New binding"), "scrolled");
            t.Keys("DOWN DOWN DOWN").Expect("bindings", ">6 Device **0004");
            t.Keys("ENTER").Expect("binding", "20000004");
        }

        [TestMethod]
        public void PickingABindingShowsItsDetailsAndDeregisterAsItemOne()
        {
            var t = AtBindings().BindMerchant(TerminalDriver.MerchantNo, TerminalDriver.TerminalNo);
            // Issue 10: the destructive item is never highlighted (was ">1 Deregister"); only its digit picks it.
            // Issue 12: merchant and terminal numbers are shown in full (they are not secrets).
            t.Keys("2").Expect("binding", "Merchant", TerminalDriver.MerchantNo, "Term. " + TerminalDriver.TerminalNo, " 1 Deregister");
            t.Keys("ENTER").Expect("binding");
            t.Keys("1").Expect("deregister-confirm", "Deregister?", "Cannot be undone", "1=back up first", "ENTER=deregister");
        }

        [TestMethod]
        public void CancelOnTheConfirmationKeepsTheBinding()
        {
            var t = AtBindings().BindCard(TerminalDriver.Card16);
            byte[] before = t.FlashImage();
            t.Keys("2 1").Expect("deregister-confirm");
            t.Keys("CANCEL").Expect("binding", "6222 **** 7894");
            t.Keys("CANCEL").Expect("bindings", "Bindings 1/8");
            CollectionAssert.AreEqual(before, t.FlashImage());
        }

        [TestMethod]
        public void ConfirmedDeregistrationIsGoneForGoodAcrossReboots()
        {
            var t = AtBindings().BindCard(TerminalDriver.Card16).BindDevice(TerminalDriver.Serial);
            t.Keys("2 1").Expect("deregister-confirm");
            t.Keys("ENTER").Expect("deregister-password", "Password again");
            t.Keys(TerminalDriver.Password + " ENTER").Expect("message", "Deregistered").Keys("ENTER").Expect("bindings", "Bindings 1/8");
            StringAssert.Contains(t.Screen, ">1 New binding", "the highlight is back on the first item, never on a binding");
            Assert.IsFalse(t.Screen.Contains("6222"));
            CollectionAssert.AreEqual(new[] { "device **** 4321" }, t.StoredBindings());
            t.Keys("reboot").Expect("idle");
            t.Login().OpenBindings().Expect("bindings", "Bindings 1/8", "Device **4321");
        }

        [TestMethod]
        public void BindingsSurviveAReboot()
        {
            var t = AtBindings().BindCard(TerminalDriver.Card19).BindMerchant(TerminalDriver.MerchantNo, TerminalDriver.TerminalNo);
            t.Keys("reboot").Expect("idle", TerminalDriver.MerchantNo);
            t.Login().OpenBindings().Expect("bindings", "Card **8903", "Merchant 0001");
        }

        [TestMethod]
        public void CancelAlwaysGoesOneLevelBack()
        {
            var t = AtBindings().BindDevice(TerminalDriver.Serial);
            t.Keys("1 1 " + TerminalDriver.MerchantNo + " ENTER 1234").Expect("binding-entry", "Terminal no.");
            t.Keys("CANCEL").Expect("binding-entry", "Merchant no.", TerminalDriver.MerchantNo);
            t.Keys("CANCEL").Expect("new-binding");
            t.Keys("CANCEL").Expect("bindings");
            t.Keys("2 1").Expect("deregister-confirm");
            t.Keys("CANCEL").Expect("binding");
            t.Keys("CANCEL").Expect("bindings");
            t.Keys("CANCEL").Expect("settings");
            t.Keys("3").Expect("language").Keys("CANCEL").Expect("settings");
            t.Keys("4").Expect("device-info").Keys("CANCEL").Expect("settings");
            t.Keys("CANCEL").Expect("idle");
            Assert.IsFalse(t.Terminal.SessionOpen);
            t.Keys("MENU").Expect("login").Keys("CANCEL").Expect("idle");
        }

        [TestMethod]
        public void DeviceInfoShowsVersionBindingsAndFlash()
        {
            var t = AtBindings().BindDevice(TerminalDriver.Serial).Keys("CANCEL 4");
            t.Expect("device-info", "Firmware " + Terminal.FirmwareVersionText, "Bindings 1/8", "Flash 64 KB");
            t.Keys("ENTER").Expect("settings");
        }

        [TestMethod]
        public void WholeFlowInChinese()
        {
            var t = new TerminalDriver();
            t.Expect("idle", "POS 终端", "终端ID PT000001").Keys("MENU").Expect("login", "请输入密码");
            t.Keys("123456 ENTER").Expect("change-password", "输入新密码", "首次登录须改密");
            t.Keys(TerminalDriver.Password + " ENTER " + TerminalDriver.Password + " ENTER").Expect("message", "密码已修改");
            t.Keys("ENTER").Expect("settings", "系统设置", ">1绑定管理", " 2修改密码");
            t.Keys("1").Expect("bindings", "绑定管理 0/8", ">1新增绑定");
            t.Keys("1").Expect("new-binding", "选择绑定类型", "1商户", "2结算卡", "3设备");
            t.Keys("2 " + TerminalDriver.Card16 + " ENTER").Expect("binding-review", "结算卡", "6222 **** 7894");
            t.Keys("ENTER").Expect("message", "绑定成功").Keys("ENTER").Expect("bindings", "2结算卡**7894");
            t.Keys("2").Expect("binding", "结算卡", " 1注销");
            t.Keys("1").Expect("deregister-confirm", "确认注销？", "注销后不可恢复", "1=先备份数据");
            t.Keys("ENTER").Expect("deregister-password", "输入密码确认");
            t.Keys(TerminalDriver.Password + " ENTER").Expect("message", "已注销").Keys("ENTER").Expect("bindings", "绑定管理 0/8");
            Assert.AreEqual(0, t.StoredBindings().Length);
        }
    }
}

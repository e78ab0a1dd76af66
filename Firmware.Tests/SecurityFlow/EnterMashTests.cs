using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Tests.Flow;
using PosTerminal.Firmware.Tests.PinLevel;
using PosTerminal.Firmware.Text;
using PosTerminal.Hal;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Flash;

namespace PosTerminal.Firmware.Tests.SecurityFlow
{
    /// <summary>Issue 10 item 7: no run of ENTER, pressed or held, deregisters anything.</summary>
    [TestClass]
    public sealed class EnterMashTests : PinLevelTest
    {
        private static TerminalDriver ThreeBindings()
        {
            var t = new TerminalDriver(Language.English);
            t.FirstLogin().OpenBindings().BindCard(TerminalDriver.Card16).BindDevice(TerminalDriver.Serial)
                .BindMerchant(TerminalDriver.MerchantNo, TerminalDriver.TerminalNo);
            return t;
        }

        [TestMethod]
        public void AThousandEntersFromEveryBindingScreenDeregisterNothing()
        {
            var t = ThreeBindings();
            foreach (string start in new[] { "2", "3", "4", "2 1", "3 1", "4 1" })
            {
                ToIdle(t).Login().OpenBindings().Keys(start);
                for (int i = 0; i < 200; i++) t.Keys("ENTER");
                Assert.AreEqual(3, t.StoredBindings().Length, "after 200 ENTERs from '" + start + "'");
            }
            var random = new Random(7);
            string[] keys = { "ENTER", "ENTER", "ENTER", "UP", "DOWN", "CANCEL", "ENTER" };
            ToIdle(t).Login().OpenBindings();
            for (int i = 0; i < 400; i++) t.Keys(keys[random.Next(keys.Length)]);
            Assert.AreEqual(3, t.StoredBindings().Length, "ENTER mixed with UP, DOWN and CANCEL");
        }

        private static TerminalDriver ToIdle(TerminalDriver t)
        {
            for (int i = 0; i < 8 && t.Id != "idle"; i++) t.Keys("CANCEL");
            return t.Expect("idle");
        }

        [TestMethod]
        public void AfterADeregistrationTheHighlightIsNeverOnABinding()
        {
            var t = ThreeBindings();
            t.Keys("2 1 ENTER " + TerminalDriver.Password + " ENTER").Expect("message", "Deregistered");
            t.Keys("ENTER").Expect("bindings", ">1 New binding", " 2 ");
            for (int i = 0; i < 100; i++) t.Keys("ENTER");
            Assert.AreEqual(2, t.StoredBindings().Length, "ENTER after a deregistration deregisters nothing more");
        }

        [TestMethod]
        public void HoldingEnterOnThePinBoardDeregistersNothing()
        {
            PinBoard board = NewPinBoard();
            board.LanguageOverride = Language.English;
            board.PressKeys("MENU 123456 ENTER 135790 ENTER 135790 ENTER ENTER 1 1 3 87654321 ENTER ENTER ENTER 2 1");
            Assert.AreEqual("deregister-confirm", board.ScreenId);
            long reported = board.KeysReported;
            board.Hold(Key.Enter);
            board.Advance(3000000); // three seconds held down
            board.Release(Key.Enter);
            board.Advance(200000);
            Assert.AreEqual(reported + 1, board.KeysReported, "a held ENTER is one key (only UP and DOWN repeat)");
            Assert.AreEqual("deregister-password", board.ScreenId);
            board.Hold(Key.Enter);
            board.Advance(3000000);
            board.Release(Key.Enter);
            board.Advance(200000);
            for (int i = 0; i < 20; i++) board.PressKey(Key.Enter);
            Assert.AreEqual(1, Terminal.DescribeStoredBindings(board.Flash.Snapshot()).Length);
        }
    }
}

using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace PosTerminal.Firmware.Tests.Flow
{
    /// <summary>60 s without a key ends the session, on virtual time; the warning 10 s before is in OperatorFeelTests.</summary>
    [TestClass]
    public sealed class SessionTests
    {
        [TestMethod]
        public void SixtySecondsWithoutAKeyReturnToIdleAndNeedThePasswordAgain()
        {
            var t = new TerminalDriver().FirstLogin().OpenBindings();
            Assert.IsTrue(t.Terminal.SessionOpen);
            t.Keys("wait 49.9").Expect("bindings");
            t.Keys("wait 0.1").Expect("session-warning");
            t.Keys("wait 9.9").Expect("session-warning");
            t.Keys("wait 0.1").Expect("idle");
            Assert.IsFalse(t.Terminal.SessionOpen);
            t.Keys("MENU").Expect("login");
        }

        [TestMethod]
        public void EachKeyRestartsTheTimeout()
        {
            var t = new TerminalDriver().FirstLogin();
            t.Keys("wait 45 1 wait 45 CANCEL wait 45 1 wait 45").Expect("bindings");
            t.Keys("wait 15").Expect("idle");
        }

        [TestMethod]
        public void TimeoutAppliesToEveryScreenButIdle()
        {
            string[] paths = { "MENU", "MENU 000", "MENU 123456 ENTER", "MENU 123456 ENTER 135790 ENTER 135790 ENTER" };
            foreach (string path in paths)
            {
                var t = new TerminalDriver().Keys(path);
                Assert.AreNotEqual("idle", t.Id);
                t.Keys("wait 60").Expect("idle");
            }
            new TerminalDriver().Keys("wait 600").Expect("idle");
        }

        [TestMethod]
        public void ATimedOutEntryDoesNotSurvive()
        {
            var t = new TerminalDriver().FirstLogin().OpenBindings();
            byte[] before = t.FlashImage();
            t.Keys("1 2 622202123456 wait 60").Expect("idle");
            t.Login().OpenBindings().Expect("bindings", "0/8");
            CollectionAssert.AreEqual(LoginFlowTests.StoreWithoutSecurityLog(before), LoginFlowTests.StoreWithoutSecurityLog(t.FlashImage()));
        }
    }
}

using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Text;

namespace PosTerminal.Firmware.Tests.Flow
{
    /// <summary>Terminal.CardSwiped / SwipeFailed, as the Track 2 decoder will call them.</summary>
    [TestClass]
    public sealed class SwipeTests
    {
        private static TerminalDriver AtCardEntry()
        {
            return new TerminalDriver(Language.English).FirstLogin().OpenBindings().Keys("1 2").Expect("card-entry");
        }

        [TestMethod]
        public void SwipeFillsTheCardNumberAndGoesToTheReview()
        {
            var t = AtCardEntry();
            t.Terminal.CardSwiped(TerminalDriver.Card19);
            t.Keys("wait 0.01").Expect("binding-review", "6228 **** 8903");
            t.Keys("ENTER ENTER");
            CollectionAssert.AreEqual(new[] { "card 6228 **** **** 8903" }, t.StoredBindings());
        }

        [TestMethod]
        public void SwipedNumberGetsTheSameLuhnCheckAsTyping()
        {
            var t = AtCardEntry();
            byte[] before = t.FlashImage();
            t.Terminal.CardSwiped(TerminalDriver.CardBadLuhn);
            t.Keys("wait 0.01").Expect("message", "Card no. invalid");
            t.Keys("ENTER").Expect("card-entry", "6222********7895");
            t.Terminal.CardSwiped("6222021234");
            t.Keys("wait 0.01").Expect("message", "Wrong length", "16-19 digits");
            t.Terminal.CardSwiped("62220212345678940000");
            t.Keys("wait 0.01").Expect("message", "Wrong length");
            CollectionAssert.AreEqual(before, t.FlashImage());
        }

        [TestMethod]
        public void FailedSwipeAsksForAnotherAndKeepsTheEntry()
        {
            var t = AtCardEntry().Keys("6222");
            t.Terminal.SwipeFailed();
            t.Keys("wait 0.01").Expect("message", "Swipe failed", "Swipe again");
            t.Keys("ENTER").Expect("card-entry", "6222");
            t.Terminal.CardSwiped("6222=0000");
            t.Keys("wait 0.01").Expect("message", "Swipe failed");
        }

        [TestMethod]
        public void SwipesElsewhereAreIgnored()
        {
            var t = new TerminalDriver(Language.English);
            t.Terminal.CardSwiped(TerminalDriver.Card16);
            t.Terminal.SwipeFailed();
            t.Keys("wait 0.01").Expect("idle");
            t.FirstLogin().OpenBindings().Keys("1 3");
            t.Terminal.CardSwiped(TerminalDriver.Card16);
            t.Keys("wait 0.01").Expect("binding-entry", "Device serial");
            Assert.AreEqual("", t.Lines[1]);
        }
    }
}

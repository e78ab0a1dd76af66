using System.IO;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Tests.Flow;
using PosTerminal.Firmware.Text;

namespace PosTerminal.Firmware.Tests.SecurityFlow
{
    /// <summary>
    /// Issue 9 item 2, "a password change derives at most twice": counted as the native HMAC
    /// calls the board's crypto (SimCrypto, counting) is asked for, one derivation being
    /// board.json's security.kdfRounds of them (read here from the file, as the board reads it
    /// for the firmware). A third derivation, or more rounds, fails these tests.
    /// </summary>
    [TestClass]
    public sealed class DerivationCountTests
    {
        private const string NewPassword = "246813";

        /// <summary>security.kdfRounds of boards/esp32-terminal/board.json.</summary>
        private static int BoardJsonRounds()
        {
            string path = Path.Combine(TestPaths.RepoRoot, "boards", "esp32-terminal", "board.json");
            using JsonDocument board = JsonDocument.Parse(File.ReadAllText(path));
            return board.RootElement.GetProperty("security").GetProperty("kdfRounds").GetInt32();
        }

        private static TerminalDriver Terminal(int rounds)
        {
            var t = new TerminalDriver(Language.English);
            Assert.AreEqual(rounds, t.Board.KdfRounds, "the board hands the firmware board.json's rounds");
            Assert.AreEqual(rounds, t.Terminal.Security.KdfRounds, "the firmware derives with the board's rounds");
            return t;
        }

        /// <summary>HMAC calls the keys cost.</summary>
        private static long Hmacs(TerminalDriver t, string keys)
        {
            long before = t.Board.Crypto.Hmacs;
            t.Keys(keys);
            return t.Board.Crypto.Hmacs - before;
        }

        [TestMethod]
        public void APasswordChangeFromSettingsDerivesTwice()
        {
            int rounds = BoardJsonRounds();
            var t = Terminal(rounds).FirstLogin();
            Assert.AreEqual(0, Hmacs(t, "2 " + NewPassword), "typing costs nothing");
            Assert.AreEqual(rounds, Hmacs(t, "ENTER"), "the new password against the old one: one derivation");
            t.Expect("change-password");
            Assert.AreEqual(rounds, Hmacs(t, NewPassword + " ENTER"), "confirmed: the new hash, one derivation");
            t.Expect("message", "changed");
            t.Keys("ENTER CANCEL MENU " + NewPassword + " ENTER").Expect("settings");
        }

        [TestMethod]
        public void TheFirstLoginsForcedChangeDerivesOnce()
        {
            int rounds = BoardJsonRounds();
            var t = Terminal(rounds);
            // The factory password is no stored hash, and any acceptable new password differs from
            // it (123456 is a run), so only the new password's hash is derived.
            Assert.AreEqual(0, Hmacs(t, "MENU 123456 ENTER"), "the factory password: no derivation");
            t.Expect("change-password");
            Assert.AreEqual(rounds, Hmacs(t, TerminalDriver.Password + " ENTER " + TerminalDriver.Password + " ENTER"), "the forced change");
            t.Expect("message", "changed");
        }

        [TestMethod]
        public void AForcedChangeAfterAResetDerivesTwice()
        {
            int rounds = BoardJsonRounds();
            var t = Terminal(rounds).FirstLogin().Keys("CANCEL").Expect("idle");
            t.Technician();
            CollectionAssert.AreEqual(new[] { "ok: operator password replaced; it must be changed at the next login" }, t.Console("reset-password 581302"));
            Assert.AreEqual(rounds, Hmacs(t, "MENU 581302 ENTER"), "the login");
            t.Expect("change-password");
            Assert.AreEqual(2L * rounds, Hmacs(t, NewPassword + " ENTER " + NewPassword + " ENTER"), "the forced change: against the reset password, then the new hash");
            t.Expect("message", "changed");
        }
    }
}

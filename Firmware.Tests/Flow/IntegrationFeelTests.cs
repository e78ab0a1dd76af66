using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Text;
using PosTerminal.Firmware.Ui;
using PosTerminal.Hal;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Flash;
using PosTerminal.Virtual.Parts;
using PosTerminal.Virtual.Script;

namespace PosTerminal.Firmware.Tests.Flow
{
    /// <summary>
    /// Where the operator-experience screens meet the command layer: the buzzer setting is a
    /// command (audited), the password-again screen takes digits typed over its message, a
    /// slow derivation behind Checking... counts toward neither the session warning nor the
    /// timeout, and screens with their own timer (the system error) give the main loop their
    /// due time.
    /// </summary>
    [TestClass]
    public sealed class IntegrationFeelTests
    {
        /// <summary>SimCrypto whose every HMAC takes msPerHmac of virtual time: the ESP32's derivation, slowed down.</summary>
        private sealed class SlowCrypto : ICrypto
        {
            private readonly SimCrypto _inner = new SimCrypto();
            private readonly VirtualClock _clock;

            public SlowCrypto(VirtualClock clock) { _clock = clock; }

            public long MsPerHmac { get; set; }

            public void Sha256(byte[] data, int offset, int count, byte[] output) { _inner.Sha256(data, offset, count, output); }

            public byte[] HmacSha256(byte[] key, byte[] data)
            {
                _clock.AdvanceMicros(MsPerHmac * 1000);
                return _inner.HmacSha256(key, data);
            }

            public void Random(byte[] buffer) { _inner.Random(buffer); }
        }

        private sealed class Rig
        {
            public readonly VirtualClock Clock = new VirtualClock();
            public readonly SlowCrypto Crypto;
            public readonly EventKeypad Keypad;
            public readonly LineDisplay Display = new LineDisplay();
            public readonly Terminal Terminal;

            public Rig()
            {
                Crypto = new SlowCrypto(Clock);
                Keypad = new EventKeypad(Clock);
                Terminal = new Terminal(new TerminalHardware
                {
                    Keypad = Keypad, Display = Display, Clock = Clock, Flash = new SimFlash(), Crypto = Crypto,
                    TerminalId = "PT000001", KdfRounds = 10,
                });
                Terminal.Boot();
                Terminal.UseLanguage(Language.English);
                Pass();
            }

            public string Id { get { return Terminal.ScreenId; } }

            public void Pass(int n = 1)
            {
                for (int i = 0; i < n; i++)
                {
                    Clock.AdvanceMicros(10_000);
                    Terminal.Poll();
                }
            }

            public void Wait(double seconds)
            {
                for (long t = 0; t < (long)(seconds * 1000); t += 100)
                {
                    Clock.AdvanceMicros(100_000);
                    Terminal.Poll();
                }
            }

            public void Keys(string keys)
            {
                foreach (string word in keys.Split(' ', System.StringSplitOptions.RemoveEmptyEntries))
                {
                    foreach (string name in word.All(char.IsDigit) ? word.Select(c => c.ToString()) : new[] { word })
                    {
                        Assert.IsTrue(KeyNames.TryParse(name, out Key key), name);
                        Keypad.Press(key);
                        Pass(2);
                    }
                }
            }
        }

        private const string Password = "135790";

        private static Rig AtSettings()
        {
            var rig = new Rig();
            rig.Keys("MENU 123456 ENTER " + Password + " ENTER " + Password + " ENTER ENTER");
            Assert.AreEqual("settings", rig.Id);
            return rig;
        }

        [TestMethod]
        public void AFiftyFiveSecondDerivationCountsTowardNeitherTheWarningNorTheTimeout()
        {
            var rig = AtSettings();
            rig.Keys("1 1 3 12345678 ENTER ENTER");                 // a device bound
            rig.Wait(2.5);
            rig.Keys("2 1 ENTER");
            Assert.AreEqual("deregister-password", rig.Id);
            rig.Keys(Password);
            rig.Crypto.MsPerHmac = 5500;                            // 10 rounds: about 55 s of the terminal's own time
            long before = rig.Clock.UptimeMs;
            rig.Keys("ENTER");
            Assert.IsTrue(rig.Clock.UptimeMs - before >= 50_000, "the derivation took " + (rig.Clock.UptimeMs - before) + " ms");
            rig.Crypto.MsPerHmac = 0;
            Assert.AreEqual("message", rig.Id, "no session warning straight after the derivation");
            Assert.AreEqual(0, rig.Terminal.Bindings.Count);
            Assert.IsTrue(rig.Terminal.SessionOpen);
            rig.Wait(45);
            Assert.AreEqual("bindings", rig.Id, "the warning comes 50 s after the last activity, not before");
            Assert.IsTrue(rig.Terminal.SessionOpen);
            rig.Wait(6);
            Assert.AreEqual("session-warning", rig.Id);
        }

        [TestMethod]
        public void TheBuzzerSettingIsACommandAndAudited()
        {
            var rig = AtSettings();
            rig.Keys("7 2");
            Assert.AreEqual("settings", rig.Id);
            Assert.IsFalse(rig.Terminal.Settings.BuzzerOn);
            Assert.AreEqual(Commands.CommandStatus.NotAllowed, new Rig().Terminal.Commands.SetBuzzer(Commands.Channel.Keypad, false), "no session, no setting");
            var entry = rig.Terminal.Security.Audit.ReadNewestFirst(1).Single();
            Assert.AreEqual("setting-changed ok buzzer off", Audit.AuditNames.Event(entry.Event) + " " + Audit.AuditNames.Outcome(entry.Outcome) + " " + entry.Detail);
        }

        [TestMethod]
        public void DigitsTypedOverTheWrongPasswordMessageGoIntoThePasswordAgain()
        {
            var rig = AtSettings();
            rig.Keys("1 1 3 12345678 ENTER ENTER");
            rig.Wait(2.5);
            rig.Keys("2 1 ENTER 000000 ENTER");
            Assert.AreEqual("message", rig.Id);
            Assert.AreEqual("Wrong password", rig.Display.Lines()[0].TrimEnd());
            rig.Keys(Password);                                     // the first digit dismisses the message and types
            Assert.AreEqual("deregister-password", rig.Id);
            rig.Keys("ENTER");
            Assert.AreEqual(0, rig.Terminal.Bindings.Count, "all six digits reached the field");
            rig.Wait(2.5);
            Assert.AreEqual("bindings", rig.Id, "the message went back by itself");
        }

        [TestMethod]
        public void TheSystemErrorGivesTheMainLoopItsDueTime()
        {
            var rig = new Rig();
            var error = new SystemErrorScreen(rig.Terminal, rig.Clock.UptimeMs);
            rig.Terminal.Show(error);
            rig.Pass();
            long due = rig.Terminal.NextPassMs;
            Assert.IsTrue(due <= error.DueMs && due > rig.Clock.UptimeMs, "wakes for the return to idle, not later: " + due);
            Assert.AreEqual(rig.Clock.UptimeMs - 10 + SystemErrorScreen.ShownMs, error.DueMs);
            rig.Wait(SystemErrorScreen.ShownMs / 1000.0);
            Assert.AreEqual("idle", rig.Id);
        }
    }
}

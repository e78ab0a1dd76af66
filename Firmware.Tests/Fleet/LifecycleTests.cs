using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Commands;
using PosTerminal.Firmware.Lifecycle;
using PosTerminal.Firmware.Tests.Support;
using PosTerminal.Hal;
using PosTerminal.Virtual.Flash;
using PosTerminal.Virtual.Parts;
using PosTerminal.Virtual.Script;

namespace PosTerminal.Firmware.Tests.Fleet
{
    /// <summary>
    /// Issue 11 item 5 through the command layer: the operator pauses from settings and
    /// reactivates with the password again; a fleet pause also needs the fleet's reactivate,
    /// first; every transition is audited and goes to pos/ID/events; a fleet lock needs an
    /// unlock code set; the fleet key is the technician's (set-fleet-key after login, never
    /// while locked); the anonymous console sees no fleet line.
    /// </summary>
    [TestClass]
    public sealed class LifecycleTests
    {
        private const string Password = "135790";

        /// <summary>A provisioned fleet terminal (technician, unlock code, fleet key) with the operator's password set.</summary>
        private static MemoryLinkBoard Board()
        {
            var board = FleetUnitTests.Provisioned();
            Keys(board, "MENU 123456 ENTER " + Password + " ENTER " + Password + " ENTER ENTER CANCEL");
            Assert.AreEqual("idle", board.Terminal.ScreenId);
            return board;
        }

        /// <summary>Key names and digit runs, a pass after each key (as the keypad delivers them).</summary>
        private static void Keys(MemoryLinkBoard board, string keys)
        {
            var keypad = (EventKeypad)board.Terminal.Hardware.Keypad;
            foreach (string word in keys.Split(' ', System.StringSplitOptions.RemoveEmptyEntries))
            {
                bool digits = word.All(char.IsDigit);
                foreach (string name in digits ? word.Select(c => c.ToString()) : new[] { word })
                {
                    Assert.IsTrue(KeyNames.TryParse(name, out Key key), name);
                    keypad.Press(key);
                    board.Poll(2);
                }
            }
        }

        private static string Screen(MemoryLinkBoard board)
        {
            return string.Join("|", ((LineDisplay)board.Terminal.Hardware.Display).Lines()).Replace("  ", " ");
        }

        private static string[] Events(MemoryLinkBoard board)
        {
            return board.Link.Published.Where(p => p.Topic == "pos/UNIT1/events").Select(p => p.Payload).ToArray();
        }

        [TestMethod]
        public void TheOperatorPausesFromSettingsAndReactivatesWithThePasswordAgain()
        {
            var board = Board();
            Keys(board, "MENU " + Password + " ENTER 8");
            Assert.AreEqual("message", board.Terminal.ScreenId);
            Keys(board, "ENTER");
            Assert.AreEqual("idle", board.Terminal.ScreenId);
            StringAssert.Contains(Screen(board), "已暂停");
            Assert.IsTrue(board.Terminal.Lifecycle.IsPaused);
            Assert.AreEqual(PauseSource.Operator, board.Terminal.Lifecycle.PausedBy);
            Assert.IsFalse(board.Terminal.SessionOpen, "pausing ends the session");

            // Reactivate: settings item 8 now asks for the password again; a wrong one is a failed login.
            Keys(board, "MENU " + Password + " ENTER 8");
            Assert.AreEqual("reactivate-password", board.Terminal.ScreenId);
            Keys(board, "000000 ENTER");
            Assert.AreEqual("message", board.Terminal.ScreenId);
            Assert.IsTrue(board.Terminal.Lifecycle.IsPaused);
            Assert.AreEqual(1, board.Terminal.Security.Guard.FailedCount);
            Keys(board, "ENTER " + Password + " ENTER");
            Assert.IsFalse(board.Terminal.Lifecycle.IsPaused);
            Assert.AreEqual(0, board.Terminal.Security.Guard.FailedCount);

            string log = string.Join("\n", board.ConsoleLine("log 6"));
            StringAssert.Contains(log, "pause ok operator");
            StringAssert.Contains(log, "login-failure failed reactivate try 1");
            StringAssert.Contains(log, "reactivate ok operator");
            string[] events = Events(board);
            Assert.AreEqual(1, events.Count(e => e.Contains("\"type\":\"pause\"") && e.Contains("\"detail\":\"operator\"")), string.Join("\n", events));
            Assert.AreEqual(1, events.Count(e => e.Contains("\"type\":\"reactivate\"") && e.Contains("\"detail\":\"operator\"")));
        }

        [TestMethod]
        public void AFleetPauseNeedsTheFleetsReactivateAndThenTheOperatorsPassword()
        {
            var board = Board();
            StringAssert.Contains(FleetUnitTests.Command(board, "p1", 1, "pause"), "\"code\":\"done\"");
            Assert.IsTrue(board.Terminal.Lifecycle.FleetHold);
            StringAssert.Contains(Screen(board), "已暂停");

            // The operator alone: refused before any password is tried, and audited.
            Keys(board, "MENU " + Password + " ENTER 8");
            Assert.AreEqual("message", board.Terminal.ScreenId);
            StringAssert.Contains(Screen(board), "远程暂停中");
            Assert.AreEqual(CommandStatus.FleetHold, board.Terminal.Commands.Reactivate(Channel.Keypad, Password));
            Assert.AreEqual(0, board.Terminal.Security.Guard.FailedCount, "no password was checked");
            Keys(board, "ENTER CANCEL");

            // The fleet's reactivate lifts its hold; the terminal stays paused for the operator.
            string ack = FleetUnitTests.Command(board, "r1", 2, "reactivate");
            StringAssert.Contains(ack, "\"code\":\"done\"");
            StringAssert.Contains(ack, "fleet hold lifted");
            StringAssert.Contains(ack, "\"waitingFor\":\"operator\"");
            Assert.IsTrue(board.Terminal.Lifecycle.IsPaused);
            StringAssert.Contains(FleetUnitTests.Command(board, "r2", 3, "reactivate"), "\"code\":\"already\"");

            Keys(board, "MENU " + Password + " ENTER 8 " + Password + " ENTER");
            Assert.IsFalse(board.Terminal.Lifecycle.IsPaused);
            string log = string.Join("\n", board.ConsoleLine("log 8"));
            StringAssert.Contains(log, "pause ok fleet");
            StringAssert.Contains(log, "reactivate refused fleet hold");
            StringAssert.Contains(log, "reactivate ok fleet hold lifted");
            StringAssert.Contains(log, "reactivate ok operator");
            Assert.AreEqual(2, Events(board).Count(e => e.Contains("\"type\":\"reactivate\"")), "the hold lifted and the reactivation, both reported");
        }

        [TestMethod]
        public void TheFleetCannotLiftAnOperatorsPauseButCanHoldIt()
        {
            var board = Board();
            Assert.AreEqual(CommandStatus.NotAllowed, board.Terminal.Commands.Pause(Channel.Keypad), "no operator session");
            Keys(board, "MENU " + Password + " ENTER 8 ENTER");
            Assert.AreEqual(PauseSource.Operator, board.Terminal.Lifecycle.PausedBy);
            StringAssert.Contains(FleetUnitTests.Command(board, "r1", 1, "reactivate"), "\"code\":\"refused\"");
            Assert.IsTrue(board.Terminal.Lifecycle.IsPaused);
            StringAssert.Contains(FleetUnitTests.Command(board, "p1", 2, "pause"), "\"code\":\"done\"");
            Assert.IsTrue(board.Terminal.Lifecycle.FleetHold, "a fleet pause over the operator's is the fleet's hold");
            board.PowerOn();
            Assert.IsTrue(board.Terminal.Lifecycle.FleetHold, "across a reboot");
        }

        [TestMethod]
        public void AFleetLockNeedsAnUnlockCodeAndTheRefusalIsAudited()
        {
            var board = new MemoryLinkBoard(new SimFlash());
            board.ConsoleLine("set-technician-code " + Tools.Checks.Security.Technician.Code);
            board.ConsoleLine("login " + Tools.Checks.Security.Technician.Code);
            board.ConsoleLine("set-fleet-key " + new string('1', 64));
            byte[] key = Enumerable.Repeat((byte)0x11, 32).ToArray();
            string ack = FleetUnitTests.Command(board, "l1", 1, "lock", "stolen", key: key);
            StringAssert.Contains(ack, "\"code\":\"refused\"");
            StringAssert.Contains(ack, "no unlock code set");
            Assert.IsFalse(board.Terminal.Security.Lock.IsLocked);
            StringAssert.Contains(string.Join("\n", board.ConsoleLine("log 2")), "lock refused fleet no code");
            // Once a technician set one, the same fleet command (a new sequence) locks.
            board.ConsoleLine("set-unlock-code 80417263");
            StringAssert.Contains(FleetUnitTests.Command(board, "l2", 2, "lock", "stolen", key: key), "\"code\":\"done\"");
            StringAssert.Contains(FleetUnitTests.Command(board, "u1", 3, "unlock", key: key), "\"code\":\"done\"");
            StringAssert.Contains(string.Join("\n", board.ConsoleLine("log 2")), "unlock ok fleet");
        }

        [TestMethod]
        public void TheFleetKeyIsATechniciansAndNeverChangesWhileLocked()
        {
            var board = new MemoryLinkBoard(new SimFlash());
            string key = new string('a', 64);
            CollectionAssert.AreEqual(new[] { "error: login first" }, board.ConsoleLine("set-fleet-key " + key));
            Assert.IsFalse(board.Terminal.Fleet.Guard.HasKey);
            board = FleetUnitTests.Provisioned();
            board.ConsoleLine("lock stolen");
            CollectionAssert.AreEqual(new[] { Service.MaintenanceConsole.LockedRefusal }, board.ConsoleLine("set-fleet-key " + key + " " + key));
            board.ConsoleLine("unlock 80417263");
            StringAssert.Contains(string.Join("\n", board.ConsoleLine("log 8")), "fleet-key-set ok first");
        }

        /// <summary>
        /// The outbox event commits in the operation's own batch: a flash error on its records
        /// fails the whole operation (nothing bound, no event, no audit entry), never an operation
        /// done with its event lost; once the flash works, the next operation and its event land.
        /// </summary>
        [TestMethod]
        public void AnOutboxFlashErrorFailsTheWholeOperationNeverHalfOfIt()
        {
            var rig = new ConsoleRig(new MemoryRecordStore(), bindings: false);
            var store = rig.Store;
            rig.Run("set-unlock-code 80417263");
            var agent = new Firmware.Fleet.FleetAgent("UNIT1", new MemoryLink(), store, rig.Clock, rig.Crypto, rig.Security.Boot,
                new Firmware.Fleet.CommandGuard(store, rig.Clock, rig.Crypto, "UNIT1"), rig.Commands);
            rig.Commands.JoinFleet(agent);
            int entries = rig.Security.Audit.Count;
            store.IoErrorOn = key => key >= Storage.RecordKeys.OutboxHead && key < Storage.RecordKeys.FirstOutboxEvent + Storage.RecordKeys.OutboxEvents;
            Assert.ThrowsExactly<System.IO.IOException>(() => rig.Commands.Lock(Channel.Console, "lost"));
            Assert.IsFalse(rig.Commands.IsLocked, "not locked, in RAM either");
            Assert.AreEqual(0, agent.Outbox.Count);
            Assert.AreEqual(entries, rig.Security.Audit.Count, "no audit entry for what did not happen");
            store.IoErrorOn = null;
            Assert.AreEqual(CommandStatus.Done, rig.Commands.Lock(Channel.Console, "lost"));
            Assert.AreEqual(1, agent.Outbox.Count, "the lock's event waits");
        }

        [TestMethod]
        public void TheAnonymousConsoleSeesNoFleetLineAndNoIdentifier()
        {
            var board = Board();
            StringAssert.Contains(FleetUnitTests.Command(board, "n1", 1, "set-merchant-name", "Wang"), "\"code\":\"done\"");
            board.ConsoleLine("logout");
            string[] status = board.ConsoleLine("status");
            Assert.AreEqual(2, status.Length, string.Join("\n", status));
            string all = string.Join("\n", status);
            foreach (string secret in new[] { "UNIT1", "fleet", "Wang", "backup secret", "lifecycle", "merchant" })
            {
                Assert.IsFalse(all.Contains(secret), secret + " in: " + all);
            }
            board.ConsoleLine("login " + Tools.Checks.Security.Technician.Code);
            all = string.Join("\n", board.ConsoleLine("status"));
            StringAssert.Contains(all, "terminal id: UNIT1");
            StringAssert.Contains(all, "fleet: online");
            StringAssert.Contains(all, "lifecycle: active");
            StringAssert.Contains(all, "merchant name: Wang");
            StringAssert.Contains(all, "backup secret: ok");
        }
    }
}

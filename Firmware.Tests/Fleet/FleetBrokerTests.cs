using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using MQTTnet;
using MQTTnet.Protocol;
using PosTerminal.Tools.Checks.Fleet;
using PosTerminal.Tools.Fleet;
using PosTerminal.Virtual.Parts;

namespace PosTerminal.Firmware.Tests.Fleet
{
    /// <summary>
    /// The fleet against a real Mosquitto (one broker for the class, each test its own
    /// terminal ids): remote lock, offline queueing, forged/replayed/expired commands, the ACL,
    /// events across a power cut counted once, pause and the card reader.
    /// </summary>
    [TestClass]
    public sealed class FleetBrokerTests
    {
        private static MosquittoBroker _broker;

        [ClassInitialize]
        public static void StartBroker(TestContext context)
        {
            _broker = MosquittoBroker.Start(new[] { "LOCK1", "QUEUE1", "ATTACK1", "ACLA", "ACLB", "EVENTS1", "PAUSE1", "SCRIPT1", "ENROLL1", "ENROLL2", "SCRIPT2" });
        }

        [ClassCleanup]
        public static void StopBroker()
        {
            _broker?.Dispose();
        }

        [TestMethod]
        public void LockReachesAConnectedTerminalAndItsLcdShowsTheLockedScreenWithin2s()
        {
            using var rig = new FleetRig(_broker, "LOCK1");
            Assert.AreEqual("idle", rig.Board.ScreenId);
            var watch = Stopwatch.StartNew();
            var desk = System.Threading.Tasks.Task.Run(() => new FleetDesk(rig.DeskOptions(), new System.IO.StringWriter())
                .CommandAsync("LOCK1", "lock", "reported stolen"));
            Assert.IsTrue(rig.Board.RunUntil(() => rig.Board.ScreenId == "locked", TimeSpan.FromSeconds(5)));
            TimeSpan toLcd = watch.Elapsed;
            Assert.IsTrue(toLcd < TimeSpan.FromSeconds(2), "locked screen after " + toLcd.TotalMilliseconds + " ms");
            Assert.IsTrue(rig.Board.RunUntil(() => desk.IsCompleted, FleetRig.Patience));
            Assert.AreEqual(FleetDesk.Ok, desk.Result);
            StringAssert.Contains(string.Join("\n", rig.Board.ScreenLines()), "终端已锁定");
            Assert.AreEqual("reported stolen", rig.Terminal.Security.Lock.Reason);

            // The keypad unlock code still lifts a fleet lock; the fleet's unlock does too.
            var (code, output) = rig.Desk(d => d.CommandAsync("LOCK1", "unlock", ""));
            Assert.AreEqual(FleetDesk.Ok, code, output);
            StringAssert.Contains(output, "unlock: done: terminal unlocked");
            Assert.IsTrue(rig.Board.RunUntil(() => rig.Board.ScreenId == "idle", TimeSpan.FromSeconds(2)));
            (code, output) = rig.Desk(d => d.CommandAsync("LOCK1", "unlock", ""));
            Assert.AreEqual(FleetDesk.Ok, code);
            StringAssert.Contains(output, "already: terminal is not locked");
        }

        [TestMethod]
        public void ATerminalOfflineWhenTheCommandWasSentGetsItAtReconnect()
        {
            using var rig = new FleetRig(_broker, "QUEUE1");
            rig.Board.NetDown();
            Assert.AreEqual("offline", rig.Board.FleetStatus);
            // The broker saw the link die: the retained state is the will, offline.
            var (code, output) = rig.Desk(d => d.ListAsync());
            Assert.AreEqual(FleetDesk.Ok, code);
            StringAssert.Contains(output.Split('\n').First(l => l.StartsWith("QUEUE1")), "offline");

            (code, output) = rig.Desk(d => d.CommandAsync("QUEUE1", "lock", "lost in transit"), timeoutSeconds: 1.5);
            Assert.AreEqual(FleetDesk.Timeout, code, output);
            StringAssert.Contains(output, "queued at the broker");
            rig.Board.Advance(2000000);
            Assert.AreEqual("idle", rig.Board.ScreenId);

            rig.Board.NetUp();
            Assert.IsTrue(rig.Board.RunUntil(() => rig.Board.ScreenId == "locked", FleetRig.Patience), "queued lock not delivered");
            Assert.AreEqual("lost in transit", rig.Terminal.Security.Lock.Reason);
            Assert.AreEqual("online", rig.Board.FleetStatus);
        }

        [TestMethod]
        public void ForgedReplayedExpiredAndMalformedCommandsAreRefusedAckedAndAllAuditedWithoutFloodingTheLog()
        {
            using var rig = new FleetRig(_broker, "ATTACK1");
            var acks = new ConcurrentQueue<string>();
            using IMqttClient fleet = FleetRig.Connect(_broker, MosquittoBroker.FleetUser, "attack-probe");
            fleet.ApplicationMessageReceivedAsync += e =>
            {
                acks.Enqueue(Encoding.UTF8.GetString(e.ApplicationMessage.Payload.ToArray()));
                return System.Threading.Tasks.Task.CompletedTask;
            };
            fleet.SubscribeAsync("pos/ATTACK1/ack", MqttQualityOfServiceLevel.AtLeastOnce).GetAwaiter().GetResult();
            long future = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();
            string Send(byte[] payload)
            {
                int before = acks.Count;
                FleetRig.Publish(fleet, "pos/ATTACK1/cmd", payload);
                Assert.IsTrue(rig.Board.RunUntil(() => acks.Count > before, TimeSpan.FromSeconds(5)), "no ack");
                return acks.ToArray()[before];
            }

            byte[] wrongKey = new byte[32];
            StringAssert.Contains(Send(FleetDesk.SignedCommand("ATTACK1", wrongKey, "f1", 10, future, "lock", "x")), "\"code\":\"forged\"");
            // A valid command, then the very same bytes again.
            byte[] status = FleetDesk.SignedCommand("ATTACK1", rig.Key, "s1", 100, future, "status", "");
            StringAssert.Contains(Send(status), "\"code\":\"done\"");
            StringAssert.Contains(Send(status), "\"code\":\"replayed\"");
            // Tampered: a valid command with its op changed.
            string tampered = Encoding.UTF8.GetString(FleetDesk.SignedCommand("ATTACK1", rig.Key, "t1", 300, future, "status", "")).Replace("\"status\"", "\"unlock\"");
            StringAssert.Contains(Send(Encoding.UTF8.GetBytes(tampered)), "\"code\":\"forged\"");
            long past = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds();
            StringAssert.Contains(Send(FleetDesk.SignedCommand("ATTACK1", rig.Key, "e1", 200, past, "lock", "x")), "\"code\":\"expired\"");
            StringAssert.Contains(Send(Encoding.UTF8.GetBytes("{\"v\":1,\"id\":\"m1\",\"seq\":5,\"seq\":6}")), "\"code\":\"malformed\"");
            Assert.IsFalse(rig.Terminal.Security.Lock.IsLocked);

            string[] log = rig.Console("log");
            Assert.AreEqual(3, log.Count(l => l.Contains("fleet-refused refused")), string.Join("\n", log));
            Assert.IsTrue(log.Any(l => l.Contains("fleet-refused refused forged")));
            Assert.IsTrue(log.Any(l => l.Contains("fleet-refused refused replayed")));

            // A flood: every command is still acked, but the audit ring keeps its other entries.
            uint nextEntry = rig.Terminal.Security.Audit.NextSequence;
            for (int i = 0; i < 20; i++) StringAssert.Contains(Send(FleetDesk.SignedCommand("ATTACK1", wrongKey, "f" + i, 1000 + i, future, "unlock", "")), "forged");
            Assert.AreEqual(nextEntry, rig.Terminal.Security.Audit.NextSequence, "refusals past the window are not written one by one");

            // The window closes: the terminal's own poll writes one summary entry per reason, so
            // the expired and the malformed command reach the log too (and every forged one).
            rig.Board.Advance(Firmware.Fleet.RefusalLimit.WindowMs * 1000);
            Tools.Checks.Security.Technician.LogIn(rig.Board);
            log = rig.Console("log");
            Assert.IsTrue(log.Any(l => l.Contains("fleet-refused refused +1 malformed")), string.Join("\n", log));
            Assert.IsTrue(log.Any(l => l.Contains("fleet-refused refused +20 forged")), string.Join("\n", log));
            Assert.IsTrue(log.Any(l => l.Contains("fleet-refused refused +1 expired")), string.Join("\n", log));
            Assert.AreEqual(6, log.Count(l => l.Contains("fleet-refused refused")), "3 on their own + 3 summaries for 25 refusals: " + string.Join("\n", log));
        }

        [TestMethod]
        public void TheAclStopsTerminalAFromReadingOrWritingTerminalBsTopics()
        {
            using var a = FleetRig.Connect(_broker, "ACLA", "ACLA-probe");
            var seenByA = new ConcurrentQueue<string>();
            a.ApplicationMessageReceivedAsync += e =>
            {
                seenByA.Enqueue(e.ApplicationMessage.Topic);
                return System.Threading.Tasks.Task.CompletedTask;
            };
            var ownSub = a.SubscribeAsync("pos/ACLA/cmd", MqttQualityOfServiceLevel.AtLeastOnce).GetAwaiter().GetResult();
            Assert.AreEqual(MqttClientSubscribeResultCode.GrantedQoS1, ownSub.Items.Single().ResultCode);
            // Mosquitto 2.0.11 grants a subscription the ACL forbids and then delivers nothing on it: checked below.
            a.SubscribeAsync("pos/ACLB/cmd", MqttQualityOfServiceLevel.AtLeastOnce).GetAwaiter().GetResult();
            a.SubscribeAsync("pos/+/cmd", MqttQualityOfServiceLevel.AtLeastOnce).GetAwaiter().GetResult();

            using var fleet = FleetRig.Connect(_broker, MosquittoBroker.FleetUser, "acl-fleet");
            var seenByFleet = new ConcurrentQueue<string>();
            fleet.ApplicationMessageReceivedAsync += e =>
            {
                seenByFleet.Enqueue(e.ApplicationMessage.Topic + " " + Encoding.UTF8.GetString(e.ApplicationMessage.Payload.ToArray()));
                return System.Threading.Tasks.Task.CompletedTask;
            };
            fleet.SubscribeAsync("pos/ACLB/#", MqttQualityOfServiceLevel.AtLeastOnce).GetAwaiter().GetResult();
            fleet.SubscribeAsync("pos/ACLA/state", MqttQualityOfServiceLevel.AtLeastOnce).GetAwaiter().GetResult();

            FleetRig.Publish(fleet, "pos/ACLB/cmd", Encoding.UTF8.GetBytes("for B"));
            FleetRig.Publish(fleet, "pos/ACLA/cmd", Encoding.UTF8.GetBytes("for A"));
            FleetRig.Publish(a, "pos/ACLB/state", Encoding.UTF8.GetBytes("{\"forged\":true}"), retain: true);
            FleetRig.Publish(a, "pos/ACLB/events", Encoding.UTF8.GetBytes("{\"id\":\"forged\"}"));
            FleetRig.Publish(a, "pos/ACLA/state", Encoding.UTF8.GetBytes("{\"own\":true}"));
            Thread.Sleep(700);

            // Positive controls: A gets its own command, the fleet gets A's own state.
            CollectionAssert.Contains(seenByA.ToArray(), "pos/ACLA/cmd");
            Assert.IsTrue(seenByFleet.Any(m => m.StartsWith("pos/ACLA/state")));
            CollectionAssert.DoesNotContain(seenByA.ToArray(), "pos/ACLB/cmd");
            Assert.IsFalse(seenByFleet.Any(m => m.Contains("forged")), string.Join("\n", seenByFleet));
        }

        [TestMethod]
        public void DeregistrationEventsSurviveAPowerCutBeforeDeliveryAndArriveExactlyOnce()
        {
            using var rig = new FleetRig(_broker, "EVENTS1");
            // The desk's persistent session for this terminal's events starts with its first run.
            var (code, output) = rig.Desk(d => d.EventsAsync("EVENTS1"));
            Assert.AreEqual(FleetDesk.Ok, code, output);

            rig.Board.NetDown();
            Drive(rig, "MENU 123456 ENTER 135790 ENTER 135790 ENTER ENTER 1 1 2 6222021234567894 ENTER ENTER ENTER");
            Drive(rig, "2 1 ENTER 135790 ENTER");   // deregister: the password again
            Assert.AreEqual(0, rig.Terminal.Bindings.Count);
            Assert.AreEqual(2, rig.Terminal.Fleet.Outbox.Count);
            rig.Board.PowerOff();            // the plug is pulled before anything was delivered
            rig.Board.PowerOn();
            Assert.AreEqual(2, rig.Terminal.Fleet.Outbox.Count, "events lost in the power cut");
            rig.Board.NetUp();
            rig.WaitOnline();
            Assert.IsTrue(rig.Board.RunUntil(() => rig.Terminal.Fleet.Outbox.Count == 0, FleetRig.Patience), "outbox not delivered");

            (code, output) = rig.Desk(d => d.EventsAsync("EVENTS1"));
            Assert.AreEqual(FleetDesk.Ok, code, output);
            Assert.AreEqual(1, Count(output, " binding-added card *7894"), output);
            Assert.AreEqual(1, Count(output, " binding-deregistered card *7894"), output);
            StringAssert.Contains(output, "events: 2 (2 new");

            // At-least-once: the same event sent again (as after a cut between PUBACK and delete) counts once.
            string last = output.Split('\n').First(l => l.Contains("binding-deregistered")).Split(' ')[0];
            string payload = System.IO.File.ReadAllLines(System.IO.Path.Combine(rig.DeskOptions().DataFolder, "events-EVENTS1.jsonl")).First(l => l.Contains(last));
            using (var terminal = FleetRig.Connect(_broker, "EVENTS1", "EVENTS1-again")) FleetRig.Publish(terminal, "pos/EVENTS1/events", Encoding.UTF8.GetBytes(payload));
            (code, output) = rig.Desk(d => d.EventsAsync("EVENTS1"));
            StringAssert.Contains(output, "events: 2 (0 new, 1 duplicates ignored)");
        }

        [TestMethod]
        public void EventsPublishedAfterEnrollAndBeforeTheFirstEventsRunAreAllCounted()
        {
            using var enrolled = new FleetRig(_broker, "ENROLL1");
            using var control = new FleetRig(_broker, "ENROLL2");
            // The desk enrolls ENROLL1 at provisioning, with the tool's own command line; ENROLL2 it forgets.
            var cli = new System.IO.StringWriter();
            int code = Tools.Fleet.Program.Run(DeskArgs(enrolled, "enroll", "ENROLL1"), cli);
            Assert.AreEqual(FleetDesk.Ok, code, cli.ToString());
            StringAssert.Contains(cli.ToString(), "ENROLL1 enrolled");

            foreach (FleetRig rig in new[] { enrolled, control })
            {
                Drive(rig, "MENU 123456 ENTER 135790 ENTER 135790 ENTER ENTER 1 1 2 6222021234567894 ENTER ENTER ENTER");
                Drive(rig, "2 1 ENTER 135790 ENTER");
                Assert.IsTrue(rig.Board.RunUntil(() => rig.Terminal.Fleet.Outbox.Count == 0, FleetRig.Patience), "outbox not delivered");
            }

            // The first events run: everything since enroll is there, each once.
            cli = new System.IO.StringWriter();
            code = Tools.Fleet.Program.Run(DeskArgs(enrolled, "events", "ENROLL1"), cli);
            string output = cli.ToString();
            Assert.AreEqual(FleetDesk.Ok, code, output);
            Assert.AreEqual(1, Count(output, " binding-added card *7894"), output);
            Assert.AreEqual(1, Count(output, " binding-deregistered card *7894"), output);
            StringAssert.Contains(output, "events: 2 (2 new");

            // Without enroll the broker acknowledged the events to nobody: the terminal deleted them, the desk never sees them.
            var (controlCode, controlOutput) = control.Desk(d => d.EventsAsync("ENROLL2"));
            Assert.AreEqual(FleetDesk.Ok, controlCode, controlOutput);
            StringAssert.Contains(controlOutput, "events: 0 (0 new");
        }

        /// <summary>The fleet tool's command line for this rig's desk: the desk's listener, credentials and keys in files.</summary>
        private static string[] DeskArgs(FleetRig rig, params string[] verb)
        {
            string credentials = System.IO.Path.Combine(rig.Folder, "desk.json");
            System.IO.File.WriteAllText(credentials, "{\"username\":\"" + MosquittoBroker.FleetUser + "\",\"password\":\"" + _broker.Password(MosquittoBroker.FleetUser) + "\"}");
            var args = new System.Collections.Generic.List<string> { "--broker", _broker.DeskAddress, "--credentials", credentials, "--keys", rig.KeysFile,
                "--data", rig.DeskOptions().DataFolder, "--timeout", "5" };
            args.AddRange(verb);
            return args.ToArray();
        }

        [TestMethod]
        public void APausedTerminalTakesNoSwipeAndKeepsItsBindings()
        {
            using var rig = new FleetRig(_broker, "PAUSE1");
            Drive(rig, "MENU 123456 ENTER 135790 ENTER 135790 ENTER ENTER 1 1 3 87654321 ENTER ENTER ENTER CANCEL CANCEL");
            Assert.AreEqual(1, rig.Terminal.Bindings.Count);
            var (code, output) = rig.Desk(d => d.CommandAsync("PAUSE1", "pause", ""));
            Assert.AreEqual(FleetDesk.Ok, code, output);
            StringAssert.Contains(output, "paused yes");
            Assert.IsTrue(rig.Board.RunUntil(() => string.Join("\n", rig.Board.ScreenLines()).Contains("已暂停"), TimeSpan.FromSeconds(2)));

            Drive(rig, "MENU 135790 ENTER 1 1 2");
            Assert.AreEqual("card-entry", rig.Board.ScreenId);
            rig.Board.Swipe(SwipeWaveform.Create(";6222021234567894=30121010000000000?", new SwipeOptions()));
            rig.Board.Advance(50000);
            Assert.AreEqual("card-entry", rig.Board.ScreenId, "a paused terminal decoded a swipe");
            Assert.AreEqual(1, rig.Terminal.Bindings.Count);

            // Still paused after a reboot. The operator cannot lift the fleet's pause...
            rig.Board.Reboot();
            rig.WaitOnline();
            Assert.IsTrue(rig.Terminal.Lifecycle.IsPaused);
            Drive(rig, "MENU 135790 ENTER 8");
            Assert.AreEqual("message", rig.Board.ScreenId, "fleet paused: no password is asked");
            StringAssert.Contains(string.Join("\n", rig.Board.ScreenLines()), "远程暂停中");
            Drive(rig, "ENTER CANCEL");
            // ...the fleet's reactivate lifts its hold, and the terminal waits for the operator's password.
            (code, output) = rig.Desk(d => d.CommandAsync("PAUSE1", "reactivate", ""));
            Assert.AreEqual(FleetDesk.Ok, code, output);
            StringAssert.Contains(output, "fleet hold lifted");
            StringAssert.Contains(output, "paused yes (waiting for the operator)", "the desk sees who must act next");
            Assert.IsTrue(rig.Terminal.Lifecycle.IsPaused, "the fleet alone does not reactivate it");
            Drive(rig, "MENU 135790 ENTER 1 1 2");
            rig.Board.Swipe(SwipeWaveform.Create(";6222021234567894=30121010000000000?", new SwipeOptions()));
            rig.Board.Advance(50000);
            Assert.AreEqual("card-entry", rig.Board.ScreenId, "still paused: no swipe");
            Drive(rig, "CANCEL CANCEL CANCEL CANCEL");
            Assert.AreEqual("idle", rig.Board.ScreenId);
            // The operator's password again: active, and the reader is back.
            Drive(rig, "MENU 135790 ENTER 8 135790 ENTER");
            Assert.IsFalse(rig.Terminal.Lifecycle.IsPaused);
            Drive(rig, "ENTER 1 1 2");
            rig.Board.Swipe(SwipeWaveform.Create(";6222021234567894=30121010000000000?", new SwipeOptions()));
            rig.Board.Advance(50000);
            Assert.AreEqual("binding-review", rig.Board.ScreenId);
            Assert.AreEqual(1, rig.Terminal.Bindings.Count, "bindings kept through the pause");
        }

        [TestMethod]
        public void ScriptTokensNetDownAndNetUpCutAndRestoreTheLink()
        {
            using var rig = new FleetRig(_broker, "SCRIPT1");
            var output = new System.IO.StringWriter();
            var runner = new Virtual.Script.ScriptRunner(rig.Board, output);
            Assert.AreEqual(0, runner.Run("net down wait 1"), runner.LastError);
            Assert.AreEqual("offline", rig.Board.FleetStatus);
            Assert.AreEqual(0, runner.Run("net up"), runner.LastError);
            Assert.IsTrue(rig.Board.RunUntil(() => rig.Board.FleetStatus == "online", FleetRig.Patience));
            Assert.AreEqual(2, runner.Run("net sideways"));
            StringAssert.Contains(runner.LastError, "'net' needs 'down' or 'up'");
            var lone = new Virtual.EventBoard(new Virtual.Flash.SimFlash());
            lone.PowerOn();
            var loneRunner = new Virtual.Script.ScriptRunner(lone, output);
            Assert.AreEqual(2, loneRunner.Run("net down"));
            StringAssert.Contains(loneRunner.LastError, "needs a fleet link (--broker HOST:PORT)");
        }

        [TestMethod]
        public void AScriptedRunInTheFleetGetsTheCommandQueuedBeforeItAndAcksItDuringAWait()
        {
            // 'wait 8': a cold simulator process connects within a second here, but a loaded CI machine may take several.
            using var sim = new Simulator.SimulatorProcess();
            string flashFile = sim.PathOf("SCRIPT2.flash");
            byte[] key;
            // Provisioned and online once (the broker keeps its session), then switched off.
            using (var rig = new FleetRig(_broker, "SCRIPT2", new Virtual.Flash.SimFlash(path: flashFile)))
            {
                key = rig.Key;
                rig.Board.PowerOff();
            }
            var acks = new ConcurrentQueue<string>();
            using IMqttClient desk = FleetRig.Connect(_broker, MosquittoBroker.FleetUser, "script-desk");
            desk.ApplicationMessageReceivedAsync += e =>
            {
                acks.Enqueue(Encoding.UTF8.GetString(e.ApplicationMessage.Payload.ToArray()));
                return System.Threading.Tasks.Task.CompletedTask;
            };
            desk.SubscribeAsync("pos/SCRIPT2/ack", MqttQualityOfServiceLevel.AtLeastOnce).GetAwaiter().GetResult();
            long exp = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();
            FleetRig.Publish(desk, "pos/SCRIPT2/cmd", FleetDesk.SignedCommand("SCRIPT2", key, "before-run", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), exp, "lock", "queued"));

            sim.Environment[Virtual.Fleet.FleetLinkSettings.PasswordVariable] = _broker.Password("SCRIPT2");
            var watch = Stopwatch.StartNew();
            Simulator.SimulatorProcess.Result run = sim.Run("screen\nwait 8\nscreen\n", "--script", "-", "--board", "events", "--flash", flashFile,
                "--broker", _broker.Address, "--terminal-id", "SCRIPT2");
            Assert.AreEqual(0, run.Code, run.Error);
            string[] screens = run.Output.Split("[", StringSplitOptions.RemoveEmptyEntries);
            StringAssert.StartsWith(screens[0], "idle]", run.Output);
            StringAssert.StartsWith(screens[1], "locked]", "the queued lock did not arrive during 'wait 8': " + run.Output + run.Error);
            Assert.IsTrue(SpinWait.SpinUntil(() => acks.Any(a => a.Contains("\"id\":\"before-run\"")), 2000), "no ack");
            StringAssert.Contains(acks.First(a => a.Contains("\"id\":\"before-run\"")), "\"code\":\"done\"");
            Assert.IsTrue(watch.Elapsed >= TimeSpan.FromSeconds(8), "a wait in the fleet runs in real time");
        }

        private static void Drive(FleetRig rig, string keys)
        {
            rig.Board.PressKeys(keys);
        }

        private static int Count(string text, string part)
        {
            int n = 0;
            for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal)) n++;
            return n;
        }
    }

    /// <summary>A broker restart on its own broker (the other class's tests keep theirs).</summary>
    [TestClass]
    public sealed class FleetBrokerRestartTests
    {
        [TestMethod]
        public void ABrokerRestartIsSurvived()
        {
            using MosquittoBroker broker = MosquittoBroker.Start(new[] { "RESTART1" });
            using var rig = new FleetRig(broker, "RESTART1");
            int before = rig.Terminal.Fleet.Connections;
            broker.Restart();
            Assert.IsTrue(rig.Board.RunUntil(() => rig.Terminal.Fleet.Connections > before && rig.Terminal.Fleet.Online, FleetRig.Patience),
                "no reconnect after the restart: " + rig.Board.FleetLink.LastError);
            var (code, output) = rig.Desk(d => d.CommandAsync("RESTART1", "status", ""));
            Assert.AreEqual(FleetDesk.Ok, code, output);
            StringAssert.Contains(output, "status: done: terminal active");
        }
    }
}

using System;
using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Storage;
using PosTerminal.Firmware.Tests.Support;
using PosTerminal.Virtual;

namespace PosTerminal.Firmware.Tests
{
    [TestClass]
    public sealed class LoginGuardTests
    {
        private const long Second = 1000000;

        [TestMethod]
        public void FiveFreeTriesThenOneMinuteDoublingToOneHour()
        {
            var clock = new VirtualClock();
            var guard = new LoginGuard(new MemoryRecordStore(), clock);
            for (int i = 1; i <= 4; i++)
            {
                Assert.AreEqual(LoginGate.Allowed, guard.BeginAttempt(), "try " + i);
                Assert.AreEqual(5 - i, guard.AttemptsLeft);
                Assert.AreEqual(0, guard.RemainingLockMs);
            }
            long[] expectedSeconds = { 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600 };
            foreach (long seconds in expectedSeconds)
            {
                Assert.AreEqual(LoginGate.Allowed, guard.BeginAttempt());
                Assert.AreEqual(seconds * 1000, guard.RemainingLockMs, "lock after failure " + guard.FailedCount);
                Assert.AreEqual(LoginGate.Locked, guard.BeginAttempt());
                Run(clock, guard, seconds * Second - Second);
                Assert.AreEqual(LoginGate.Locked, guard.BeginAttempt(), "one second before the end");
                Assert.AreEqual("0:01", LoginGuard.FormatRemaining(guard.RemainingLockMs));
                Run(clock, guard, Second);
                Assert.AreEqual(0, guard.RemainingLockMs);
            }
            Assert.AreEqual(13, guard.FailedCount);
        }

        [TestMethod]
        public void LockTable()
        {
            Assert.AreEqual(0, LoginGuard.LockMsAfter(4));
            Assert.AreEqual(60000, LoginGuard.LockMsAfter(5));
            Assert.AreEqual(1920000, LoginGuard.LockMsAfter(10));
            Assert.AreEqual(3600000, LoginGuard.LockMsAfter(11));
            Assert.AreEqual(3600000, LoginGuard.LockMsAfter(65535));
        }

        [TestMethod]
        public void SuccessClearsTheCountAndTheArmedLock()
        {
            var clock = new VirtualClock();
            var store = new MemoryRecordStore();
            var guard = new LoginGuard(store, clock);
            for (int i = 0; i < 4; i++) guard.BeginAttempt();
            Assert.AreEqual(LoginGate.Allowed, guard.BeginAttempt());
            Assert.IsTrue(guard.IsLocked, "the fifth attempt arms its lock before the compare");
            guard.RecordSuccess();
            Assert.IsFalse(guard.IsLocked);
            Assert.AreEqual(0, guard.FailedCount);
            Assert.AreEqual(0, new LoginGuard(store, clock).FailedCount, "cleared in the store too");
        }

        [TestMethod]
        public void CountAndLockSurviveAReboot()
        {
            var clock = new VirtualClock();
            var store = new MemoryRecordStore();
            var guard = new LoginGuard(store, clock);
            Fail(clock, guard, 6); // the 6th failure: 120 s
            Run(clock, guard, 45 * Second);
            Assert.AreEqual(75000, guard.RemainingLockMs);

            clock.PowerOn();
            var rebooted = new LoginGuard(store, clock);
            Assert.AreEqual(6, rebooted.FailedCount);
            long remaining = rebooted.RemainingLockMs;
            Assert.IsTrue(remaining >= 75000 && remaining <= 75000 + LoginGuard.ProgressPersistMs,
                "never shorter, at most one persist interval longer: " + remaining);
            Assert.AreEqual(LoginGate.Locked, rebooted.BeginAttempt());
        }

        [TestMethod]
        public void RebootsNeverShortenTheLock()
        {
            var random = new Random(5);
            var clock = new VirtualClock();
            var store = new MemoryRecordStore();
            var guard = new LoginGuard(store, clock);
            Fail(clock, guard, 8); // the 8th failure: 480 s
            Assert.AreEqual(480000, guard.RemainingLockMs);
            long served = 0;
            int reboots = 0;
            while (guard.RemainingLockMs > 0)
            {
                reboots++;
                long step = random.Next(1, 30) * Second;
                Run(clock, guard, step);
                served += step / 1000;
                clock.PowerOn();
                guard = new LoginGuard(store, clock);
            }
            Assert.IsTrue(served >= 480000, "lock served while powered: " + served + " ms");
            Assert.IsTrue(served < 480000 + reboots * LoginGuard.ProgressPersistMs + 30000,
                "each reboot adds at most one persist interval: " + served + " ms, " + reboots + " reboots");
        }

        [TestMethod]
        public void AttemptIsCommittedBeforeThePasswordIsCompared()
        {
            var events = new List<string>();
            var store = new MemoryRecordStore(events);
            var crypto = new CountingCrypto(events);
            var security = new SecurityServices(store, new VirtualClock(), crypto, 4);
            security.Password.Replace(PasswordHash.Create(crypto, "246813", 4));
            events.Clear();
            security.Login("999999");
            string guardWrite = "write 0x" + RecordKeys.LoginGuard.ToString("x2");
            Assert.AreEqual(guardWrite, events[0], string.Join(", ", events));
            Assert.AreEqual("hmac", events[1], string.Join(", ", events));
        }

        [TestMethod]
        public void ACutBetweenAttemptAndRecordingGivesNoFreeTry()
        {
            var clock = new VirtualClock();
            var store = new MemoryRecordStore();
            var crypto = new CountingCrypto();
            var rig = new ConsoleRig(store, clock, login: false, crypto: crypto);
            rig.Security.Password.Replace(PasswordHash.Create(crypto, "246813", 4));
            for (int i = 0; i < 4; i++) rig.Commands.OperatorLogin("999999");

            // The fifth guess: the power goes the moment the guard's commit is done, before its audit entry.
            store.CutAtCommit = 2;
            int hmacsBefore = crypto.HmacCalls;
            Assert.ThrowsExactly<PowerCutException>(() => rig.Commands.OperatorLogin("999999"));
            Assert.IsTrue(crypto.HmacCalls > hmacsBefore, "the guess was compared");

            clock.PowerOn();
            var rebooted = new SecurityServices(store, clock, crypto);
            Assert.AreEqual(5, rebooted.Guard.FailedCount);
            Assert.AreEqual(LoginOutcome.LockedOut, rebooted.Login("246813"), "locked even for the right password");
        }

        [TestMethod]
        public void ACutDuringTheAttemptCommitComparesNothing()
        {
            var clock = new VirtualClock();
            var store = new MemoryRecordStore();
            var crypto = new CountingCrypto();
            var security = new SecurityServices(store, clock, crypto, 4);
            security.Password.Replace(PasswordHash.Create(crypto, "246813", 4));
            store.CutAtCommit = 1;
            int hmacsBefore = crypto.HmacCalls;
            Assert.ThrowsExactly<PowerCutException>(() => security.Login("999999"));
            Assert.AreEqual(hmacsBefore, crypto.HmacCalls, "no comparison without a recorded attempt");
        }

        [TestMethod]
        public void AFullStoreRefusesTheAttempt()
        {
            var store = new MemoryRecordStore { CapacityBytes = 0 };
            var guard = new LoginGuard(store, new VirtualClock());
            Assert.AreEqual(LoginGate.Unavailable, guard.BeginAttempt());
            Assert.AreEqual(0, guard.FailedCount);
        }

        /// <summary>Changed by issue 10 (was: a first 1-minute lock): an unreadable record puts the guard at its maximum.</summary>
        [TestMethod]
        public void AnUnreadableRecordPutsTheGuardAtItsMaximum()
        {
            var store = new MemoryRecordStore();
            store.Write(RecordKeys.LoginGuard, new byte[] { 9, 9 });
            var guard = new LoginGuard(store, new VirtualClock());
            Assert.AreEqual(LoginGuard.MaxLockMs, guard.RemainingLockMs);
            Assert.IsTrue(guard.Damaged);
        }

        /// <summary>Issue 10: a damaged newest record (the store may read an older count, even 0) never lowers the count.</summary>
        [TestMethod]
        public void ADamagedRecordNeverBringsBackAnOlderCount()
        {
            var clock = new VirtualClock();
            var store = new MemoryRecordStore();
            var guard = new LoginGuard(store, clock);
            guard.BeginAttempt();
            guard.RecordSuccess();
            store.Damaged.Add(RecordKeys.LoginGuard);
            var rebooted = new LoginGuard(store, clock);
            Assert.AreEqual(LoginGuard.MaxLockMs, rebooted.RemainingLockMs);
            Assert.AreEqual(LoginGate.Locked, rebooted.BeginAttempt());
            Run(clock, rebooted, LoginGuard.MaxLockMs * 1000);
            Assert.AreEqual(LoginGate.Allowed, rebooted.BeginAttempt());
            Assert.AreEqual(LoginGuard.MaxLockMs, rebooted.RemainingLockMs, "every further failure earns the longest lock");
        }

        /// <summary>
        /// An attacker guessing as fast as the guard allows, pulling the power at random
        /// (after guesses, and in the middle of locks) for 24 hours of real time. Time spent
        /// off counts as real time but not as lock time (no RTC).
        /// </summary>
        [TestMethod]
        public void BruteForceAcrossRebootsGetsAtMostTenGuessesPerHour()
        {
            var random = new Random(42);
            var clock = new VirtualClock();
            var store = new MemoryRecordStore();
            var guard = new LoginGuard(store, clock);
            var guesses = new List<long>();
            long realMs = 0;
            const long Day = 24 * 3600 * 1000L;
            while (realMs < Day)
            {
                if (guard.BeginAttempt() == LoginGate.Allowed)
                {
                    guesses.Add(realMs);
                    realMs += 2000; // typing the next guess
                    Run(clock, guard, 2 * Second);
                }
                else
                {
                    long step = random.Next(1, 40) * 1000L;
                    realMs += step;
                    Run(clock, guard, step * 1000);
                }
                if (random.NextDouble() < 0.2)
                {
                    realMs += random.Next(500, 5000); // off, then booting
                    clock.PowerOn();
                    guard = new LoginGuard(store, clock);
                }
            }
            int worstHour = 0;
            for (int i = 0; i < guesses.Count; i++)
            {
                int inHour = 0;
                for (int j = i; j < guesses.Count && guesses[j] < guesses[i] + 3600 * 1000L; j++) inHour++;
                worstHour = Math.Max(worstHour, inHour);
            }
            Console.WriteLine("guesses in 24 h: " + guesses.Count + ", worst hour: " + worstHour);
            Assert.IsTrue(worstHour <= 10, "worst hour: " + worstHour);
            Assert.IsTrue(guesses.Count <= 10 + 24, "sustained about one per hour: " + guesses.Count);
            Assert.IsTrue(guesses.Count >= 10, "the attacker did get the free tries: " + guesses.Count);
        }

        // Fails until failures wrong attempts are recorded, sitting out the locks in between.
        private static void Fail(VirtualClock clock, LoginGuard guard, int failures)
        {
            while (guard.FailedCount < failures)
            {
                if (guard.BeginAttempt() == LoginGate.Locked) Run(clock, guard, guard.RemainingLockMs * 1000);
            }
        }

        // Runs the main loop (a Poll every 100 ms of virtual time) for us microseconds.
        private static void Run(VirtualClock clock, LoginGuard guard, long us)
        {
            for (long t = 0; t < us; t += 100000)
            {
                clock.AdvanceMicros(Math.Min(100000, us - t));
                guard.Poll();
            }
        }
    }
}

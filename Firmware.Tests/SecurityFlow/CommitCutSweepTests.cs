using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Tools.Checks.Security;

namespace PosTerminal.Firmware.Tests.SecurityFlow
{
    /// <summary>
    /// Issue 10 item 5: factory reset, restore, a keypad bind and a keypad deregistration (each
    /// with its audit entry) under a power cut at every flash operation, on the real LogStore.
    /// Never a security rollback, never a torn state: the store commits a batch atomically
    /// (asserted on the store itself first, so the torn check can never be switched off).
    /// </summary>
    [TestClass]
    public sealed class CommitCutSweepTests
    {
        [TestMethod]
        public void TheStoreCommitsABatchWhole()
        {
            Assert.IsTrue(CommitCutSweep.StoreIsAtomic(), "a cut inside a two-record batch left one of them");
        }

        [TestMethod]
        public void FactoryResetUnderEveryCut()
        {
            Check(CommitCutSweep.FactoryReset());
        }

        [TestMethod]
        public void RestoreUnderEveryCut()
        {
            Check(CommitCutSweep.Restore());
        }

        /// <summary>The binding and its binding-added entry: both or neither.</summary>
        [TestMethod]
        public void BindUnderEveryCut()
        {
            Check(CommitCutSweep.Bind());
        }

        /// <summary>The slot's removal and its binding-deregistered entry: both or neither.</summary>
        [TestMethod]
        public void DeregisterUnderEveryCut()
        {
            Check(CommitCutSweep.Deregister());
        }

        private static void Check(CutSweepReport report)
        {
            Console.WriteLine(report);
            foreach (string torn in report.Torn) Console.WriteLine("  torn: " + torn);
            Assert.IsTrue(report.UncutNew, "the uncut command must reach the new state: " + report);
            Assert.IsTrue(report.Operations > 4, "the sweep must cut inside the commit: " + report);
            Assert.AreEqual(3 * report.Operations, report.Cases);
            Assert.IsTrue(report.Old > 0 && report.New > 0, "cuts before and after the commit point: " + report);
            Assert.AreEqual(0, report.Rollbacks.Count, string.Join("\n", report.Rollbacks));
            Assert.IsTrue(CommitCutSweep.StoreIsAtomic(), "0 torn below needs the store's atomic Commit");
            Assert.AreEqual(0, report.Torn.Count, string.Join("\n", report.Torn));
            Assert.AreEqual(report.Cases, report.Old + report.New + report.Torn.Count);
        }
    }
}

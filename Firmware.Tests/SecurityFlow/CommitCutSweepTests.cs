using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Tools.Checks.Security;

namespace PosTerminal.Firmware.Tests.SecurityFlow
{
    /// <summary>
    /// Issue 10 item 5: factory reset and restore under a power cut at every flash operation,
    /// on the real LogStore. Never a security rollback; and, once the store commits a batch
    /// atomically (storage's branch: StoreIsAtomic checks the store itself), never a torn state.
    /// </summary>
    [TestClass]
    public sealed class CommitCutSweepTests
    {
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

        private static void Check(CutSweepReport report)
        {
            Console.WriteLine(report);
            foreach (string torn in report.Torn) Console.WriteLine("  torn: " + torn);
            Assert.IsTrue(report.UncutNew, "the uncut command must reach the new state: " + report);
            Assert.IsTrue(report.Operations > 4, "the sweep must cut inside the commit: " + report);
            Assert.AreEqual(3 * report.Operations, report.Cases);
            Assert.IsTrue(report.Old > 0 && report.New > 0, "cuts before and after the commit point: " + report);
            Assert.AreEqual(0, report.Rollbacks.Count, string.Join("\n", report.Rollbacks));
            if (CommitCutSweep.StoreIsAtomic())
            {
                Assert.AreEqual(0, report.Torn.Count, string.Join("\n", report.Torn));
            }
        }
    }
}

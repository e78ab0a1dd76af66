using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Simulator.StoreCheck;

namespace PosTerminal.Firmware.Tests
{
    /// <summary>
    /// The exhaustive power-cut sweep over LogStore (see PowerCutSweep): every program word
    /// and erase of a 320-operation workload, cut before, after and torn. The full-size
    /// sweep over more operations and seeds runs with POSTERMINAL_LONG_SWEEP=1.
    /// </summary>
    [TestClass]
    public sealed class PowerCutSweepTests
    {
        public TestContext TestContext { get; set; }

        [TestMethod]
        public void EveryCutPointKeepsCommittedStateAndBootsTheSameTwice()
        {
            SweepResult result = PowerCutSweep.Run(new SweepOptions { SectorSize = 1024, SectorCount = 4, Operations = 320, Seed = 1 });
            TestContext.WriteLine(result.ToString());
            Assert.AreEqual(0L, result.Problems, result + "\n" + result.FirstFailures);
            Assert.IsTrue(result.CutPoints >= 10000, "only " + result.CutPoints + " cut points");
            Assert.IsTrue(result.EraseCutPoints > 0, "no cut landed on an erase: the workload never filled a sector");
        }
    }
}

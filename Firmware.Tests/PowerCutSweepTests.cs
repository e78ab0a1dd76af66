using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Tools.Checks.Store;

namespace PosTerminal.Firmware.Tests
{
    /// <summary>
    /// The exhaustive power-cut sweep over LogStore (see PowerCutSweep): every program word
    /// and erase of a 320-operation workload with batches (restore, factory reset, a binding
    /// with its audit entry), cut before, after and torn, with reboots and checks after each:
    /// old or new state (a batch all or none), no key called damaged. Two regions: 1 KiB sectors, where compaction runs every few
    /// operations (most of the interesting cut points), and the real 4 KiB sectors with a
    /// reboot every 8 operations (each boot that commits opens a fresh sector, so compaction
    /// runs there too). The long sweep (2,000 operations per region over three seeds, minutes)
    /// is a benchmark: `dotnet run -c Release --project tools/bench -- --bench store --long`.
    /// </summary>
    [TestClass]
    public sealed class PowerCutSweepTests
    {
        public TestContext TestContext { get; set; }

        [TestMethod]
        public void EveryCutPointKeepsCommittedStateSmallSectors()
        {
            SweepResult result = Sweep(new SweepOptions { SectorSize = 1024, SectorCount = 4, Operations = 320, Seed = 1, RebootEvery = 11 });
            Assert.IsGreaterThanOrEqualTo(10000L, result.CutPoints);
        }

        [TestMethod]
        public void EveryCutPointKeepsCommittedStateRealSectors()
        {
            Sweep(new SweepOptions { SectorSize = 4096, SectorCount = 3, Operations = 320, Seed = 2, RebootEvery = 8, TornVariants = 1, CutRecovery = false });
        }

        private SweepResult Sweep(SweepOptions options)
        {
            SweepResult result = PowerCutSweep.Run(options);
            TestContext.WriteLine(options + ": " + result);
            Assert.AreEqual(0L, result.Problems, result + "\n" + result.FirstFailures);
            Assert.IsGreaterThan(0L, result.EraseCutPoints, "no cut landed on an erase: the workload never filled a sector");
            Assert.IsGreaterThan(1000L, result.BatchCutPoints, "the workload's batches got their cuts");
            return result;
        }
    }
}

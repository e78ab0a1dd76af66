using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Parts;

namespace PosTerminal.Firmware.Tests.PinLevel
{
    /// <summary>
    /// Zero LCD problems over the whole suite: every PinBoard built anywhere in the run (by a
    /// PinLevelTest or not, through Program.CreateBoard or `new`) is watched. After each test
    /// the boards that test built are checked, failing that test; at the end of the run every
    /// board is checked again, failing the run, in case a board was built off the test's flow.
    /// A simulated ST7920 made on its own (SimSt7920Tests provoke problems on purpose) is not
    /// a board's and is not watched.
    /// </summary>
    [TestClass]
    public sealed class LcdWatch
    {
        private static readonly ConcurrentQueue<SimSt7920> AllLcds = new ConcurrentQueue<SimSt7920>();
        private static readonly AsyncLocal<List<PinBoard>> TestBoards = new AsyncLocal<List<PinBoard>>();

        /// <summary>Boards watched so far in this run.</summary>
        public static int Watched { get { return AllLcds.Count; } }

        /// <summary>Boards the running test has built so far.</summary>
        public static int BuiltByThisTest { get { return TestBoards.Value == null ? 0 : TestBoards.Value.Count; } }

        [AssemblyInitialize]
        public static void StartWatching(TestContext context)
        {
            PinBoard.Built += OnBuilt;
        }

        [GlobalTestInitialize]
        public static void BeginTest(TestContext context)
        {
            TestBoards.Value = new List<PinBoard>();
        }

        [GlobalTestCleanup]
        public static void EndTest(TestContext context)
        {
            List<PinBoard> boards = TestBoards.Value;
            TestBoards.Value = null;
            if (boards != null) AssertNoProblems(boards.Select(b => b.Lcd), "this test");
        }

        [AssemblyCleanup]
        public static void CheckEveryBoard()
        {
            PinBoard.Built -= OnBuilt;
            AssertNoProblems(AllLcds, "a pin-level board of this run");
        }

        private static void OnBuilt(PinBoard board)
        {
            AllLcds.Enqueue(board.Lcd);
            TestBoards.Value?.Add(board);
        }

        private static void AssertNoProblems(IEnumerable<SimSt7920> lcds, string whose)
        {
            string problems = string.Join("\n", lcds.ToArray().SelectMany(l => l.Problems));
            Assert.AreEqual("", problems, "the simulated ST7920 of " + whose + " reported protocol errors, misaligned characters or timing violations");
        }
    }
}

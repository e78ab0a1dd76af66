using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Parts;

namespace PosTerminal.Firmware.Tests.Keypad
{
    /// <summary>The simulated switch matrix must behave like the wires it stands for.</summary>
    [TestClass]
    public sealed class SimKeypadMatrixTests
    {
        [TestMethod]
        public void AColumnReadsLowOnlyWhenAClosedSwitchJoinsItToALowRow()
        {
            var matrix = new SimKeypadMatrix(2, 2, new VirtualClock(), maxBounceMicros: 0);
            matrix.Press(1, 0);
            Assert.IsTrue(matrix.ColumnLines[0].Read(), "rows released: the pull-up wins");
            matrix.RowLines[0].Write(false);
            Assert.IsTrue(matrix.ColumnLines[0].Read(), "row 0 is low but the closed switch is on row 1");
            matrix.RowLines[1].Write(false);
            Assert.IsFalse(matrix.ColumnLines[0].Read());
            Assert.IsTrue(matrix.ColumnLines[1].Read());
            Assert.AreEqual(4, matrix.Reads);
            Assert.AreEqual(2, matrix.Writes);
            Assert.AreEqual(6, matrix.GpioOperations);
        }

        [TestMethod]
        public void ThreeClosedCornersMakeTheFourthReadClosed()
        {
            var matrix = new SimKeypadMatrix(2, 2, new VirtualClock(), maxBounceMicros: 0);
            matrix.Press(0, 0);
            matrix.Press(0, 1);
            matrix.Press(1, 0);
            matrix.RowLines[1].Write(false);
            Assert.IsFalse(matrix.ColumnLines[1].Read(), "row 1 reaches column 1 through (1,0), (0,0) and (0,1)");
        }

        [TestMethod]
        public void EdgesAreCountedWithoutReads()
        {
            var matrix = new SimKeypadMatrix(1, 2, new VirtualClock(), maxBounceMicros: 0);
            matrix.RowLines[0].Write(false);
            matrix.Press(0, 1);
            matrix.Release(0, 1);
            Assert.AreEqual(0, matrix.ColumnLines[0].Edges);
            Assert.AreEqual(2, matrix.ColumnLines[1].Edges);
            Assert.AreEqual(0, matrix.Reads);
        }

        [TestMethod]
        public void ContactsBounceThenSettleAtTheReturnedTime()
        {
            var clock = new VirtualClock();
            var matrix = new SimKeypadMatrix(1, 1, clock, seed: 4, maxBounceMicros: 5000);
            matrix.RowLines[0].Write(false);
            long settles = matrix.Press(0, 0);
            Assert.IsTrue(settles > clock.UptimeMicros && settles <= clock.UptimeMicros + 5000);
            clock.AdvanceMicros(settles - clock.UptimeMicros - 1);
            int edgesBeforeSettling = matrix.ColumnLines[0].Edges;
            clock.AdvanceMicros(1);
            Assert.IsTrue(matrix.IsClosed(0, 0));
            Assert.IsTrue(edgesBeforeSettling >= 2, "a bouncing contact makes and breaks before it settles");
            Assert.AreEqual(1, matrix.ColumnLines[0].Edges % 2, "settled closed: an odd number of edges from high");
            clock.AdvanceMicros(100_000);
            Assert.IsTrue(matrix.IsClosed(0, 0));
        }

        [TestMethod]
        public void SameSeedBouncesTheSameWay()
        {
            long[] Settles(int seed)
            {
                var matrix = new SimKeypadMatrix(1, 1, new VirtualClock(), seed);
                return new[] { matrix.Press(0, 0), matrix.Release(0, 0) };
            }
            CollectionAssert.AreEqual(Settles(9), Settles(9));
            CollectionAssert.AreNotEqual(Settles(9), Settles(10));
        }
    }
}

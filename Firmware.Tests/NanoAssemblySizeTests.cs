using System.Globalization;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Tests.NanoGate;

namespace PosTerminal.Firmware.Tests
{
    /// <summary>
    /// Each nano assembly must fit one nanoFramework .pe: its byte code table and its string table
    /// are addressed by 16-bit offsets, at most 65,535 bytes each (NanoImage: the byte code counted
    /// exactly as the metadata processor writes it, the strings bounded from above). The firmware
    /// as one assembly was 66,916 bytes of byte code and could not be deployed; NanoGateTests read
    /// only metadata and could not see it. This fails at 90 % of a table, so the next split is made
    /// while the device still builds (and a newer metadata processor has a little room), and names
    /// the assembly and its share from 75 %: shown with
    /// `dotnet test Firmware.Tests --filter NanoAssemblySize --logger "console;verbosity=detailed"`.
    /// `dotnet test` builds Debug, whose IL is the larger (the device's Debug deploy must fit too).
    /// </summary>
    [TestClass]
    public sealed class NanoAssemblySizeTests
    {
        public const double FailShare = 0.90;
        public const double WarnShare = 0.75;

        public TestContext TestContext { get; set; }

        public enum Room { Ample, Warning, Over }

        /// <summary>Where a table of this many bytes stands against the 16-bit limit.</summary>
        public static Room Judge(int bytes)
        {
            if (bytes > FailShare * NanoImage.TableLimit) return Room.Over;
            return bytes > WarnShare * NanoImage.TableLimit ? Room.Warning : Room.Ample;
        }

        public static string Describe(string assembly, string table, int bytes)
        {
            double share = (double)bytes / NanoImage.TableLimit;
            return assembly + ": " + table + " " + bytes.ToString("N0", CultureInfo.InvariantCulture) + " of 65,535 bytes ("
                + share.ToString("P0", CultureInfo.InvariantCulture) + ")";
        }

        [TestMethod]
        [DataRow("PosTerminal.Hal")]
        [DataRow("PosTerminal.Firmware.Core")]
        [DataRow("PosTerminal.Firmware")]
        public void EachNanoAssemblyFitsOnePeFileWithRoomToGrow(string assembly)
        {
            string path = TestPaths.NanoAssembly(assembly);
            Assert.IsTrue(File.Exists(path), "the nano assembly was not built: " + path);
            NanoImage image = NanoImage.Read(path);
            Assert.AreEqual(assembly, image.Name);
            Assert.IsGreaterThan(1000, image.ByteCode, "counted nothing: " + image.ByteCode);
            string byteCode = Describe(assembly, "byte code", image.ByteCode);
            string strings = Describe(assembly, "strings (upper bound)", image.StringsBound);
            TestContext.WriteLine(byteCode + "; CIL " + image.CilBytes + " bytes in " + image.Methods + " methods");
            TestContext.WriteLine(strings);
            foreach (string figure in new[] { byteCode, strings })
            {
                int bytes = figure == byteCode ? image.ByteCode : image.StringsBound;
                if (Judge(bytes) == Room.Warning)
                    TestContext.WriteLine("WARNING " + figure + ": move a folder to another assembly before it reaches " + FailShare.ToString("P0", CultureInfo.InvariantCulture));
                Assert.AreNotEqual(Room.Over, Judge(bytes), figure + ": over " + FailShare.ToString("P0", CultureInfo.InvariantCulture)
                    + " of what a .pe can address; split it (Firmware/Nano, the device's .nfproj files)");
            }
        }

        [TestMethod]
        public void TheLimitsAreJudgedAtTheirShares()
        {
            Assert.AreEqual(Room.Ample, Judge(30_858));
            Assert.AreEqual(Room.Warning, Judge(50_000));
            Assert.AreEqual(Room.Over, Judge(59_000));
            Assert.AreEqual(Room.Over, Judge(66_916), "the firmware as one assembly (harness2, main 571a0f7)");
            StringAssert.Contains(Describe("PosTerminal.Firmware.Core", "byte code", 30_858), "PosTerminal.Firmware.Core: byte code 30,858 of 65,535 bytes (47");
        }

        /// <summary>CodeWriter's encoding, instruction by instruction (IL written out by hand).</summary>
        [TestMethod]
        [DataRow(new byte[] { 0x02, 0x28, 1, 0, 0, 0x0A, 0x2A }, 0, 5, DisplayName = "ldarg.0; call token (2 bytes); ret")]
        [DataRow(new byte[] { 0x72, 1, 0, 0, 0x70, 0x7B, 2, 0, 0, 0x04, 0x8D, 3, 0, 0, 0x01, 0x2A }, 0, 10, DisplayName = "ldstr, ldfld, newarr: 16-bit tokens")]
        [DataRow(new byte[] { 0x20, 0xA0, 0x86, 1, 0, 0x1F, 5, 0x38, 0, 0, 0, 0, 0x2B, 0, 0x2A }, 0, 13, DisplayName = "ldc.i4 stays 4, ldc.i4.s 1, br 2, br.s 1")]
        [DataRow(new byte[] { 0x45, 3, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0x2A }, 0, 9, DisplayName = "switch: a count byte and 16-bit targets")]
        [DataRow(new byte[] { 0xFE, 0x06, 1, 0, 0, 0x06, 0xFE, 0x09, 1, 0, 0xD0, 1, 0, 0, 0x02, 0x2A }, 0, 14, DisplayName = "two-byte opcodes; ldtoken stays 4")]
        [DataRow(new byte[] { 0x23, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0x21, 1, 0, 0, 0, 0, 0, 0, 0, 0x2A }, 0, 19, DisplayName = "ldc.r8 and ldc.i8 keep 8 bytes")]
        [DataRow(new byte[] { 0x00, 0xDD, 0, 0, 0, 0, 0xDC, 0x2A }, 2, 6 + 2 * 12 + 1, DisplayName = "nop, leave, endfinally, ret; two exception clauses: 12 bytes each and a count")]
        public void TheByteCodeCountIsTheMetadataProcessorsEncoding(byte[] il, int clauses, int expected)
        {
            Assert.AreEqual(expected, NanoImage.ByteCodeSize(il, clauses));
        }
    }
}

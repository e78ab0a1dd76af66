using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Tests
{
    /// <summary>The portable SHA-256 the ESP32 board hashes with, checked against .NET's.</summary>
    [TestClass]
    public sealed class Sha256Tests
    {
        [TestMethod]
        public void KnownVectorAbc()
        {
            byte[] output = new byte[32];
            new Sha256().Compute(new byte[] { (byte)'a', (byte)'b', (byte)'c' }, 0, 3, output, 0);
            Assert.AreEqual("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Convert.ToHexStringLower(output));
        }

        [TestMethod]
        public void MatchesDotNetForEveryLengthAcrossBlockBoundaries()
        {
            var random = new Random(7);
            var sha = new Sha256();
            byte[] output = new byte[32];
            for (int length = 0; length <= 300; length++)
            {
                byte[] data = new byte[length + 5];
                random.NextBytes(data);
                sha.Compute(data, 3, length, output, 0);
                byte[] expected = System.Security.Cryptography.SHA256.HashData(new ReadOnlySpan<byte>(data, 3, length));
                CollectionAssert.AreEqual(expected, output, "length " + length);
            }
        }

        [TestMethod]
        public void WritesAtTheOutputOffsetAndLeavesTheRestAlone()
        {
            byte[] output = new byte[40];
            output[0] = 0xAA;
            output[39] = 0xBB;
            new Sha256().Compute(new byte[0], 0, 0, output, 4);
            Assert.AreEqual(0xAA, output[0]);
            Assert.AreEqual(0xBB, output[39]);
            Assert.AreEqual("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Convert.ToHexStringLower(output, 4, 32));
        }
    }
}

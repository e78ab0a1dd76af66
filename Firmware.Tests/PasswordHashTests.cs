using System;
using System.Security.Cryptography;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Security;
using PosTerminal.Firmware.Tests.Support;
using PosTerminal.Virtual;

namespace PosTerminal.Firmware.Tests
{
    [TestClass]
    public sealed class PasswordHashTests
    {
        private const int FewRounds = 16;

        [TestMethod]
        public void RoundTripThroughTheRecordMatchesOnlyTheRightSecret()
        {
            var crypto = new SimCrypto();
            byte[] record = PasswordHash.Create(crypto, "24681357", FewRounds).Encode();
            PasswordHash decoded = PasswordHash.Decode(record);
            Assert.IsNotNull(decoded);
            Assert.IsTrue(decoded.Matches(crypto, "24681357"));
            Assert.IsFalse(decoded.Matches(crypto, "24681358"));
            Assert.IsFalse(decoded.Matches(crypto, "2468135"));
            Assert.IsFalse(decoded.Matches(crypto, ""));
            Assert.IsFalse(decoded.Matches(crypto, null));
        }

        [TestMethod]
        public void DerivationIsTheDocumentedOne()
        {
            var crypto = new SimCrypto(7);
            byte[] record = PasswordHash.Create(crypto, "908172", 5).Encode();
            Assert.AreEqual(PasswordHash.RecordLength, record.Length);
            Assert.AreEqual(1, record[0], "format version");
            Assert.AreEqual(5u, BitConverter.ToUInt32(record, 1), "iterations, little-endian");
            byte[] salt = record.AsSpan(5, 16).ToArray();
            byte[] secret = Encoding.Unicode.GetBytes("908172");
            byte[] h = SHA256.HashData(Concat(salt, secret));
            for (int i = 1; i < 5; i++) h = SHA256.HashData(Concat(h, salt, secret));
            CollectionAssert.AreEqual(h, record.AsSpan(21, 32).ToArray());
        }

        [TestMethod]
        public void EverySaltIsFreshSoEqualSecretsStoreDifferently()
        {
            var crypto = new SimCrypto();
            var a = PasswordHash.Create(crypto, "555123", FewRounds).Encode();
            var b = PasswordHash.Create(crypto, "555123", FewRounds).Encode();
            CollectionAssert.AreNotEqual(a.AsSpan(5, 16).ToArray(), b.AsSpan(5, 16).ToArray(), "salts");
            CollectionAssert.AreNotEqual(a.AsSpan(21, 32).ToArray(), b.AsSpan(21, 32).ToArray(), "hashes");
            Assert.IsTrue(PasswordHash.Decode(a).Matches(crypto, "555123"));
            Assert.IsTrue(PasswordHash.Decode(b).Matches(crypto, "555123"));
        }

        [TestMethod]
        public void IterationCountIsStoredAndUsed()
        {
            var crypto = new CountingCrypto();
            PasswordHash hash = PasswordHash.Create(crypto, "314159", 37);
            Assert.AreEqual(37, crypto.Sha256Calls, "one SHA-256 per round");
            byte[] record = hash.Encode();
            Assert.AreEqual(37, PasswordHash.Decode(record).Iterations);
            Assert.IsTrue(PasswordHash.Decode(record).NeedsRehash(PasswordHash.DefaultIterations));
            Assert.IsFalse(PasswordHash.Decode(record).NeedsRehash(37));

            record[1] = 38; // same salt and hash, one more round: must no longer verify
            Assert.IsFalse(PasswordHash.Decode(record).Matches(crypto, "314159"));
        }

        [TestMethod]
        public void DefaultCreateUsesTheDefaultRounds()
        {
            var crypto = new CountingCrypto();
            Assert.AreEqual(PasswordHash.DefaultIterations, PasswordHash.Create(crypto, "271828").Iterations);
            Assert.AreEqual(PasswordHash.DefaultIterations, crypto.Sha256Calls);
        }

        [TestMethod]
        public void ConstantTimeEqualsComparesEveryByte()
        {
            byte[] a = new byte[32];
            for (int i = 0; i < 32; i++) a[i] = (byte)(i * 7);
            Assert.IsTrue(PasswordHash.ConstantTimeEquals(a, (byte[])a.Clone()));
            foreach (int at in new[] { 0, 13, 31 })
            {
                byte[] b = (byte[])a.Clone();
                b[at] ^= 0x80;
                Assert.IsFalse(PasswordHash.ConstantTimeEquals(a, b), "differs at " + at);
            }
            Assert.IsFalse(PasswordHash.ConstantTimeEquals(a, new byte[31]));
            Assert.IsFalse(PasswordHash.ConstantTimeEquals(a, null));
            Assert.IsFalse(PasswordHash.ConstantTimeEquals(null, a));
        }

        [TestMethod]
        public void MalformedRecordsDecodeToNull()
        {
            byte[] good = PasswordHash.Create(new SimCrypto(), "864209", FewRounds).Encode();
            Assert.IsNull(PasswordHash.Decode(null));
            Assert.IsNull(PasswordHash.Decode(good.AsSpan(0, 52).ToArray()), "short");
            Assert.IsNull(PasswordHash.Decode(Concat(good, new byte[1])), "long");
            byte[] version = (byte[])good.Clone();
            version[0] = 2;
            Assert.IsNull(PasswordHash.Decode(version), "unknown version");
            byte[] zero = (byte[])good.Clone();
            zero[1] = zero[2] = zero[3] = zero[4] = 0;
            Assert.IsNull(PasswordHash.Decode(zero), "zero rounds");
            byte[] huge = (byte[])good.Clone();
            huge[4] = 0xFF;
            Assert.IsNull(PasswordHash.Decode(huge), "absurd rounds");
        }

        [TestMethod]
        public void TheRecordDoesNotHoldTheDigits()
        {
            byte[] record = PasswordHash.Create(new SimCrypto(), "73195028", FewRounds).Encode();
            Assert.IsFalse(Bytes.ContainsText(record, "73195028"));
        }

        private static byte[] Concat(params byte[][] parts)
        {
            var all = new System.Collections.Generic.List<byte>();
            foreach (var p in parts) all.AddRange(p);
            return all.ToArray();
        }
    }
}

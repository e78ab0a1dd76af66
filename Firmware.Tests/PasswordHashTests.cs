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

        /// <summary>The derivation is PBKDF2-HMAC-SHA256 (RFC 8018) exactly: .NET's own implementation agrees.</summary>
        [TestMethod]
        public void DerivationIsPbkdf2HmacSha256()
        {
            var crypto = new SimCrypto(7);
            byte[] record = PasswordHash.Create(crypto, "908172", 5).Encode();
            Assert.AreEqual(PasswordHash.RecordLength, record.Length);
            Assert.AreEqual(2, record[0], "format version");
            Assert.AreEqual(0, record[1], "flags");
            Assert.AreEqual(5u, BitConverter.ToUInt32(record, 2), "rounds, little-endian");
            byte[] salt = record.AsSpan(6, 16).ToArray();
            byte[] expected = Rfc2898DeriveBytes.Pbkdf2(Encoding.ASCII.GetBytes("908172"), salt, 5, HashAlgorithmName.SHA256, 32);
            CollectionAssert.AreEqual(expected, record.AsSpan(22, 32).ToArray());
        }

        /// <summary>RFC 7914 section 11 (PBKDF2-HMAC-SHA256 test vector, first 32 bytes), through Pbkdf2 itself.</summary>
        [TestMethod]
        public void Pbkdf2MatchesThePublishedTestVector()
        {
            byte[] key = Pbkdf2.Derive(new SimCrypto(), "passwd", Encoding.ASCII.GetBytes("salt"), 1);
            Assert.AreEqual("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc", Convert.ToHexString(key).ToLowerInvariant());
        }

        [TestMethod]
        public void OneNativeHmacPerRoundAndNoManagedSha256()
        {
            var crypto = new CountingCrypto();
            PasswordHash hash = PasswordHash.Create(crypto, "314159", 37);
            Assert.AreEqual(37, crypto.HmacCalls, "one HMAC-SHA256 per round");
            Assert.AreEqual(0, crypto.Sha256Calls, "no managed SHA-256");
            Assert.IsTrue(hash.Matches(crypto, "314159"));
            Assert.AreEqual(74, crypto.HmacCalls, "a check derives once");
        }

        [TestMethod]
        public void EverySaltIsFreshSoEqualSecretsStoreDifferently()
        {
            var crypto = new SimCrypto();
            var a = PasswordHash.Create(crypto, "555123", FewRounds).Encode();
            var b = PasswordHash.Create(crypto, "555123", FewRounds).Encode();
            CollectionAssert.AreNotEqual(a.AsSpan(6, 16).ToArray(), b.AsSpan(6, 16).ToArray(), "salts");
            CollectionAssert.AreNotEqual(a.AsSpan(22, 32).ToArray(), b.AsSpan(22, 32).ToArray(), "keys");
            Assert.IsTrue(PasswordHash.Decode(a).Matches(crypto, "555123"));
            Assert.IsTrue(PasswordHash.Decode(b).Matches(crypto, "555123"));
        }

        [TestMethod]
        public void TheRoundCountIsStoredAndUsed()
        {
            var crypto = new SimCrypto();
            byte[] record = PasswordHash.Create(crypto, "314159", 37).Encode();
            Assert.AreEqual(37, PasswordHash.Decode(record).Rounds);
            record[2] = 38; // same salt and key, one more round: must no longer verify
            Assert.IsFalse(PasswordHash.Decode(record).Matches(crypto, "314159"));
        }

        [TestMethod]
        public void TheMustChangeFlagTravelsWithTheRecord()
        {
            var crypto = new SimCrypto();
            PasswordHash reset = PasswordHash.Decode(PasswordHash.Create(crypto, "864209", FewRounds, true).Encode());
            Assert.IsTrue(reset.MustChange);
            Assert.IsTrue(reset.Matches(crypto, "864209"));
            Assert.IsFalse(PasswordHash.Decode(PasswordHash.Create(crypto, "864209", FewRounds).Encode()).MustChange);
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
            Assert.IsNull(PasswordHash.Decode(good.AsSpan(0, 53).ToArray()), "short");
            Assert.IsNull(PasswordHash.Decode(Concat(good, new byte[1])), "long");
            byte[] version = (byte[])good.Clone();
            version[0] = 3;
            Assert.IsNull(PasswordHash.Decode(version), "unknown version");
            byte[] flags = (byte[])good.Clone();
            flags[1] = 2;
            Assert.IsNull(PasswordHash.Decode(flags), "unknown flag");
            byte[] zero = (byte[])good.Clone();
            zero[2] = zero[3] = zero[4] = zero[5] = 0;
            Assert.IsNull(PasswordHash.Decode(zero), "zero rounds");
            byte[] huge = (byte[])good.Clone();
            huge[5] = 0xFF;
            Assert.IsNull(PasswordHash.Decode(huge), "absurd rounds");
        }

        /// <summary>Decision (issue 9): version 1 (iterated SHA-256, est. 23-69 s to verify on the ESP32) is refused, not migrated.</summary>
        [TestMethod]
        public void AVersionOneRecordIsRefused()
        {
            byte[] v1 = new byte[53];
            v1[0] = 1;
            v1[1] = 0x00;
            v1[2] = 0x08; // 2048 rounds
            Assert.IsNull(PasswordHash.Decode(v1));
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

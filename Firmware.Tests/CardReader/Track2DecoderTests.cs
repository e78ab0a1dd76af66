using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Hal.CardReader;
using PosTerminal.Virtual.Parts;

namespace PosTerminal.Firmware.Tests.CardReader
{
    /// <summary>Broken cards, written bit by bit with the simulator's encoder: each is refused with its own reason.</summary>
    [TestClass]
    public sealed class Track2DecoderTests
    {
        private const string Good = ";4000001234567899=27122010000000000?";
        private const int Lead = 20;

        [TestMethod]
        public void GoodCardIsReadWithItsFields()
        {
            Track2Data read = Decode(Track2Encoder.Encode(Good, Lead, Lead));
            Assert.AreEqual(SwipeStatus.Ok, read.Status);
            Assert.AreEqual("4000001234567899", read.AccountNumber);
            Assert.AreEqual("2712", read.Expiry);
            Assert.AreEqual("201", read.ServiceCode);
            Assert.AreEqual("0000000000", read.Discretionary);
            Assert.IsFalse(read.Reversed);
        }

        [TestMethod]
        public void BitsReadBackwardsAreRetriedReversed()
        {
            byte[] bits = Track2Encoder.Encode(Good, Lead, Lead);
            System.Array.Reverse(bits);
            Track2Data read = Decode(bits);
            Assert.AreEqual(SwipeStatus.Ok, read.Status);
            Assert.IsTrue(read.Reversed);
            Assert.AreEqual(Good, read.ToTrackText());
        }

        [TestMethod]
        public void OneWrongBitIsAParityError()
        {
            byte[] bits = Track2Encoder.Encode(Good, Lead, Lead);
            bits[Track2Encoder.CharacterBit(Lead, 5) + 2] ^= 1;
            Assert.AreEqual(SwipeStatus.ParityError, Decode(bits).Status);
        }

        [TestMethod]
        public void ADataBitAndItsParityBitWrongIsAnLrcError()
        {
            byte[] bits = Track2Encoder.Encode(Good, Lead, Lead);
            int c = Track2Encoder.CharacterBit(Lead, 7);
            bits[c + 1] ^= 1;
            bits[c + 4] ^= 1; // the character's parity still holds
            Assert.AreEqual(SwipeStatus.LrcError, Decode(bits).Status);
        }

        [TestMethod]
        public void AnLrcWithWrongParityIsAnLrcError()
        {
            byte[] bits = Track2Encoder.Encode(Good, Lead, Lead);
            bits[Track2Encoder.CharacterBit(Lead, Good.Length) + 4] ^= 1;
            Assert.AreEqual(SwipeStatus.LrcError, Decode(bits).Status);
        }

        [TestMethod]
        public void MissingStartSentinelIsRefused()
        {
            Assert.AreEqual(SwipeStatus.NoStartSentinel, Decode(Track2Encoder.Encode("4000001234567899=2712201?", Lead, Lead)).Status);
        }

        [TestMethod]
        public void MissingEndSentinelIsRefused()
        {
            // (an LRC of 0xF would itself read as '?': this track's LRC is 0xC)
            Assert.AreEqual(SwipeStatus.NoEndSentinel, Decode(Track2Encoder.Encode(";4000001234567899=2712", Lead, Lead)).Status);
        }

        [TestMethod]
        public void BitsEndingInsideTheTrackAreRefused()
        {
            byte[] bits = Track2Encoder.Encode(Good, Lead, 0);
            byte[] cut = new byte[bits.Length - 7];
            System.Array.Copy(bits, cut, cut.Length);
            Assert.AreEqual(SwipeStatus.NoEndSentinel, Decode(cut).Status);
        }

        [TestMethod]
        public void MoreThanFortyCharactersIsTooLong()
        {
            string track = ";4000001234567899=2712201" + "000000000000000" + "?"; // 41 characters, 42 with the LRC
            Assert.AreEqual(SwipeStatus.TooLong, Decode(Track2Encoder.Encode(track, Lead, Lead)).Status);
        }

        [TestMethod]
        public void FortyCharactersWithTheLrcIsNotTooLong()
        {
            string track = ";6222021234567890128=30121010000000000?"; // 39 characters, 40 with the LRC
            Track2Data read = Decode(Track2Encoder.Encode(track, Lead, Lead));
            Assert.AreEqual(SwipeStatus.Ok, read.Status);
            Assert.AreEqual("6222021234567890128", read.AccountNumber);
        }

        [TestMethod]
        [DataRow(";40000012345=2712201?")]
        [DataRow(";40000012345678901234=2712?")]
        [DataRow(";=2712201?")]
        public void AccountNumberOutside12To19DigitsIsRefused(string track)
        {
            Assert.AreEqual(SwipeStatus.BadAccountNumber, Decode(Track2Encoder.Encode(track, Lead, Lead)).Status);
        }

        [TestMethod]
        public void MissingSeparatorIsRefused()
        {
            Assert.AreEqual(SwipeStatus.NoSeparator, Decode(Track2Encoder.Encode(";4000001234567899?", Lead, Lead)).Status);
        }

        [TestMethod]
        [DataRow(";40000012345:7899=2712201?")]
        [DataRow(";4000001234567899=2712<01?")]
        [DataRow(";4000001234567899=2712=01?")]
        public void ControlCharactersOrASecondSeparatorAreRefused(string track)
        {
            Assert.AreEqual(SwipeStatus.BadCharacter, Decode(Track2Encoder.Encode(track, Lead, Lead)).Status);
        }

        [TestMethod]
        public void AOneAfterTheLrcIsRefused()
        {
            byte[] bits = Track2Encoder.Encode(Good, Lead, Lead);
            bits[bits.Length - 5] = 1;
            Assert.AreEqual(SwipeStatus.DataAfterLrc, Decode(bits).Status);
        }

        [TestMethod]
        public void NoOneBitIsNoData()
        {
            Assert.AreEqual(SwipeStatus.NoData, Decode(new byte[60]).Status);
        }

        [TestMethod]
        public void ShortFieldsAfterTheSeparatorAreEmptyNotInvented()
        {
            Track2Data read = Decode(Track2Encoder.Encode(";4000001234567899=27?", Lead, Lead));
            Assert.AreEqual(SwipeStatus.Ok, read.Status);
            Assert.AreEqual("27", read.Expiry);
            Assert.AreEqual("", read.ServiceCode);
            Assert.AreEqual("", read.Discretionary);
        }

        private static Track2Data Decode(byte[] bits)
        {
            return new Track2Decoder().Decode(bits, bits.Length);
        }
    }
}

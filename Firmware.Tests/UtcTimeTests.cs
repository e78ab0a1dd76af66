using System;
using System.Globalization;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Security;

namespace PosTerminal.Firmware.Tests
{
    [TestClass]
    public sealed class UtcTimeTests
    {
        [TestMethod]
        public void AgreesWithDotNetAcrossTheCentury()
        {
            var random = new Random(3);
            long first = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
            long last = new DateTimeOffset(2099, 12, 31, 23, 59, 59, TimeSpan.Zero).ToUnixTimeSeconds();
            for (int i = 0; i < 20000; i++)
            {
                long unix = i < 2 ? (i == 0 ? first : last) : first + (long)(random.NextDouble() * (last - first));
                string expected = DateTimeOffset.FromUnixTimeSeconds(unix).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                Assert.AreEqual(expected, UtcTime.Format(unix));
                Assert.IsTrue(UtcTime.TryParseIso(expected, out long parsed));
                Assert.AreEqual(unix, parsed);
                Assert.AreEqual(unix, UtcTime.ToUnixSeconds(UtcTime.ToDateTime(unix)));
            }
        }

        [TestMethod]
        public void ShortFormIsElevenCells()
        {
            Assert.AreEqual("11-25 10:00", UtcTime.FormatShort(UtcTime.ToUnixSeconds(new DateTime(2026, 11, 25, 10, 0, 59))));
        }
    }
}

using System.Collections.Generic;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Hal.Net;

namespace PosTerminal.Firmware.Tests.Board
{
    /// <summary>
    /// The ESP32 adapter's open-network decision (Hal/Net/WifiScanReport) over scan reports laid
    /// out as nf-interpreter's struct ScanRecord: a count byte, then bssid[6], ssid[33], rssi,
    /// authMode, cypherType per access point.
    /// </summary>
    [TestClass]
    public sealed class WifiScanReportTests
    {
        private static byte[] Report(params (string Ssid, int Auth)[] aps)
        {
            var bytes = new List<byte> { (byte)aps.Length };
            for (int i = 0; i < aps.Length; i++)
            {
                byte[] record = new byte[WifiScanReport.RecordSize];
                record[5] = (byte)(i + 1);
                byte[] ssid = Encoding.UTF8.GetBytes(aps[i].Ssid);
                System.Array.Copy(ssid, 0, record, 6, ssid.Length);
                record[39] = unchecked((byte)-60);
                record[40] = (byte)aps[i].Auth;
                record[41] = 4;
                bytes.AddRange(record);
            }
            return bytes.ToArray();
        }

        private static string Refusal(byte[] report, string ssid) { return WifiScanReport.Refusal(report, Encoding.UTF8.GetBytes(ssid)); }

        [TestMethod]
        [DataRow(3)]
        [DataRow(4)]
        [DataRow(6)]
        [DataRow(7)]
        public void AWpa2OrWpa3PersonalNetworkIsJoined(int auth)
        {
            Assert.IsNull(Refusal(Report(("cafe", 0), ("shop-wifi", auth), ("other", 1)), "shop-wifi"));
        }

        [TestMethod]
        [DataRow(0, DisplayName = "open")]
        [DataRow(1, DisplayName = "WEP")]
        [DataRow(2, DisplayName = "WPA")]
        [DataRow(5, DisplayName = "enterprise")]
        [DataRow(8, DisplayName = "WAPI")]
        [DataRow(9, DisplayName = "OWE")]
        [DataRow(11, DisplayName = "unknown")]
        public void AnOpenOrWeakNetworkIsRefused(int auth)
        {
            string refusal = Refusal(Report(("shop-wifi", auth)), "shop-wifi");
            Assert.AreEqual("network offered open or with weak security (auth " + auth + "): refused", refusal);
        }

        [TestMethod]
        public void AnOpenTwinWithTheSameNameRefusesTheSecureOneToo()
        {
            StringAssert.Contains(Refusal(Report(("shop-wifi", 3), ("shop-wifi", 0)), "shop-wifi"), "(auth 0)");
            StringAssert.Contains(Refusal(Report(("shop-wifi", 0), ("shop-wifi", 7)), "shop-wifi"), "(auth 0)");
        }

        [TestMethod]
        public void OnlyTheWholeNameMatches()
        {
            // An open network whose name starts with ours, or is a prefix of ours, is another network.
            Assert.IsNull(Refusal(Report(("shop-wifi-guest", 0), ("shop-wifi", 3), ("shop", 0)), "shop-wifi"));
            Assert.AreEqual("network not found", Refusal(Report(("shop", 3)), "shop-wifi"));
            Assert.AreEqual("network not found", Refusal(Report(("Shop-WiFi", 3)), "shop-wifi"));
        }

        [TestMethod]
        public void AThirtyTwoByteNameFillsTheFieldUpToItsTerminator()
        {
            string longest = new string('n', 30) + "é";
            Assert.AreEqual(32, Encoding.UTF8.GetByteCount(longest));
            Assert.IsNull(Refusal(Report((longest, 6)), longest));
            Assert.AreEqual("ssid must be 1-32 bytes", Refusal(Report((longest, 6)), longest + "y"));
            Assert.AreEqual("ssid must be 1-32 bytes", Refusal(Report(("a", 3)), ""));
            Assert.IsNull(Refusal(Report(("中文网络", 3)), "中文网络"));
        }

        [TestMethod]
        public void AMissingEmptyOrTruncatedReportIsRefused()
        {
            Assert.AreEqual("wifi scan report unreadable: not joining (fail closed)", Refusal(null, "shop-wifi"));
            Assert.AreEqual("wifi scan report unreadable: not joining (fail closed)", Refusal(new byte[0], "shop-wifi"));
            byte[] two = Report(("shop-wifi", 3), ("shop-wifi", 0));
            byte[] cut = new byte[two.Length - 1];
            System.Array.Copy(two, cut, cut.Length);
            Assert.AreEqual("wifi scan report truncated: not joining", Refusal(cut, "shop-wifi"));
            Assert.AreEqual("network not found", Refusal(Report(), "shop-wifi"));
        }

        [TestMethod]
        public void ExactlyTheFourPersonalModesAreAccepted()
        {
            var accepted = new List<int>();
            for (int auth = 0; auth < 256; auth++)
            {
                if (WifiScanReport.Accepted(auth)) accepted.Add(auth);
            }
            CollectionAssert.AreEqual(new[] { 3, 4, 6, 7 }, accepted);
        }
    }
}

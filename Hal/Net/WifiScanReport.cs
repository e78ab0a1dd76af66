namespace PosTerminal.Hal.Net
{
    /// <summary>
    /// Decides, from the ESP32's native Wi-Fi scan report, whether the terminal may join a
    /// network: only when every access point offering that SSID uses WPA2 or WPA3 personal.
    /// Open and WEP networks are refused (the merchant's article warns against public Wi-Fi),
    /// and so is an SSID that any access point also offers open, since the ESP32 joins by
    /// SSID, not by access point (an "evil twin" with the same name).
    ///
    /// Report layout (nf-interpreter targets/ESP32/_nanoCLR/System.Device.Wifi/
    /// sys_dev_wifi_native_System_Device_Wifi_WifiAdapter.cpp, struct ScanRecord): a count
    /// byte, then 42 bytes each: bssid[6], ssid[33] (zero-terminated), rssi, authMode,
    /// cypherType. authMode is ESP-IDF's wifi_auth_mode_t (components/esp_wifi/include/
    /// esp_wifi_types_generic.h): 0 open, 1 WEP, 2 WPA, 3 WPA2, 4 WPA/WPA2, 5 WPA2 enterprise,
    /// 6 WPA3, 7 WPA2/WPA3, 8 WAPI, 9 OWE and later values.
    /// Fail closed: a report that is missing or shorter than its count says is refused.
    /// </summary>
    public static class WifiScanReport
    {
        public const int RecordSize = 42;
        private const int SsidOffset = 6;
        private const int SsidBytes = 33;
        private const int AuthOffset = 40;

        /// <summary>Null when ssid (its UTF-8 bytes) may be joined; else why not (no secret in it).</summary>
        public static string Refusal(byte[] report, byte[] ssid)
        {
            if (ssid == null || ssid.Length == 0 || ssid.Length >= SsidBytes) return "ssid must be 1-32 bytes";
            if (report == null || report.Length < 1) return "wifi scan report unreadable: not joining (fail closed)";
            int count = report[0];
            if (1 + count * RecordSize > report.Length) return "wifi scan report truncated: not joining";
            bool found = false;
            for (int i = 0; i < count; i++)
            {
                int at = 1 + i * RecordSize;
                if (!SsidIs(report, at + SsidOffset, ssid)) continue;
                found = true;
                int auth = report[at + AuthOffset];
                if (!Accepted(auth)) return "network offered open or with weak security (auth " + auth.ToString() + "): refused";
            }
            return found ? null : "network not found";
        }

        /// <summary>WPA2, WPA/WPA2 (the station then uses WPA2), WPA3, WPA2/WPA3 personal.</summary>
        public static bool Accepted(int authMode)
        {
            return authMode == 3 || authMode == 4 || authMode == 6 || authMode == 7;
        }

        private static bool SsidIs(byte[] report, int at, byte[] ssid)
        {
            for (int i = 0; i < ssid.Length; i++)
            {
                if (report[at + i] != ssid[i]) return false;
            }
            return report[at + ssid.Length] == 0;
        }
    }
}

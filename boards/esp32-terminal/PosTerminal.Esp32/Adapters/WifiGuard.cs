using System.Device.Wifi;
using System.Reflection;
using System.Threading;

namespace PosTerminal.Esp32.Adapters
{
    /// <summary>
    /// Refuses open (and weak) Wi-Fi networks before joining one. The security type is in the
    /// native scan report but the managed API drops it: WifiAdapter.ParseNativeReports
    /// (System.Device.Wifi/WifiAdapter.cs, v1.5.147) reads authMode and cypherType and
    /// discards them ("FIXME - Not using Auth mode and Cypher Yet"), and WifiAvailableNetwork
    /// has no such property. So the report is read here through the adapter's private
    /// GetNativeScanReport (reflection: Type.GetMethod(name, BindingFlags) and MethodBase.Invoke
    /// are in mscorlib 1.17, nf-interpreter corlib_native_System_Type.cpp honours NonPublic).
    /// Record layout (nf-interpreter targets/ESP32/_nanoCLR/System.Device.Wifi/
    /// sys_dev_wifi_native_System_Device_Wifi_WifiAdapter.cpp, struct ScanRecord): a count
    /// byte, then 42 bytes each: bssid[6], ssid[33], rssi, authMode, cypherType.
    /// authMode is ESP-IDF's wifi_auth_mode_t (esp-idf components/esp_wifi/include/
    /// esp_wifi_types_generic.h): 0 open, 1 WEP, 2 WPA, 3 WPA2, 4 WPA/WPA2, 5 enterprise,
    /// 6 WPA3, 7 WPA2/WPA3, 8 WAPI, 9 OWE, ...
    /// Why it matters even with a password configured: the native connect
    /// (NF_ESP32_Wireless_Start_Connect, NF_ESP32_Wireless.cpp) leaves sta.threshold.authmode
    /// at 0 (open), so an open access point with the same SSID could be joined.
    /// Fail closed: if the report cannot be read, or any access point with our SSID is open or
    /// weak, the terminal does not join.
    /// </summary>
    internal static class WifiGuard
    {
        private const int RecordSize = 42;
        private const int AuthOffset = 40;

        /// <summary>Null when ssid is only offered with WPA2/WPA3 personal; else why the terminal will not join.</summary>
        public static string Check(WifiAdapter adapter, string ssid, int scanTimeoutMs)
        {
            AutoResetEvent scanned = new AutoResetEvent(false);
            AvailableNetworksChangedEventHandler done = (sender, e) => scanned.Set();
            adapter.AvailableNetworksChanged += done;
            try
            {
                adapter.ScanAsync();
                if (!scanned.WaitOne(scanTimeoutMs, false)) return "wifi scan timed out";
            }
            finally
            {
                adapter.AvailableNetworksChanged -= done;
            }
            byte[] report;
            try
            {
                MethodInfo native = typeof(WifiAdapter).GetMethod("GetNativeScanReport", BindingFlags.NonPublic | BindingFlags.Instance);
                report = native == null ? null : (byte[])native.Invoke(adapter, null);
            }
            catch (System.Exception)
            {
                report = null;
            }
            if (report == null || report.Length < 1) return "wifi scan report unreadable: not joining (fail closed)";
            int count = report[0];
            bool found = false;
            for (int i = 0; i < count; i++)
            {
                int at = 1 + i * RecordSize;
                if (at + RecordSize > report.Length) return "wifi scan report truncated: not joining";
                if (!SsidIs(report, at + 6, ssid)) continue;
                found = true;
                int auth = report[at + AuthOffset];
                if (auth != 3 && auth != 4 && auth != 6 && auth != 7) return "'" + ssid + "' is offered open or with weak security (auth " + auth.ToString() + "): refused";
            }
            return found ? null : "'" + ssid + "' not found";
        }

        private static bool SsidIs(byte[] report, int at, string ssid)
        {
            byte[] wanted = Firmware.Fleet.Utf8.Encode(ssid);
            if (wanted.Length > 32) return false;
            for (int i = 0; i < wanted.Length; i++)
            {
                if (report[at + i] != wanted[i]) return false;
            }
            return report[at + wanted.Length] == 0;
        }
    }
}

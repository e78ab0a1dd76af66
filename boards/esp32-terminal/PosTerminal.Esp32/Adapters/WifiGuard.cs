using System.Device.Wifi;
using System.Reflection;
using System.Threading;
using PosTerminal.Hal.Net;

namespace PosTerminal.Esp32.Adapters
{
    /// <summary>
    /// Refuses open (and weak) Wi-Fi networks before every join: a scan, then the portable
    /// decision over its records (Hal/Net/WifiScanReport: every access point offering the SSID
    /// must be WPA2/WPA3 personal). The security type is in the native scan report but the
    /// managed API drops it: WifiAdapter.ParseNativeReports (nanoframework/System.Device.Wifi,
    /// System.Device.Wifi/WifiAdapter.cs, tag v1.5.147) reads authMode and cypherType and
    /// discards them ("FIXME - Not using Auth mode and Cypher Yet"), and WifiAvailableNetwork
    /// has no such property. So the report is read here through the adapter's private
    /// GetNativeScanReport (reflection: Type.GetMethod(name, BindingFlags) and MethodBase.Invoke
    /// are in mscorlib 1.17, nf-interpreter corlib_native_System_Type.cpp honours NonPublic).
    /// Why it matters even with a password configured: the native connect
    /// (NF_ESP32_Wireless_Start_Connect, nf-interpreter targets/ESP32/_Network/NF_ESP32_Wireless.cpp)
    /// leaves sta.threshold.authmode at 0 (open), so an open access point with the same SSID
    /// could be joined.
    /// </summary>
    internal static class WifiGuard
    {
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
            string refused = WifiScanReport.Refusal(report, Firmware.Fleet.Utf8.Encode(ssid));
            return refused == null ? null : "'" + ssid + "': " + refused;
        }
    }
}

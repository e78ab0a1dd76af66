using System.Text;

namespace PosTerminal.Firmware.Tests.Support
{
    internal static class Bytes
    {
        /// <summary>True when text occurs in data as ASCII or as UTF-16LE.</summary>
        public static bool ContainsText(byte[] data, string text)
        {
            return IndexOf(data, Encoding.ASCII.GetBytes(text)) >= 0 || IndexOf(data, Encoding.Unicode.GetBytes(text)) >= 0;
        }

        public static int IndexOf(byte[] data, byte[] pattern)
        {
            for (int i = 0; i + pattern.Length <= data.Length; i++)
            {
                int j = 0;
                while (j < pattern.Length && data[i + j] == pattern[j]) j++;
                if (j == pattern.Length) return i;
            }
            return -1;
        }
    }
}

namespace PosTerminal.Firmware.Security
{
    /// <summary>
    /// Little-endian integer fields in stored records, by hand: nanoFramework's mscorlib has
    /// BitConverter but its byte order follows the CPU, and records must read the same everywhere.
    /// </summary>
    internal static class LittleEndian
    {
        public static void PutU16(byte[] b, int p, int v)
        {
            b[p] = (byte)v;
            b[p + 1] = (byte)(v >> 8);
        }

        public static int GetU16(byte[] b, int p)
        {
            return b[p] | (b[p + 1] << 8);
        }

        public static void PutU32(byte[] b, int p, uint v)
        {
            b[p] = (byte)v;
            b[p + 1] = (byte)(v >> 8);
            b[p + 2] = (byte)(v >> 16);
            b[p + 3] = (byte)(v >> 24);
        }

        public static uint GetU32(byte[] b, int p)
        {
            return (uint)(b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24));
        }

        public static void PutI64(byte[] b, int p, long v)
        {
            PutU32(b, p, (uint)v);
            PutU32(b, p + 4, (uint)(v >> 32));
        }

        public static long GetI64(byte[] b, int p)
        {
            return (long)GetU32(b, p) | ((long)GetU32(b, p + 4) << 32);
        }
    }
}

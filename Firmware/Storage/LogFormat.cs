namespace PosTerminal.Firmware.Storage
{
    /// <summary>
    /// The on-flash format of LogStore, version 1 (SPEC.md next to this file is the
    /// reference). All multi-byte fields are little-endian.
    /// </summary>
    public static class LogFormat
    {
        public const ushort Version = 1;

        /// <summary>"PTLS" in flash byte order.</summary>
        public const uint SectorMagic = 0x534C5450;

        /// <summary>magic u32, version u16, reserved u16 (0xFFFF), sequence u32, CRC32 u32.</summary>
        public const int SectorHeaderSize = 16;

        /// <summary>key u16, info u16, sequence u32; then the value, padding, CRC32.</summary>
        public const int RecordHeaderSize = 8;

        public const int CrcSize = 4;

        public const int MaxValueLength = 256;

        /// <summary>Keys the firmware may use: 1..MaxKey. 0 and 0xFFFF look like programmed/erased words.</summary>
        public const int MaxKey = 0xFFFD;

        /// <summary>Internal key: "every sector with sequence ≤ value is retired" (compaction).</summary>
        public const int RetireKey = 0xFFFE;

        /// <summary>info bit 15: 1 = a value, 0 = a tombstone (programming can only clear it).</summary>
        public const int InfoValue = 0x8000;

        /// <summary>info bits 12..14: reserved, always 1 (erased); anything else is not a record.</summary>
        public const int InfoReserved = 0x7000;

        public const int InfoLengthMask = 0x0FFF;

        public const int RetireRecordSize = RecordHeaderSize + 4 + CrcSize;

        /// <summary>The largest record: MaxValueLength is a multiple of 4, so no padding.</summary>
        public const int MaxRecordSize = RecordHeaderSize + MaxValueLength + CrcSize;

        /// <summary>
        /// A zero word where a record would start marks a gap of this many bytes: the scan
        /// resumes after it. Boot puts one where the last intact record ends, over whatever
        /// a power cut left of the record in flight (never longer than a record).
        /// </summary>
        public const int GapSize = MaxRecordSize;

        public static int RecordSize(int valueLength)
        {
            return RecordHeaderSize + Padded(valueLength) + CrcSize;
        }

        public static int Padded(int length)
        {
            return (length + 3) & ~3;
        }

        public static int ReadU16(byte[] b, int p)
        {
            return b[p] | (b[p + 1] << 8);
        }

        public static uint ReadU32(byte[] b, int p)
        {
            return (uint)(b[p] | (b[p + 1] << 8) | (b[p + 2] << 16)) | ((uint)b[p + 3] << 24);
        }

        public static void WriteU16(byte[] b, int p, int v)
        {
            b[p] = (byte)v;
            b[p + 1] = (byte)(v >> 8);
        }

        public static void WriteU32(byte[] b, int p, uint v)
        {
            b[p] = (byte)v;
            b[p + 1] = (byte)(v >> 8);
            b[p + 2] = (byte)(v >> 16);
            b[p + 3] = (byte)(v >> 24);
        }
    }
}

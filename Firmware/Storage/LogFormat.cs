namespace PosTerminal.Firmware.Storage
{
    /// <summary>
    /// The on-flash format of LogStore, version 2 (SPEC.md next to this file is the
    /// reference; version 1 sectors are still read). All multi-byte fields are little-endian.
    /// </summary>
    public static class LogFormat
    {
        /// <summary>Written into every sector this version opens.</summary>
        public const ushort Version = 2;

        /// <summary>The first format: read as is (it never sets a batch role or a damage mark).</summary>
        public const ushort Version1 = 1;

        /// <summary>"PTLS" in flash byte order.</summary>
        public const uint SectorMagic = 0x534C5450;

        /// <summary>magic u32, version u16, reserved u16 (0xFFFF), sequence u32, CRC32 u32.</summary>
        public const int SectorHeaderSize = 16;

        /// <summary>key u16, info u16, sequence word u32; then the value, padding, CRC32.</summary>
        public const int RecordHeaderSize = 8;

        public const int CrcSize = 4;

        public const int MaxValueLength = 256;

        /// <summary>Keys the firmware may use: 1..MaxKey. 0 and 0xFFFF look like programmed/erased words.</summary>
        public const int MaxKey = 0xFFFC;

        /// <summary>Internal key: "every key whose newest record has a sequence below the value, or has none, is damaged".</summary>
        public const int DamageKey = 0xFFFD;

        /// <summary>Internal key: "every sector with sequence ≤ value is retired" (compaction).</summary>
        public const int RetireKey = 0xFFFE;

        /// <summary>info bit 15: 1 = a value, 0 = a tombstone (programming can only clear it).</summary>
        public const int InfoValue = 0x8000;

        /// <summary>info bits 12..14: reserved, always 1 (erased); anything else is not a record.</summary>
        public const int InfoReserved = 0x7000;

        public const int InfoLengthMask = 0x0FFF;

        /// <summary>Sequence word bits 0..29: the record sequence number.</summary>
        public const uint SeqMask = 0x3FFFFFFF;

        /// <summary>Sequence word bits 30..31: the record's role in a batch (0: a record of its own).</summary>
        public const uint RoleMask = 0xC0000000;

        public const uint RoleFirst = 0x40000000;
        public const uint RoleMiddle = 0x80000000;
        public const uint RoleLast = 0xC0000000;

        /// <summary>Retire records and damage marks: a header, a u32 value, the CRC.</summary>
        public const int MarkRecordSize = RecordHeaderSize + 4 + CrcSize;

        public const int RetireRecordSize = MarkRecordSize;

        /// <summary>The largest record: MaxValueLength is a multiple of 4, so no padding.</summary>
        public const int MaxRecordSize = RecordHeaderSize + MaxValueLength + CrcSize;

        /// <summary>
        /// A gap mark (a word reading ≤ GapBits set bits where a record would start) marks a
        /// gap of this many bytes: the scan resumes after it. Boot puts one over whatever a
        /// power cut left of the record in flight, which never starts a run longer than this.
        /// </summary>
        public const int GapSize = MaxRecordSize;

        /// <summary>
        /// A word with at most this many bits set is a gap mark (programmed 0; one flip
        /// tolerated). Not two: a record's first word can have as few as 4 bits set, and two
        /// flips must not make it a gap that hides the records after it. A gap mark with two
        /// flips reads as a failing record instead: damage, which fails closed.
        /// </summary>
        public const int GapBits = 1;

        /// <summary>A word with at least this many bits set reads as erased (one or two flips tolerated; a record's first word has at most 27).</summary>
        public const int ErasedBits = 30;

        /// <summary>
        /// Writers bump the sequence until a record's CRC has at most this many bits set
        /// (about 1.75 tries on average). So no committed CRC word reads as "never programmed"
        /// or as a torn program of the CRC its body has, unless 16 bits flip, or damage to
        /// the body happens to give a CRC whose 1 bits it covers (odds at most 2^-16).
        /// </summary>
        public const int MaxCrcBits = 16;

        public static int RecordSize(int valueLength)
        {
            return RecordHeaderSize + Padded(valueLength) + CrcSize;
        }

        public static int Padded(int length)
        {
            return (length + 3) & ~3;
        }

        public static int BitCount(uint word)
        {
            word = word - ((word >> 1) & 0x55555555);
            word = (word & 0x33333333) + ((word >> 2) & 0x33333333);
            word = (word + (word >> 4)) & 0x0F0F0F0F;
            return (int)((word * 0x01010101) >> 24);
        }

        public static bool IsErasedWord(uint word)
        {
            return BitCount(word) >= ErasedBits;
        }

        public static bool IsGapWord(uint word)
        {
            return BitCount(word) <= GapBits;
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

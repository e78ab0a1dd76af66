using System;
using System.Collections.Generic;
using PosTerminal.Firmware.Storage;
using PosTerminal.Virtual.Flash;

namespace PosTerminal.Tools.Checks.Store
{
    /// <summary>What a byte of a LogStore image is, by SPEC.md.</summary>
    public enum FlashRegion
    {
        SectorHeader,
        RecordHeader,
        RecordValue,
        RecordPadding,
        RecordCrc,
        GapMark,
        GapInterior,
        /// <summary>Erased space of a sector in use (past its last record).</summary>
        Erased,
        /// <summary>A sector not in use that reads erased.</summary>
        FreeSector,
        /// <summary>A sector not in use with content (retired, invalidated).</summary>
        StaleSector,
        /// <summary>Bytes of a sector in use that no record or gap accounts for.</summary>
        Unparsed,
    }

    /// <summary>One intact record of a sector in use, as FlashMap read it.</summary>
    public sealed class FlashRecord
    {
        public int Address { get; internal set; }

        /// <summary>Header, value, padding and CRC.</summary>
        public int Size { get; internal set; }

        public int Key { get; internal set; }

        public uint Sequence { get; internal set; }

        /// <summary>Value bytes (0 for a tombstone).</summary>
        public int Length { get; internal set; }

        public bool Tombstone { get; internal set; }

        /// <summary>A member of a batch (role bits set).</summary>
        public bool InBatch { get; internal set; }

        /// <summary>Each key's newest record, the retire record and damage mark in force.</summary>
        public bool InForce { get; internal set; }

        public int ValueAddress { get { return Address + LogFormat.RecordHeaderSize; } }
    }

    /// <summary>
    /// Every byte of a LogStore image, classified by reading the format as SPEC.md describes
    /// it: a reader of its own, independent of LogStore, so that a flip sweep can aim at
    /// each kind of byte and report by kind. InForce marks the bytes of the records a boot
    /// must read right: each key's newest record, the retire record and damage mark in force.
    /// </summary>
    public sealed class FlashMap
    {
        private FlashMap(int length)
        {
            Regions = new FlashRegion[length];
            InForce = new bool[length];
            KeyAt = new int[length];
            for (int i = 0; i < length; i++) KeyAt[i] = -1;
        }

        public FlashRegion[] Regions { get; }

        public bool[] InForce { get; }

        /// <summary>The key of the record each byte belongs to (a sector in use's intact records), or -1.</summary>
        public int[] KeyAt { get; }

        /// <summary>The intact records of the sectors in use, in address order.</summary>
        public List<FlashRecord> Entries { get; } = new List<FlashRecord>();

        /// <summary>The record holding address, or null.</summary>
        public FlashRecord RecordAt(int address)
        {
            foreach (FlashRecord r in Entries)
            {
                if (address >= r.Address && address < r.Address + r.Size) return r;
            }
            return null;
        }

        /// <summary>Records found in sectors in use (a batch's records each count).</summary>
        public int Records { get; private set; }

        public int GapMarks { get; private set; }

        public int RetireRecords { get; private set; }

        public int BatchRecords { get; private set; }

        public int Tombstones { get; private set; }

        public int SectorsInUse { get; private set; }

        private sealed class Found
        {
            public int Address;
            public int Size;
            public int Length;
            public uint Seq;
        }

        public static FlashMap Of(SimFlash flash)
        {
            byte[] image = flash.Image;
            int size = flash.SectorSize;
            var map = new FlashMap(image.Length);
            var seqs = new uint[flash.SectorCount];
            var valid = new bool[flash.SectorCount];
            for (int s = 0; s < flash.SectorCount; s++)
            {
                int b = s * size;
                valid[s] = LogFormat.ReadU32(image, b) == LogFormat.SectorMagic
                    && LogFormat.ReadU32(image, b + 12) == Crc32.Compute(image, b, 12);
                seqs[s] = valid[s] ? LogFormat.ReadU32(image, b + 8) : 0;
            }
            uint retired = 0;
            var newest = new Dictionary<int, Found>();
            for (int s = 0; s < flash.SectorCount; s++)
            {
                if (valid[s]) WalkRecords(image, s * size, size, null, newest, ref retired);
            }
            for (int s = 0; s < flash.SectorCount; s++)
            {
                int b = s * size;
                bool inUse = valid[s] && seqs[s] > retired;
                if (!inUse)
                {
                    bool blank = true;
                    for (int i = b; i < b + size; i++) if (image[i] != 0xFF) blank = false;
                    for (int i = b; i < b + size; i++) map.Regions[i] = blank ? FlashRegion.FreeSector : FlashRegion.StaleSector;
                    continue;
                }
                map.SectorsInUse++;
                for (int i = b; i < b + LogFormat.SectorHeaderSize; i++) map.Regions[i] = FlashRegion.SectorHeader;
                WalkRecords(image, b, size, map, null, ref retired);
            }
            foreach (Found f in newest.Values)
            {
                for (int i = f.Address; i < f.Address + f.Size; i++) map.InForce[i] = true;
            }
            foreach (FlashRecord r in map.Entries) r.InForce = map.InForce[r.Address];
            return map;
        }

        /// <summary>
        /// Walks one sector's records. With newest set, collects each key's newest intact
        /// record (the retire and damage keys included) and the retire mark; with map set,
        /// classifies the bytes.
        /// </summary>
        private static void WalkRecords(byte[] image, int b, int size, FlashMap map, Dictionary<int, Found> newest, ref uint retired)
        {
            int offset = LogFormat.SectorHeaderSize;
            while (offset + 4 <= size)
            {
                uint first = LogFormat.ReadU32(image, b + offset);
                if (LogFormat.IsErasedWord(first))
                {
                    if (map != null) for (int i = b + offset; i < b + size; i++) map.Regions[i] = FlashRegion.Erased;
                    return;
                }
                if (LogFormat.IsGapWord(first))
                {
                    if (map != null)
                    {
                        map.GapMarks++;
                        for (int i = 0; i < LogFormat.GapSize && offset + i < size; i++)
                            map.Regions[b + offset + i] = i < 4 ? FlashRegion.GapMark : FlashRegion.GapInterior;
                    }
                    offset += LogFormat.GapSize;
                    continue;
                }
                int key = LogFormat.ReadU16(image, b + offset);
                int info = LogFormat.ReadU16(image, b + offset + 2);
                int length = info & LogFormat.InfoLengthMask;
                int record = LogFormat.RecordSize(length);
                int padded = LogFormat.Padded(length);
                if (length > LogFormat.MaxValueLength || offset + record > size
                    || LogFormat.ReadU32(image, b + offset + 8 + padded) != Crc32.Compute(image, b + offset, 8 + length))
                {
                    if (map != null) for (int i = b + offset; i < b + size; i++) map.Regions[i] = FlashRegion.Unparsed;
                    return;
                }
                uint word = LogFormat.ReadU32(image, b + offset + 4);
                if (newest != null)
                {
                    Found previous;
                    var found = new Found { Address = b + offset, Size = record, Length = length, Seq = word & LogFormat.SeqMask };
                    if (!newest.TryGetValue(key, out previous) || previous.Seq < found.Seq) newest[key] = found;
                    if (key == LogFormat.RetireKey) retired = Math.Max(retired, LogFormat.ReadU32(image, b + offset + 8));
                }
                if (map != null)
                {
                    map.Records++;
                    if (key == LogFormat.RetireKey) map.RetireRecords++;
                    if ((word & LogFormat.RoleMask) != 0) map.BatchRecords++;
                    if ((info & LogFormat.InfoValue) == 0) map.Tombstones++;
                    int a = b + offset;
                    map.Entries.Add(new FlashRecord
                    {
                        Address = a, Size = record, Key = key, Sequence = word & LogFormat.SeqMask, Length = length,
                        Tombstone = (info & LogFormat.InfoValue) == 0, InBatch = (word & LogFormat.RoleMask) != 0,
                    });
                    for (int i = 0; i < record; i++) map.KeyAt[a + i] = key;
                    for (int i = 0; i < 8; i++) map.Regions[a + i] = FlashRegion.RecordHeader;
                    for (int i = 0; i < padded; i++) map.Regions[a + 8 + i] = i < length ? FlashRegion.RecordValue : FlashRegion.RecordPadding;
                    for (int i = 0; i < 4; i++) map.Regions[a + 8 + padded + i] = FlashRegion.RecordCrc;
                }
                offset += record;
            }
        }

        /// <summary>How many bytes of each region, for reports.</summary>
        public Dictionary<FlashRegion, int> Census()
        {
            var census = new Dictionary<FlashRegion, int>();
            foreach (FlashRegion r in Regions)
            {
                int n;
                census.TryGetValue(r, out n);
                census[r] = n + 1;
            }
            return census;
        }
    }
}

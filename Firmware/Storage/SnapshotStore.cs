using System;
using System.Collections;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Storage
{
    /// <summary>
    /// First store: the whole record set is rewritten into sector 0 on every commit.
    /// Simple and readable, but NOT power-cut safe (a cut between erase and program
    /// loses everything) and it wears one sector. Replaced by the log store of
    /// "Flash store that survives any power cut".
    /// Format: "PTS1", u16 count, then per record u16 key, u16 length, bytes; little-endian.
    /// </summary>
    public sealed class SnapshotStore : IRecordStore
    {
        private const uint Magic = 0x31535450; // "PTS1"
        private readonly IFlash _flash;
        // Keys and values in parallel lists: mscorlib 1.17 has ArrayList but no Hashtable.
        private readonly ArrayList _keys = new ArrayList();
        private readonly ArrayList _values = new ArrayList();

        public SnapshotStore(IFlash flash)
        {
            _flash = flash;
            Load();
        }

        public byte[] Read(int key)
        {
            int i = _keys.IndexOf(key);
            return i < 0 ? null : (byte[])_values[i];
        }

        public void Write(int key, byte[] value)
        {
            int i = _keys.IndexOf(key);
            int old = i < 0 ? 0 : 4 + ((byte[])_values[i]).Length;
            if (Size() - old + 4 + value.Length > _flash.SectorSize)
            {
                throw new StoreFullException("store full");
            }
            if (i < 0)
            {
                _keys.Add(key);
                _values.Add(value);
            }
            else
            {
                _values[i] = value;
            }
            Save();
        }

        public void Delete(int key)
        {
            int i = _keys.IndexOf(key);
            if (i < 0) return;
            _keys.RemoveAt(i);
            _values.RemoveAt(i);
            Save();
        }

        private int Size()
        {
            int size = 6;
            for (int i = 0; i < _values.Count; i++)
            {
                size += 4 + ((byte[])_values[i]).Length;
            }
            return (size + 3) & ~3;
        }

        private void Load()
        {
            byte[] sector = new byte[_flash.SectorSize];
            _flash.Read(0, sector, 0, sector.Length);
            if (ReadU32(sector, 0) != Magic) return;
            int count = ReadU16(sector, 4);
            int p = 6;
            for (int i = 0; i < count && p + 4 <= sector.Length; i++)
            {
                int key = ReadU16(sector, p);
                int len = ReadU16(sector, p + 2);
                p += 4;
                if (p + len > sector.Length) return;
                byte[] value = new byte[len];
                Array.Copy(sector, p, value, 0, len);
                _keys.Add(key);
                _values.Add(value);
                p += len;
            }
        }

        private void Save()
        {
            byte[] image = new byte[Size()];
            for (int i = 0; i < image.Length; i++) image[i] = 0xFF;
            WriteU32(image, 0, Magic);
            WriteU16(image, 4, _keys.Count);
            int p = 6;
            for (int i = 0; i < _keys.Count; i++)
            {
                byte[] value = (byte[])_values[i];
                WriteU16(image, p, (int)_keys[i]);
                WriteU16(image, p + 2, value.Length);
                Array.Copy(value, 0, image, p + 4, value.Length);
                p += 4 + value.Length;
            }
            _flash.Erase(0);
            _flash.Program(0, image, 0, image.Length);
        }

        private static int ReadU16(byte[] b, int p) { return b[p] | (b[p + 1] << 8); }

        private static uint ReadU32(byte[] b, int p) { return (uint)(ReadU16(b, p) | (ReadU16(b, p + 2) << 16)); }

        private static void WriteU16(byte[] b, int p, int v) { b[p] = (byte)v; b[p + 1] = (byte)(v >> 8); }

        private static void WriteU32(byte[] b, int p, uint v) { WriteU16(b, p, (int)(v & 0xFFFF)); WriteU16(b, p + 2, (int)(v >> 16)); }
    }
}

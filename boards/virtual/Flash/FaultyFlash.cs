using System;
using System.IO;
using PosTerminal.Hal;

namespace PosTerminal.Virtual.Flash
{
    /// <summary>
    /// A flash that fails on demand, as a littlefs file on the device can (FileFlash's
    /// IOException): wraps a board's flash and throws IOException on the operations chosen.
    /// Failing operations change nothing. The terminal must catch it in its main loop and
    /// carry on (issue 9, never dead).
    /// </summary>
    public sealed class FaultyFlash : IFlash
    {
        private readonly IFlash _inner;

        public FaultyFlash(IFlash inner)
        {
            _inner = inner;
        }

        /// <summary>The next this many operations (read, program or erase) throw; 0: none.</summary>
        public int FailNext { get; set; }

        /// <summary>While true every operation throws (a flash that is gone).</summary>
        public bool FailAll { get; set; }

        /// <summary>Only writes (program, erase) fail; reads work.</summary>
        public bool WritesOnly { get; set; }

        /// <summary>
        /// What a failing operation throws, given the operation ("read", "program", "erase") and
        /// its address; null: FileFlash's IOException. Tests use another type to make a different fault.
        /// </summary>
        public Func<string, int, Exception> Error { get; set; }

        /// <summary>Operations that threw so far.</summary>
        public int Failures { get; private set; }

        public int SectorSize { get { return _inner.SectorSize; } }

        public int SectorCount { get { return _inner.SectorCount; } }

        public int WriteUnit { get { return _inner.WriteUnit; } }

        public void Read(int address, byte[] buffer, int offset, int count)
        {
            if (!WritesOnly) Check("read", address);
            _inner.Read(address, buffer, offset, count);
        }

        public void Program(int address, byte[] data, int offset, int count)
        {
            Check("program", address);
            _inner.Program(address, data, offset, count);
        }

        public void Erase(int sector)
        {
            Check("erase", sector * _inner.SectorSize);
            _inner.Erase(sector);
        }

        /// <summary>No more failures.</summary>
        public void Heal()
        {
            FailNext = 0;
            FailAll = false;
        }

        private void Check(string what, int address)
        {
            if (!FailAll && FailNext <= 0) return;
            if (FailNext > 0) FailNext--;
            Failures++;
            if (Error != null) throw Error(what, address);
            throw new IOException("injected flash " + what + " error at " + address);
        }
    }
}

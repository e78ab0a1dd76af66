using System;
using System.IO;
using PosTerminal.Firmware.Storage;
using PosTerminal.Virtual.Flash;

namespace PosTerminal.Simulator
{
    /// <summary>
    /// The file --flash names, checked before anything is written to it: the simulator
    /// mirrors the whole region into the file on every flash operation, so a wrong path
    /// would overwrite whatever the file held.
    /// </summary>
    public static class FlashFile
    {
        public const int RegionBytes = SimFlash.DefaultSectorCount * SimFlash.DefaultSectorSize;

        /// <summary>
        /// Why path cannot be the flash file, or null. An existing file must be a writable
        /// flash image of the region's size (see IsImage); a new path needs a folder that can
        /// hold it. reset (--flash-reset) replaces an image, never another kind of file.
        /// Nothing is written.
        /// </summary>
        public static string Problem(string path, bool reset)
        {
            string shown = "--flash " + path + ": ";
            if (Directory.Exists(path)) return shown + "is a folder; give the path of a flash file (a new path makes a new image)";
            if (!File.Exists(path)) return NewPathProblem(path, shown);
            if (IsReadOnly(path)) return shown + "the file is read-only; the simulator writes the flash image back to it";
            byte[] content;
            try
            {
                // Opening for writing changes nothing; it proves the file can be written later.
                using (var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read))
                {
                    if (stream.Length != RegionBytes) return shown + NotAnImage("it is " + stream.Length + " bytes, the flash region is " + RegionBytes, reset);
                    content = new byte[RegionBytes];
                    stream.ReadExactly(content);
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return shown + "cannot open the file for reading and writing: " + e.Message;
            }
            return IsImage(content) ? null : shown + NotAnImage("its content is neither erased flash nor the store's format (no sector starts with the store's magic)", reset);
        }

        /// <summary>
        /// True for a flash image: all erased (a new terminal), or a region where at least one
        /// sector header starts with the store's magic (LogFormat.SectorMagic). The store's newest
        /// sector always has a whole header, so an image a power cut or bit flips damaged
        /// elsewhere still passes, and the store's own boot recovery deals with the rest.
        /// </summary>
        public static bool IsImage(byte[] content)
        {
            if (content.Length != RegionBytes) return false;
            bool erased = true;
            foreach (byte b in content)
            {
                if (b != 0xFF)
                {
                    erased = false;
                    break;
                }
            }
            if (erased) return true;
            for (int sector = 0; sector < SimFlash.DefaultSectorCount; sector++)
            {
                if (LogFormat.ReadU32(content, sector * SimFlash.DefaultSectorSize) == LogFormat.SectorMagic) return true;
            }
            return false;
        }

        /// <summary>Writes a new, erased image to path (a new path, or --flash-reset); returns an error or null.</summary>
        public static string WriteErased(string path)
        {
            var erased = new byte[RegionBytes];
            Array.Fill(erased, (byte)0xFF);
            try
            {
                string folder = Path.GetDirectoryName(Path.GetFullPath(path));
                Directory.CreateDirectory(folder);
                File.WriteAllBytes(path, erased);
                return null;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return "--flash " + path + ": cannot write a new image: " + e.Message;
            }
        }

        private static string NotAnImage(string why, bool reset)
        {
            return "not a flash image: " + why + "; the file is left as it is" +
                (reset ? " (--flash-reset replaces only a flash image: remove the file yourself if you mean to lose it)" : "; give a new path to start a new image");
        }

        private static string NewPathProblem(string path, string shown)
        {
            string folder = Path.GetDirectoryName(Path.GetFullPath(path));
            while (folder != null && !Directory.Exists(folder))
            {
                if (File.Exists(folder)) return shown + "'" + folder + "' is a file, not a folder";
                folder = Path.GetDirectoryName(folder);
            }
            if (folder == null) return shown + "no folder of the path exists";
            if (IsReadOnly(folder)) return shown + "the folder '" + folder + "' is read-only";
            return null;
        }

        /// <summary>
        /// No write permission bit for anyone (Unix), or the read-only attribute (Windows). The
        /// mode bits count even for root, who could write anyway: a read-only file means "keep".
        /// </summary>
        private static bool IsReadOnly(string path)
        {
            if (OperatingSystem.IsWindows()) return (File.GetAttributes(path) & FileAttributes.ReadOnly) != 0;
            UnixFileMode mode = File.GetUnixFileMode(path);
            return (mode & (UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) == 0;
        }
    }
}

using System;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Storage;
using PosTerminal.Simulator;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Flash;

namespace PosTerminal.Firmware.Tests.Simulator
{
    /// <summary>What --flash takes as a flash image: erased flash and the store's images, damaged ones included; nothing else.</summary>
    [TestClass]
    public sealed class FlashFileTests
    {
        [TestMethod]
        public void ErasedFlashAndAStoreImageAreImages()
        {
            var erased = new byte[FlashFile.RegionBytes];
            Array.Fill(erased, (byte)0xFF);
            Assert.IsTrue(FlashFile.IsImage(erased));
            Assert.IsTrue(FlashFile.IsImage(UsedImage()));
        }

        [TestMethod]
        public void ADamagedImageTheStoreRecoversIsStillAnImage()
        {
            byte[] image = UsedImage();
            var rng = new Random(7);
            for (int i = 0; i < 200; i++) image[LogFormat.SectorHeaderSize + rng.Next(image.Length - LogFormat.SectorHeaderSize)] ^= (byte)(1 << rng.Next(8));
            Assert.IsTrue(FlashFile.IsImage(image), "bit flips in the records");
            // A power cut during an erase tears one sector's header; the store's other sectors keep theirs.
            var board = new EventBoard(new SimFlash());
            board.PowerOn();
            board.PressKeys("MENU 123456 ENTER 135790 ENTER 135790 ENTER ENTER");
            board.Flash.ScheduleCut(3);
            board.PressKeys("3 2");
            Assert.IsTrue(board.Flash.PowerCut, "the cut happened during the language write");
            Assert.IsTrue(FlashFile.IsImage(board.Flash.Image), "an image a power cut left");
        }

        [TestMethod]
        public void OtherContentIsNotAnImage()
        {
            Assert.IsFalse(FlashFile.IsImage(new byte[FlashFile.RegionBytes]), "all zeros");
            var random = new byte[FlashFile.RegionBytes];
            new Random(3).NextBytes(random);
            Assert.IsFalse(FlashFile.IsImage(random), "random bytes");
            byte[] longer = new byte[FlashFile.RegionBytes + 4096];
            Array.Fill(longer, (byte)0xFF);
            Assert.IsFalse(FlashFile.IsImage(longer), "erased, but not the region's size");
            byte[] shifted = UsedImage();
            Array.Copy(shifted, 0, shifted, 1, shifted.Length - 1);
            shifted[0] = 0xFF;
            Assert.IsFalse(FlashFile.IsImage(shifted), "an image moved by a byte has no sector header where one belongs");
        }

        [TestMethod]
        public void ProblemsNameThePathAndWriteNothing()
        {
            string folder = Path.Combine(Path.GetTempPath(), "flashfile-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            try
            {
                StringAssert.Contains(FlashFile.Problem(folder, false), "is a folder");
                string file = Path.Combine(folder, "a-file");
                File.WriteAllText(file, "text");
                StringAssert.Contains(FlashFile.Problem(Path.Combine(file, "terminal.flash"), false), "is a file, not a folder");
                StringAssert.Contains(FlashFile.Problem(file, false), "it is 4 bytes, the flash region is 65536");
                StringAssert.Contains(FlashFile.Problem(file, true), "--flash-reset replaces only a flash image");
                Assert.IsNull(FlashFile.Problem(Path.Combine(folder, "new", "terminal.flash"), false), "a new path is fine");
                Assert.AreEqual("text", File.ReadAllText(file));
                Assert.IsFalse(Directory.Exists(Path.Combine(folder, "new")), "checking creates nothing");
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        }

        /// <summary>The flash after a first login and a binding.</summary>
        private static byte[] UsedImage()
        {
            var board = new EventBoard(new SimFlash());
            board.PowerOn();
            board.PressKeys("MENU 123456 ENTER 135790 ENTER 135790 ENTER ENTER 1 1 2 6222021234567894 ENTER ENTER ENTER");
            Assert.AreEqual(1, Terminal.DescribeStoredBindings(board.Flash.Snapshot()).Length);
            return (byte[])board.Flash.Image.Clone();
        }
    }
}

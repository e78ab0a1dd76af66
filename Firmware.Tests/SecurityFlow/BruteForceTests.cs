using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Tools.Checks.Security;

namespace PosTerminal.Firmware.Tests.SecurityFlow
{
    /// <summary>Password guessing at the keypad, with reboots and power cuts: at most 10 guesses in any hour, no free try.</summary>
    [TestClass]
    public sealed class BruteForceTests
    {
        /// <summary>
        /// Patient (never reboots), rebooting after every guess, rebooting at random (after a
        /// guess and while locked out), cutting the power right after every ENTER: 4 hours of
        /// powered time each.
        /// </summary>
        [TestMethod]
        [DataRow(0.0, 0.0, 0.0, 10)]
        [DataRow(1.0, 0.0, 0.0, 10)]
        [DataRow(0.5, 0.02, 0.0, 5)]
        [DataRow(0.0, 0.0, 1.0, 5)]
        [DataRow(0.3, 0.01, 0.5, 5)]
        public void AnAttackerGetsAtMostTenGuessesAnHour(double rebootAfterGuess, double rebootWhileLocked, double cutAfterEnter, int atLeast)
        {
            BruteForceReport report = BruteForce.Run(4, 11, rebootAfterGuess, rebootWhileLocked, cutAfterEnter);
            Console.WriteLine(report);
            Assert.IsFalse(report.Broken);
            Assert.IsTrue(report.MostInAnyHour <= 10, report.ToString());
            Assert.IsTrue(report.SustainedPerHour <= 10, report.ToString());
            Assert.IsTrue(report.Guesses >= atLeast, "the attack must get its free tries: " + report);
            if (rebootAfterGuess > 0) Assert.IsTrue(report.Reboots >= 10, report.ToString());
            if (cutAfterEnter > 0) Assert.IsTrue(report.Cuts > 0, report.ToString());
        }

        [TestMethod]
        public void ACutRightAfterTheEnterGivesNoFreeTry()
        {
            CutReport report = BruteForce.FreeTriesFromCuts();
            Console.WriteLine(report);
            Assert.AreEqual(0, report.FreeTries.Count, string.Join("\n", report.FreeTries));
            // Some cuts landed before the comparison (nothing compared), some after it.
            Assert.IsTrue(report.Cuts > 0 && report.Compared > 0 && report.Compared < report.Cases, report.ToString());
        }
    }
}

using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Simulator.SecurityCheck;

namespace PosTerminal.Firmware.Tests.SecurityFlow
{
    /// <summary>Password guessing at the keypad, with reboots: at most 10 guesses in any hour.</summary>
    [TestClass]
    public sealed class BruteForceTests
    {
        /// <summary>
        /// Patient (never reboots), rebooting after every guess, and rebooting at random (after a
        /// guess and while locked out): 4 hours of powered time each.
        /// </summary>
        [TestMethod]
        [DataRow(0.0, 0.0, 10)]
        [DataRow(1.0, 0.0, 10)]
        [DataRow(0.5, 0.02, 5)]
        public void AnAttackerGetsAtMostTenGuessesAnHour(double rebootAfterGuess, double rebootWhileLocked, int atLeast)
        {
            BruteForceReport report = BruteForce.Run(4, 11, rebootAfterGuess, rebootWhileLocked);
            Console.WriteLine(report);
            Assert.IsFalse(report.Broken);
            Assert.IsTrue(report.MostInAnyHour <= 10, report.ToString());
            Assert.IsTrue(report.SustainedPerHour <= 10, report.ToString());
            Assert.IsTrue(report.Guesses >= atLeast, "the attack must get its free tries: " + report);
            if (rebootAfterGuess > 0) Assert.IsTrue(report.Reboots >= 10, report.ToString());
        }
    }
}

using System;
using PosTerminal.Virtual;

namespace PosTerminal.Tools.Checks.Security
{
    /// <summary>The technician's side of the console in checks: provisioning a new terminal and logging in.</summary>
    public static class Technician
    {
        public const string Code = "73920418";

        /// <summary>On a new terminal (factory state): sets the technician code, then logs in. Throws if either is refused.</summary>
        public static void Provision(SimBoard board)
        {
            Expect(board.SendConsoleLine("set-technician-code " + Code), "ok: technician code set");
            LogIn(board);
        }

        /// <summary>Logs the console in (again: after a reboot, or 5 idle minutes).</summary>
        public static void LogIn(SimBoard board)
        {
            Expect(board.SendConsoleLine("login " + Code), "ok: logged in");
        }

        private static void Expect(string[] output, string start)
        {
            if (output.Length != 1 || !output[0].StartsWith(start, StringComparison.Ordinal))
                throw new InvalidOperationException("console: expected '" + start + "', got: " + string.Join(" | ", output));
        }
    }
}

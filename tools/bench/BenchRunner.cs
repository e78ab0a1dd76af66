using System;

using PosTerminal.Virtual;

namespace PosTerminal.Tools.Bench
{
    /// <summary>
    /// `--bench NAME`: runs one benchmark, prints its figures and rewrites its section of
    /// docs/benchmarks.md. Each benchmark lives in its own class in this folder.
    /// </summary>
    public static class BenchRunner
    {
        public const string Names = "swipe, pins, store, security, fleet";

        public static int Run(string name)
        {
            switch (name)
            {
                case SwipeBench.Name:
                    return SwipeBench.Run();
                case PinsBench.Name:
                    return PinsBench.Run();
                case StoreBench.Name:
                    return StoreBench.Run(false);
                case SecurityBench.Name:
                    return SecurityBench.Run();
                case FleetBench.Name:
                    return FleetBench.Run();
                default:
                    Console.Error.WriteLine("unknown benchmark '" + name + "'; known: " + Names);
                    return 2;
            }
        }
    }
}

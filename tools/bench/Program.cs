using System;
using System.Text;

namespace PosTerminal.Tools.Bench
{
    /// <summary>`--bench NAME`: one benchmark (BenchRunner.Names); `--bench store --long` adds the long power-cut sweep.</summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            Console.OutputEncoding = Encoding.UTF8;
            bool longRun = args.Length == 3 && args[2] == "--long";
            if (args.Length < 2 || args.Length > 3 || args[0] != "--bench" || (args.Length == 3 && !longRun))
            {
                Console.Error.WriteLine("usage: PosTerminal.Bench --bench NAME [--long]   (NAME: " + BenchRunner.Names + "; --long: store only, adds the long power-cut sweep)");
                return 2;
            }
            if (longRun && args[1] != StoreBench.Name)
            {
                Console.Error.WriteLine("--long is for --bench " + StoreBench.Name + " only");
                return 2;
            }
            return longRun ? StoreBench.Run(true) : BenchRunner.Run(args[1]);
        }
    }
}

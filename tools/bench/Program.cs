using System;
using System.Text;

namespace PosTerminal.Tools.Bench
{
    /// <summary>`--bench NAME`: one benchmark (BenchRunner.Names).</summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            Console.OutputEncoding = Encoding.UTF8;
            if (args.Length != 2 || args[0] != "--bench")
            {
                Console.Error.WriteLine("usage: PosTerminal.Bench --bench NAME   (NAME: " + BenchRunner.Names + ")");
                return 2;
            }
            return BenchRunner.Run(args[1]);
        }
    }
}

using System;
using System.IO;
using PosTerminal.Virtual;

namespace PosTerminal.Tools.BoardGen
{
    /// <summary>
    /// boardgen --write|--check BOARD_JSON BOARDPINS_CS: reads board.json through the typed model
    /// (every BoardRules rule applies: a broken board is an error naming each problem), then
    /// writes BoardPins.cs when its text differs (--write), or fails when it does (--check).
    /// Exit 0: the file is current; 1: stale (--check) or a broken board; 2: usage.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length != 3 || (args[0] != "--write" && args[0] != "--check"))
            {
                Console.Error.WriteLine("usage: boardgen --write|--check BOARD_JSON BOARDPINS_CS");
                return 2;
            }
            BoardDescription board;
            try
            {
                board = BoardDescription.Load(args[1]);
            }
            catch (BoardDescriptionException e)
            {
                Console.Error.WriteLine("error: " + e.Message.Replace("\n", "\nerror: "));
                return 1;
            }
            string expected = BoardPinsSource.Generate(board);
            string path = args[2];
            string actual = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n") : null;
            if (actual == expected) return 0;
            if (args[0] == "--check")
            {
                Console.Error.WriteLine("error: " + path + " is stale: build without CI=true (dotnet build tools/boardgen) and commit it");
                return 1;
            }
            File.WriteAllText(path, expected);
            Console.WriteLine("boardgen: wrote " + path);
            return 0;
        }
    }
}

using PosTerminal.Hal;

namespace PosTerminal.GateSamples
{
    public interface ILine
    {
        bool Read();
    }

    public struct Point
    {
        public int X;
    }

    public enum Colour { Red, Green }

    /// <summary>Each method here breaks the reference-array rule once (NanoGateTests names them).</summary>
    public static class Refused
    {
        /// <summary>The crash of issue 9: never filled, then compared.</summary>
        public static bool NeverFilledString(string s)
        {
            string[] shown = new string[4];
            return shown[1] != s;
        }

        public static ILine[] NeverFilledInterface(int n)
        {
            return new ILine[n];
        }

        public static byte[][] NeverFilledJagged()
        {
            return new byte[3][];
        }

        /// <summary>The compiler stores no null: index 1 is never written.</summary>
        public static string[] InitializerWithNull()
        {
            return new string[] { "a", null, "c" };
        }

        /// <summary>Filled by a loop: safe at run time, but the gate cannot prove it, so it is refused.</summary>
        public static string[] FilledByLoop(int n)
        {
            string[] a = new string[n];
            for (int i = 0; i < n; i++) a[i] = "";
            return a;
        }

        /// <summary>Two-byte opcodes (ceq, cgt) and a switch before the bad newarr: the decoder must stay in step.</summary>
        public static object[] AfterSwitch(int k, int a, int b)
        {
            bool same = a == b;
            bool more = a > b;
            switch (k)
            {
                case 0: a++; break;
                case 1: a--; break;
                case 2: a = b; break;
                case 3: b = a; break;
            }
            return same || more ? new object[a + b] : null;
        }
    }

    /// <summary>Each method here keeps the rule; the gate must accept all of them.</summary>
    public static class Accepted
    {
        public static string[] ThroughNulls(int n)
        {
            return (string[])RefArrays.Nulls(new string[n]);
        }

        public static string[] FullInitializer(string x)
        {
            return new string[] { "a", x, x + "b", x.Length > 2 ? "long" : "short" };
        }

        public static object[] NestedInitializer()
        {
            return new object[] { new string[] { "x" }, "y" };
        }

        public static string Params(string a, string b, string c, string d, string e)
        {
            return string.Concat(new string[] { a, b, c, d, e });
        }

        public static string[] Empty()
        {
            return new string[0];
        }

        public static int ValueTypes(int n)
        {
            int[] a = new int[n];
            byte[] b = new byte[n];
            Point[] p = new Point[n];
            Colour[] c = new Colour[n];
            char[] t = new char[n];
            return a.Length + b.Length + p.Length + c.Length + t.Length;
        }
    }
}

using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace PosTerminal.Firmware.Tests.Display
{
    [TestClass]
    public sealed class CSharpLiteralsTests
    {
        [TestMethod]
        public void FindsEveryKindOfLiteralAndSkipsComments()
        {
            string source = string.Join("\n",
                "// 注释 \"not a literal\"",
                "/* 块注释 \"neither\" */",
                "var a = \"普通\\u4E00\\\"\";",
                "var b = @\"逐字\"\"\";",
                "var c = $\"插{(x ? \"真\" : \"假\")}值{{\";",
                "var d = '字';",
                "var e = \"\"\"原始\"\"\";",
                "var @class = 1;");
            string[] texts = CSharpLiterals.Scan("x.cs", source).Select(l => l.Text).ToArray();
            CollectionAssert.AreEqual(new[] { "普通一\"", "逐字\"", "真", "假", "插值{", "字", "原始" }, texts);
        }

        [TestMethod]
        public void ReportsTheLineALiteralStartsOn()
        {
            var found = CSharpLiterals.Scan("x.cs", "a\nb\n  \"文\"");
            Assert.AreEqual(1, found.Count);
            Assert.AreEqual(3, found[0].Line);
        }
    }
}

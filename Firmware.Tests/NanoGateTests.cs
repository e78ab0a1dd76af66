using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Tests.NanoGate;

namespace PosTerminal.Firmware.Tests
{
    /// <summary>
    /// The nanoFramework gate. Firmware/Nano compiles the portable code as the device's three
    /// assemblies (PosTerminal.Hal, PosTerminal.Firmware.Core, PosTerminal.Firmware), each against
    /// nanoFramework.CoreLibrary 1.17's mscorlib and the layers below it only (a compile error
    /// fails the build, and so `dotnet test`); this reads each result and fails on anything the
    /// 1.x interpreter cannot run: generic definitions, generic instantiations, references other
    /// than mscorlib and the lower layers, and any reference-type array that can be read before
    /// every element was stored (RefArrayGate). NanoAssemblySizeTests checks that each fits a .pe.
    /// </summary>
    [TestClass]
    public sealed class NanoGateTests
    {
        [TestMethod]
        [DataRow("PosTerminal.Hal", "mscorlib")]
        [DataRow("PosTerminal.Firmware.Core", "mscorlib, PosTerminal.Hal")]
        [DataRow("PosTerminal.Firmware", "mscorlib, PosTerminal.Hal, PosTerminal.Firmware.Core")]
        public void NanoAssemblyReferencesOnlyMscorlibAndTheLayersBelow(string assembly, string expected)
        {
            List<string> refs = new List<string>();
            Inspect(assembly, md =>
            {
                foreach (AssemblyReferenceHandle h in md.AssemblyReferences)
                {
                    refs.Add(md.GetString(md.GetAssemblyReference(h).Name));
                }
            });
            Assert.AreEqual(expected, string.Join(", ", refs.OrderBy(r => System.Array.IndexOf(Layers, r))), assembly + " references");
        }

        /// <summary>mscorlib, then the nano assemblies lowest first.</summary>
        private static readonly string[] Layers = new[] { "mscorlib" }.Concat(TestPaths.NanoAssemblyNames).ToArray();

        [TestMethod]
        [DataRow("PosTerminal.Hal")]
        [DataRow("PosTerminal.Firmware.Core")]
        [DataRow("PosTerminal.Firmware")]
        public void NanoAssemblyHasNoGenericDefinitions(string assembly)
        {
            List<string> found = new List<string>();
            Inspect(assembly, md =>
            {
                foreach (TypeDefinitionHandle h in md.TypeDefinitions)
                {
                    TypeDefinition type = md.GetTypeDefinition(h);
                    string name = md.GetString(type.Namespace) + "." + md.GetString(type.Name);
                    if (type.GetGenericParameters().Count > 0) found.Add("generic type " + name);
                    foreach (MethodDefinitionHandle m in type.GetMethods())
                    {
                        MethodDefinition method = md.GetMethodDefinition(m);
                        if (method.GetGenericParameters().Count > 0)
                            found.Add("generic method " + name + "." + md.GetString(method.Name));
                    }
                }
            });
            Assert.AreEqual(0, found.Count, string.Join("\n", found));
        }

        [TestMethod]
        [DataRow("PosTerminal.Hal")]
        [DataRow("PosTerminal.Firmware.Core")]
        [DataRow("PosTerminal.Firmware")]
        public void NanoAssemblyHasNoGenericInstantiations(string assembly)
        {
            List<string> found = new List<string>();
            Inspect(assembly, md =>
            {
                if (md.GetTableRowCount(TableIndex.MethodSpec) > 0)
                    found.Add(md.GetTableRowCount(TableIndex.MethodSpec) + " generic method instantiation(s)");
                var provider = new GenericFinder();
                for (int row = 1; row <= md.GetTableRowCount(TableIndex.TypeSpec); row++)
                {
                    TypeSpecification spec = md.GetTypeSpecification(MetadataTokens.TypeSpecificationHandle(row));
                    string shape = spec.DecodeSignature(provider, null);
                    if (shape.Contains("<")) found.Add("type " + shape);
                }
                foreach (MemberReferenceHandle h in md.MemberReferences)
                {
                    MemberReference member = md.GetMemberReference(h);
                    string shape = member.GetKind() == MemberReferenceKind.Field
                        ? member.DecodeFieldSignature(provider, null)
                        : Describe(member.DecodeMethodSignature(provider, null));
                    if (shape.Contains("<")) found.Add("member " + md.GetString(member.Name) + ": " + shape);
                }
                foreach (TypeDefinitionHandle t in md.TypeDefinitions)
                {
                    TypeDefinition type = md.GetTypeDefinition(t);
                    foreach (FieldDefinitionHandle f in type.GetFields())
                    {
                        FieldDefinition field = md.GetFieldDefinition(f);
                        string shape = field.DecodeSignature(provider, null);
                        if (shape.Contains("<")) found.Add("field " + md.GetString(field.Name) + ": " + shape);
                    }
                    foreach (MethodDefinitionHandle m in type.GetMethods())
                    {
                        MethodDefinition method = md.GetMethodDefinition(m);
                        string shape = Describe(method.DecodeSignature(provider, null));
                        if (shape.Contains("<")) found.Add("method " + md.GetString(method.Name) + ": " + shape);
                    }
                }
            });
            Assert.AreEqual(0, found.Count, string.Join("\n", found));
        }

        /// <summary>Issue 9's crash class: every reference-type newarr in Hal/ and Firmware/ is filled (RefArrayGate).</summary>
        [TestMethod]
        [DataRow("PosTerminal.Hal", 1)]
        [DataRow("PosTerminal.Firmware.Core", 10)]
        [DataRow("PosTerminal.Firmware", 10)]
        public void NanoAssemblyFillsEveryReferenceArray(string assembly, int atLeast)
        {
            string path = TestPaths.NanoAssembly(assembly);
            Assert.IsTrue(File.Exists(path), "the nano gate assembly was not built: " + path);
            List<string> problems = RefArrayGate.Check(path, References(assembly), null, out int accepted);
            Assert.AreEqual(0, problems.Count, assembly + ": " + problems.Count + " reference array(s) not filled:\n" + string.Join("\n", problems));
            // The gate saw this layer's arrays (RefArrays.Nulls calls and initializers), not nothing.
            Assert.IsGreaterThanOrEqualTo(atLeast, accepted, assembly + ": reference-type newarr accepted: " + accepted);
        }

        /// <summary>
        /// Every portable type is compiled for the device exactly once: Hal's types are nano Hal's,
        /// and the desktop firmware's types are split between nano Core and nano Firmware with none
        /// left out (a new Firmware/ folder must be given to one of the two) and none in both.
        /// </summary>
        [TestMethod]
        public void TheNanoAssembliesHoldEveryPortableTypeOnce()
        {
            List<string> hal = TypeNames(TestPaths.NanoAssembly("PosTerminal.Hal"));
            List<string> core = TypeNames(TestPaths.NanoAssembly("PosTerminal.Firmware.Core"));
            List<string> firmware = TypeNames(TestPaths.NanoAssembly("PosTerminal.Firmware"));
            CollectionAssert.AreEquivalent(TypeNames(typeof(Hal.RefArrays).Assembly.Location), hal, "Hal/ against nano PosTerminal.Hal");
            List<string> desktop = TypeNames(typeof(Terminal).Assembly.Location);
            List<string> both = core.Intersect(firmware).ToList();
            Assert.AreEqual(0, both.Count, "in Core and in Firmware: " + string.Join(", ", both));
            List<string> missing = desktop.Except(core).Except(firmware).ToList();
            Assert.AreEqual(0, missing.Count, "compiled on the desktop but in no nano assembly (add its folder to Firmware/Nano/Core or Firmware, and to the device's .nfproj): "
                + string.Join(", ", missing));
            CollectionAssert.AreEquivalent(desktop, core.Concat(firmware).ToList());
            Assert.IsGreaterThan(50, core.Count, "Core types: " + core.Count);
        }

        /// <summary>Type names an assembly defines, less what the compiler adds (closures, embedded attributes).</summary>
        private static List<string> TypeNames(string path)
        {
            using (var pe = new PEReader(File.OpenRead(path)))
            {
                MetadataReader md = pe.GetMetadataReader();
                var names = new List<string>();
                foreach (TypeDefinitionHandle h in md.TypeDefinitions)
                {
                    TypeDefinition type = md.GetTypeDefinition(h);
                    string name = md.GetString(type.Name);
                    string ns = md.GetString(type.Namespace);
                    if (name.Contains('<') || name == "<Module>") continue;
                    if (ns == "Microsoft.CodeAnalysis" || ns == "System.Runtime.CompilerServices") continue;
                    string outer = type.GetDeclaringType().IsNil ? "" : md.GetString(md.GetTypeDefinition(type.GetDeclaringType()).Name) + "+";
                    if (outer.Contains('<')) continue;
                    names.Add(ns + "." + outer + name);
                }
                return names;
            }
        }

        /// <summary>What a nano assembly was compiled against: mscorlib and the nano assemblies below it.</summary>
        private static string[] References(string assembly)
        {
            int layer = System.Array.IndexOf(TestPaths.NanoAssemblyNames, assembly);
            return new[] { TestPaths.NanoMscorlib }.Concat(TestPaths.NanoAssemblyNames.Take(layer).Select(TestPaths.NanoAssembly)).ToArray();
        }

        [TestMethod]
        [DataRow("NeverFilledString", "elements never stored: 0, 1, 2, 3 of 4")]
        [DataRow("NeverFilledInterface", "its length is not a constant")]
        [DataRow("NeverFilledJagged", "elements never stored: 0, 1, 2 of 3")]
        [DataRow("InitializerWithNull", "elements never stored: 1 of 3")]
        [DataRow("FilledByLoop", "its length is not a constant")]
        [DataRow("AfterSwitch", "its length is not a constant")]
        public void TheGateRefusesAnArrayThatCanBeReadUnfilled(string method, string why)
        {
            List<string> problems = CheckSamples("PosTerminal.GateSamples.Refused." + method);
            Assert.AreEqual(1, problems.Count, string.Join("\n", problems));
            StringAssert.StartsWith(problems[0], "PosTerminal.GateSamples.Refused." + method + " IL_");
            StringAssert.Contains(problems[0], why);
        }

        [TestMethod]
        public void TheGateNamesTheElementTypeAndOffset()
        {
            string problem = CheckSamples("PosTerminal.GateSamples.Refused.NeverFilledJagged").Single();
            StringAssert.Contains(problem, ": newarr System.Byte[]: ");
            problem = CheckSamples("PosTerminal.GateSamples.Refused.NeverFilledInterface").Single();
            StringAssert.Contains(problem, "newarr PosTerminal.GateSamples.ILine");
        }

        [TestMethod]
        public void TheGateAcceptsNullsInitializersAndValueTypes()
        {
            List<string> problems = RefArrayGate.Check(TestPaths.GateSamplesAssembly, new[] { TestPaths.NanoMscorlib },
                name => name.StartsWith("PosTerminal.GateSamples.Accepted.", System.StringComparison.Ordinal), out int accepted);
            Assert.AreEqual(0, problems.Count, string.Join("\n", problems));
            // ThroughNulls 1, FullInitializer 1, NestedInitializer 2, Params 1, Empty 1; ValueTypes none.
            Assert.AreEqual(6, accepted);
        }

        private static List<string> CheckSamples(string method)
        {
            Assert.IsTrue(File.Exists(TestPaths.GateSamplesAssembly), "the gate samples were not built: " + TestPaths.GateSamplesAssembly);
            return RefArrayGate.Check(TestPaths.GateSamplesAssembly, new[] { TestPaths.NanoMscorlib }, name => name == method, out _);
        }

        private static string Describe(MethodSignature<string> signature)
        {
            return signature.ReturnType + "(" + string.Join(",", signature.ParameterTypes) + ")";
        }

        private static void Inspect(string assembly, System.Action<MetadataReader> check)
        {
            string path = TestPaths.NanoAssembly(assembly);
            Assert.IsTrue(File.Exists(path), "the nano gate assembly was not built: " + path);
            using (var pe = new PEReader(File.OpenRead(path)))
            {
                check(pe.GetMetadataReader());
            }
        }

        /// <summary>Renders a signature as text, marking every generic construct with '&lt;'.</summary>
        private sealed class GenericFinder : ISignatureTypeProvider<string, object>
        {
            public string GetArrayType(string elementType, ArrayShape shape) { return elementType + "[,]"; }
            public string GetByReferenceType(string elementType) { return elementType + "&"; }
            public string GetFunctionPointerType(MethodSignature<string> signature) { return "fnptr"; }
            public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) { return genericType + "<" + string.Join(",", typeArguments) + ">"; }
            public string GetGenericMethodParameter(object genericContext, int index) { return "<!!" + index + ">"; }
            public string GetGenericTypeParameter(object genericContext, int index) { return "<!" + index + ">"; }
            public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) { return unmodifiedType; }
            public string GetPinnedType(string elementType) { return elementType; }
            public string GetPointerType(string elementType) { return elementType + "*"; }
            public string GetPrimitiveType(PrimitiveTypeCode typeCode) { return typeCode.ToString(); }
            public string GetSZArrayType(string elementType) { return elementType + "[]"; }
            public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) { return reader.GetString(reader.GetTypeDefinition(handle).Name); }
            public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) { return reader.GetString(reader.GetTypeReference(handle).Name); }
            public string GetTypeFromSpecification(MetadataReader reader, object genericContext, TypeSpecificationHandle handle, byte rawTypeKind) { return reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext); }
        }
    }
}
